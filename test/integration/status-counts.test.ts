import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchColumn, IntakeResult } from '../../main/api/contract';
import {
  COMPACT_STATUS_COUNTS,
  startStatusCountCompaction,
} from '../../main/domain/tickets/status-counts';
import { testOnPostgres } from '../helpers/pg-test-db';
import { STATUS_COUNT_DRIFT } from '../helpers/status-count-drift';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/**
 * Tickets per status as the ticket triggers keep them (`ticket_status_count`, what the board's
 * badges and the backlog read) always equal a recount of the tickets, whatever changes them; on
 * PostgreSQL also with many writers and compactions at once, where a change appends rows.
 */
let shop: TestShop;
let counter: string;
let manager: string;
const taken: IntakeResult['ticket'][] = [];

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  manager = await shop.as('manager');
  for (let i = 0; i < 12; i++) {
    const r = (await shop.call(counter, 'intake.commit', {
      ...validWalkIn(),
      idempotencyKey: `status-count-${i}`,
    })) as IntakeResult;
    taken.push(r.ticket);
  }
}, 60_000);
afterAll(() => shop.close());

const move = async (id: number, to: string) => {
  const row = await shop.sql.get<{ version: number }>(
    'SELECT version FROM ticket WHERE id = ?',
    id,
  );
  await shop.call(manager, 'bench.transition', { id, version: row!.version, to });
};
const drift = () => shop.sql.all(STATUS_COUNT_DRIFT);
const recount = async (status: string) =>
  Number(
    (await shop.sql.get<{ n: number }>('SELECT count(*) AS n FROM ticket WHERE status = ?', status))
      ?.n,
  );

describe('tickets per status, kept by the ticket triggers', () => {
  it('follow intakes, moves, raw edits and deletions; the board, a column and the backlog say them', async () => {
    expect(await drift()).toEqual([]);
    const [a, b, c, d] = taken;
    // moves as the bench makes them
    await move(a.id, 'diagnosing');
    await move(b.id, 'diagnosing');
    // as a tool on the database would: a move, a write of the same status, another column
    await shop.sql.run("UPDATE ticket SET status = 'on_hold' WHERE id = ?", c.id);
    await shop.sql.run("UPDATE ticket SET status = 'received' WHERE id = ?", d.id);
    await shop.sql.run("UPDATE ticket SET problem = 'Keeps rebooting' WHERE id = ?", d.id);
    // a ticket gone (its history first)
    for (const history of ['ticket_event', 'print_job'])
      await shop.sql.run(`DELETE FROM ${history} WHERE ticket_id = ?`, d.id);
    await shop.sql.run('DELETE FROM ticket WHERE id = ?', d.id);
    expect(await drift()).toEqual([]);

    const { columns } = (await shop.call(manager, 'bench.queue', {})) as {
      columns: BenchColumn[];
    };
    for (const col of columns)
      expect([col.status, col.total]).toEqual([col.status, await recount(col.status)]);
    expect(columns.find((x) => x.status === 'received')!.total).toBe(taken.length - 4);
    expect(columns.find((x) => x.status === 'diagnosing')!.total).toBe(2);
    const hold = (await shop.call(manager, 'bench.column', {
      status: 'on_hold',
      offset: 0,
      limit: 10,
    })) as BenchColumn;
    expect([hold.total, hold.rows.map((r) => r.id)]).toEqual([1, [c.id]]);
    const list = (await shop.call(manager, 'tickets.list', { limit: 5, offset: 0 })) as {
      total: number;
    };
    expect(list.total).toBe(taken.length - 1);
  });
});

describe.runIf(testOnPostgres)('tickets per status on PostgreSQL: appended, folded', () => {
  const rowsOf = async () =>
    Number((await shop.sql.get<{ n: number }>('SELECT count(*) AS n FROM ticket_status_count'))?.n);

  it('ten writers moving tickets both ways, several per transaction, beside compactions: no wait, no deadlock, no drift', async () => {
    // Tickets enough for each writer to own its own (the ticket rows never conflict; only the
    // counts would, had they one row per status).
    const cols = (
      await shop.sql.all<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ticket' AND column_name NOT IN ('id', 'number', 'intake_key')",
      )
    ).map((r) => r.column_name);
    await shop.sql.run(
      `INSERT INTO ticket (number, ${cols.join(', ')})
       SELECT 'SC-' || g, ${cols.join(', ')} FROM ticket, generate_series(1, 200) g WHERE id = ?`,
      taken[5].id,
    );
    const WRITERS = 10;
    const clients = await Promise.all(
      Array.from({ length: WRITERS + 2 }, async () => {
        const c = new pg.Client({ connectionString: shop.dbUrl });
        await c.connect();
        return c;
      }),
    );
    const ids = (
      await shop.sql.all<{ id: number }>(
        "SELECT id FROM ticket WHERE number LIKE 'SC-%' ORDER BY id",
      )
    ).map((r) => r.id);
    const statuses = ['received', 'diagnosing', 'in_repair', 'ready'];
    const errors: string[] = [];
    let moves = 0;
    let writing = WRITERS;
    const writer = async (c: pg.Client, w: number) => {
      const own = ids.filter((_, i) => i % WRITERS === w);
      for (let round = 0; round < 25; round++) {
        // even writers walk the statuses forwards, odd ones backwards, three tickets a time
        const pick = [0, 1, 2].map((k) => own[(round * 3 + k) % own.length]);
        const step = w % 2 === 0 ? round : statuses.length * 100 - round;
        try {
          await c.query('BEGIN');
          for (const [k, id] of pick.entries()) {
            await c.query('UPDATE ticket SET status = $1 WHERE id = $2', [
              statuses[(step + k) % statuses.length],
              id,
            ]);
            moves++;
          }
          await c.query('COMMIT');
        } catch (err) {
          errors.push((err as Error).message);
          await c.query('ROLLBACK');
        }
      }
      writing--;
    };
    let folds = 0;
    const compactor = async (c: pg.Client) => {
      while (writing > 0) {
        try {
          await c.query(COMPACT_STATUS_COUNTS);
          folds++;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    };
    try {
      await Promise.all([
        ...clients.slice(0, WRITERS).map((c, w) => writer(c, w)),
        ...clients.slice(WRITERS).map((c) => compactor(c)),
      ]);
    } finally {
      for (const c of clients) await c.end();
    }
    expect(errors).toEqual([]);
    expect(moves).toBe(WRITERS * 25 * 3);
    expect(folds).toBeGreaterThan(1);
    expect(await drift()).toEqual([]);
  }, 60_000);

  it("the station's timer folds the rows into one per status; the counts are the same after", async () => {
    for (let i = 0; i < 40; i++) {
      await shop.sql.run(
        "UPDATE ticket SET status = CASE WHEN status = 'received' THEN 'diagnosing' ELSE 'received' END WHERE id = ?",
        taken[6].id,
      );
    }
    expect(await rowsOf()).toBeGreaterThanOrEqual(40);
    const errors: unknown[] = [];
    const timer = startStatusCountCompaction(
      () => shop.ws.services.dataSource,
      { error: (_m, e) => errors.push(e) },
      50,
    );
    try {
      const statuses = Number(
        (await shop.sql.get<{ n: number }>('SELECT count(DISTINCT status) AS n FROM ticket'))?.n,
      );
      for (let i = 0; i < 100 && (await rowsOf()) > statuses; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await rowsOf()).toBe(statuses);
    } finally {
      timer.stop();
    }
    expect(errors).toEqual([]);
    expect(await drift()).toEqual([]);
  });
});
