import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackDto, ManagerTaskDto, PrintJobDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;

/** Walks a list page by page through the API until a short page; returns every id seen. */
async function walk<T extends { id: number }>(
  page: (last: T | undefined) => Promise<T[]>,
  size: number,
): Promise<number[]> {
  const seen: number[] = [];
  let last: T | undefined;
  for (;;) {
    const rows = await page(last);
    seen.push(...rows.map((r) => r.id));
    if (rows.length < size) return seen;
    last = rows[rows.length - 1];
  }
}

beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  const counter = await shop.as('counter');
  const tickets: Array<{ id: number; customerId: number }> = [];
  for (let i = 0; i < 3; i++) {
    const r = (await shop.call(counter, 'intake.commit', validWalkIn())) as {
      ticket: { id: number; customerId: number };
    };
    tickets.push(r.ticket);
  }
  const sql = shop.sql;
  // History with ties on the time column, so paging must also order by id.
  for (let i = 0; i < 37; i++) {
    await sql.run(
      `INSERT INTO print_job (kind, payload, status, idempotency_key, attempts, created_at, updated_at, printed_at)
       VALUES ('intake_receipt', '{"kind":"receipt","widthMm":80,"lines":[]}', 'done', ?, 1, ?, ?, ?)`,
      `p${i}`,
      1000 + i,
      1000 + i,
      1000 + i,
    );
  }
  for (let i = 0; i < 23; i++) {
    await sql.run(
      `INSERT INTO manager_task (kind, customer_id, summary, due_at, status, plan, outcome, done_by, done_at, created_at, version)
       VALUES ('callback', ?, 'neutral', 1, 'done', 'p', 'o', NULL, ?, 1, 1)`,
      tickets[0].customerId,
      5000 + Math.floor(i / 4),
    );
  }
  await sql.run(`UPDATE callback SET due_at = 7000, status = 'done', done_at = 7000`);
  await sql.run(
    `INSERT INTO callback (ticket_id, customer_id, due_at, status, attempts, done_at, version)
     SELECT id, customer_id, 7000, 'done', 1, 7000, 1 FROM ticket WHERE id NOT IN (SELECT ticket_id FROM callback)`,
  );
});
afterAll(() => shop.close());

describe('keyset paging of lists that grow forever', () => {
  it('printed jobs: every job once, newest first, page after page', async () => {
    const ids = await walk<PrintJobDto>(
      (last) =>
        shop.call(manager, 'printJobs.list', {
          status: 'done',
          limit: 10,
          before: last?.id,
        }) as Promise<PrintJobDto[]>,
      10,
    );
    const all = (
      await shop.sql.all<{ id: number }>(
        `SELECT id FROM print_job WHERE status = 'done' ORDER BY id DESC`,
      )
    ).map((r) => r.id);
    expect(ids).toEqual(all);
    expect(ids).toHaveLength(37);
  });

  it('done manager tasks: ties on the done time are neither lost nor repeated', async () => {
    const ids = await walk<ManagerTaskDto>(
      (last) =>
        shop.call(manager, 'managerTasks.list', {
          view: 'done',
          limit: 5,
          after: last ? { at: last.doneAt!, id: last.id } : undefined,
        }) as Promise<ManagerTaskDto[]>,
      5,
    );
    const all = (
      await shop.sql.all<{ id: number }>(
        `SELECT id FROM manager_task WHERE status = 'done' ORDER BY done_at DESC, id DESC`,
      )
    ).map((r) => r.id);
    expect(ids).toEqual(all);
    expect(new Set(ids).size).toBe(23);
  });

  it('all callbacks (same due time everywhere): paged by id within the tie', async () => {
    const ids = await walk<CallbackDto>(
      (last) =>
        shop.call(manager, 'callbacks.queue', {
          view: 'all',
          limit: 1,
          after: last ? { at: last.dueAt, id: last.id } : undefined,
        }) as Promise<CallbackDto[]>,
      1,
    );
    const all = (
      await shop.sql.all<{ id: number }>(`SELECT id FROM callback ORDER BY due_at DESC, id DESC`)
    ).map((r) => r.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(all);
  });

  it('a bad cursor is refused with a validation error', async () => {
    for (const input of [
      { view: 'done', after: { at: -1, id: 1 } },
      { view: 'done', after: { at: 1 } },
      { view: 'done', after: { at: 1, id: 1, x: 1 } },
      { view: 'done', limit: 0 },
      { view: 'done', limit: 201 },
    ]) {
      expect((await shop.fail(manager, 'managerTasks.list', input)).code).toBe('VALIDATION');
      expect((await shop.fail(manager, 'callbacks.queue', input)).code).toBe('VALIDATION');
    }
    for (const before of [0, -5, 'x', 1.5]) {
      expect((await shop.fail(manager, 'printJobs.list', { status: 'done', before })).code).toBe(
        'VALIDATION',
      );
    }
  });
});
