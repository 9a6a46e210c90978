import type BetterSqlite3 from 'better-sqlite3';
import { In } from 'typeorm';
import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import { Callback, Customer, Device, ManagerTask, PrintJob, Staff, Ticket } from '../db/entities';
import { sectionCall } from './bench-ctx';
import { measure, type BenchLine } from './bench-measure';
import { prep, type RawDb } from './bench-raw-db';
import type { Sql } from '../db/sql';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  n: number;
  warm: number;
  /** Rows of history each list should hold (topped up when the folder has fewer). */
  history: number;
  rand: () => number;
  want: (name: string) => boolean;
  print: (line: BenchLine & { rows: number }) => void;
}

const PAGE = 50;
/** The first page's id cursor: above every id (PostgreSQL's ids are 32-bit integers). */
const MAX_ID = 2 ** 31 - 1;

/**
 * The lists that grow forever, a page at a time: printed jobs in the print queue, all callbacks,
 * done manager tasks. Each sample asks for the first page or a page deep in the history (the
 * cursor of a random row), as "load more" does. raw runs the same keyset SQL on the raw handle;
 * naive pages the TypeORM way, by offset (skip/take), and loads the joined rows with In().
 * Folders with less history are topped up (in one transaction) to `history` rows each.
 */
export async function benchLists({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  history,
  rand,
  want,
  print,
}: Ctx) {
  const raw = { prepare: (text: string) => prep(rawDb.sql, text) };
  /** History rows are added in one statement per list on PostgreSQL (a row per round trip
   * would take minutes), in one transaction of prepared inserts on SQLite as before. */
  const topUp = (
    sqlite: (db: BetterSqlite3.Database, t: number) => number,
    pg: (sql: Sql, t: number) => Promise<number>,
  ) =>
    rawDb.engine === 'sqlite'
      ? Promise.resolve(sqlite(ws.services.raw, history))
      : pg(rawDb.sql, history);
  const ds = ws.services.dataSource;
  const total = n + warm;
  const call = sectionCall(ws, meta);
  /** Random rows of a list as cursors, one in four the first page; with each row's offset. */
  const cursors = async <R extends { id: number }>(
    sql: string,
    count: (r: R) => Promise<number>,
  ) => {
    const rows = (await raw.prepare(sql).all()) as R[];
    if (rows.length === 0) throw new Error('bench-lists: the list is empty');
    const out: Array<{ row: R | null; offset: number }> = [];
    for (let i = 0; i < total; i++) {
      if (i % 4 === 0) out.push({ row: null, offset: 0 });
      else {
        const row = rows[Math.floor(rand() * rows.length)];
        out.push({ row, offset: await count(row) });
      }
    }
    return out;
  };
  const nOf = async (p: Promise<unknown>) => Number(((await p) as { n: number }).n);

  if (want('printJobs.donePage')) {
    const rows = await topUp(topUpPrintJobs, pgTopUpPrintJobs);
    const offsetOf = raw.prepare(
      `SELECT count(*) AS n FROM print_job WHERE status = 'done' AND id >= ?`,
    );
    const cs = await cursors<{ id: number }>(
      `SELECT id FROM print_job WHERE status = 'done' AND id % 97 = 0`,
      (r) => nOf(offsetOf.get(r.id)),
    );
    const page = raw.prepare(
      `SELECT * FROM print_job WHERE status = 'done' AND id < ? ORDER BY id DESC LIMIT ${PAGE}`,
    );
    const line = await measure('printJobs.donePage', n, warm, {
      app: (i) => () =>
        call('printJobs.list', { status: 'done', limit: PAGE, before: cs[i].row?.id }),
      raw: (i) => async () =>
        ((await page.all(cs[i].row?.id ?? MAX_ID)) as Array<{ payload: string }>).map((r) => ({
          ...r,
          document: JSON.parse(r.payload) as unknown,
        })),
      naive: (i) => async () =>
        (
          await ds.getRepository(PrintJob).find({
            where: { status: 'done' },
            order: { id: 'DESC' },
            skip: cs[i].offset,
            take: PAGE,
          })
        ).map((j) => ({ ...j, document: JSON.parse(j.payload) as unknown })),
    });
    print({ ...line, rows });
  }

  if (want('callbacks.allPage')) {
    const rows = await topUp(topUpCallbacks, pgTopUpCallbacks);
    const offsetOf = raw.prepare(
      `SELECT count(*) AS n FROM callback WHERE due_at > ? OR (due_at = ? AND id >= ?)`,
    );
    const cs = await cursors<{ id: number; due_at: number }>(
      `SELECT id, due_at FROM callback WHERE id % 13 = 0`,
      (r) => nOf(offsetOf.get(r.due_at, r.due_at, r.id)),
    );
    const page = raw.prepare(
      `SELECT cb.*, t.number, t.collected_at, c.name AS customer_name, c.phone AS customer_phone, d.brand, d.model
       FROM callback cb JOIN ticket t ON t.id = cb.ticket_id JOIN customer c ON c.id = cb.customer_id
       JOIN device d ON d.id = t.device_id
       WHERE cb.due_at <= ? AND (cb.due_at < ? OR cb.id < ?) ORDER BY cb.due_at DESC, cb.id DESC LIMIT ${PAGE}`,
    );
    const line = await measure('callbacks.allPage', n, warm, {
      app: (i) => () => {
        const r = cs[i].row;
        return call('callbacks.queue', {
          view: 'all',
          limit: PAGE,
          after: r ? { at: r.due_at, id: r.id } : undefined,
        });
      },
      raw: (i) => () => {
        const r = cs[i].row;
        const at = r?.due_at ?? Number.MAX_SAFE_INTEGER;
        return page.all(at, at, r?.id ?? MAX_ID);
      },
      naive: (i) => async () => {
        const cbs = await ds.getRepository(Callback).find({
          order: { dueAt: 'DESC', id: 'DESC' },
          skip: cs[i].offset,
          take: PAGE,
        });
        const tickets = await ds
          .getRepository(Ticket)
          .findBy({ id: In(cbs.map((c) => c.ticketId)) });
        const [customers, devices] = await Promise.all([
          ds.getRepository(Customer).findBy({ id: In(cbs.map((c) => c.customerId)) }),
          ds.getRepository(Device).findBy({ id: In(tickets.map((t) => t.deviceId)) }),
        ]);
        return { cbs, tickets, customers, devices };
      },
    });
    print({ ...line, rows });
  }

  if (want('managerTasks.donePage')) {
    const rows = await topUp(topUpTasks, pgTopUpTasks);
    const offsetOf = raw.prepare(
      `SELECT count(*) AS n FROM manager_task WHERE status = 'done' AND (done_at > ? OR (done_at = ? AND id >= ?))`,
    );
    const cs = await cursors<{ id: number; done_at: number }>(
      `SELECT id, done_at FROM manager_task WHERE status = 'done' AND id % 97 = 0`,
      (r) => nOf(offsetOf.get(r.done_at, r.done_at, r.id)),
    );
    const page = raw.prepare(
      `SELECT m.*, t.number, c.name AS customer_name, c.phone AS customer_phone, s.name AS done_by_name
       FROM manager_task m JOIN customer c ON c.id = m.customer_id LEFT JOIN ticket t ON t.id = m.ticket_id
       LEFT JOIN staff s ON s.id = m.done_by
       WHERE m.status = 'done' AND m.done_at <= ? AND (m.done_at < ? OR m.id < ?)
       ORDER BY m.done_at DESC, m.id DESC LIMIT ${PAGE}`,
    );
    const line = await measure('managerTasks.donePage', n, warm, {
      app: (i) => () => {
        const r = cs[i].row;
        return call('managerTasks.list', {
          view: 'done',
          limit: PAGE,
          after: r ? { at: r.done_at, id: r.id } : undefined,
        });
      },
      raw: (i) => () => {
        const r = cs[i].row;
        const at = r?.done_at ?? Number.MAX_SAFE_INTEGER;
        return page.all(at, at, r?.id ?? MAX_ID);
      },
      naive: (i) => async () => {
        const tasks = await ds.getRepository(ManagerTask).find({
          where: { status: 'done' },
          order: { doneAt: 'DESC', id: 'DESC' },
          skip: cs[i].offset,
          take: PAGE,
        });
        const ids = (pick: (t: ManagerTask) => number | null) =>
          In(tasks.map(pick).filter((x): x is number => x !== null));
        const [customers, tickets, staff] = await Promise.all([
          ds.getRepository(Customer).findBy({ id: ids((t) => t.customerId) }),
          ds.getRepository(Ticket).findBy({ id: ids((t) => t.ticketId) }),
          ds.getRepository(Staff).findBy({ id: ids((t) => t.doneBy) }),
        ]);
        return { tasks, customers, tickets, staff };
      },
    });
    print({ ...line, rows });
  }
}

const count = (raw: BetterSqlite3.Database, sql: string) =>
  (raw.prepare(sql).get() as { n: number }).n;

/** Printed receipts and labels of the past, oldest first, until `target` are done. */
function topUpPrintJobs(raw: BetterSqlite3.Database, target: number): number {
  const have = count(raw, `SELECT count(*) AS n FROM print_job WHERE status = 'done'`);
  const insert = raw.prepare(
    `INSERT INTO print_job (kind, ticket_id, payload, status, idempotency_key, attempts, created_at, updated_at, printed_at)
     VALUES (?, NULL, ?, 'done', ?, 1, ?, ?, ?)`,
  );
  const start = Date.now() - 400 * 86_400_000;
  raw.transaction(() => {
    for (let i = have; i < target; i++) {
      const at = start + i * 1000;
      const receipt = i % 2 === 0;
      const doc = receipt
        ? { kind: 'receipt', widthMm: 80, lines: [{ type: 'text', text: `Receipt ${i}` }] }
        : { kind: 'label', widthMm: 50, heightMm: 30, lines: [{ type: 'text', text: `Tag ${i}` }] };
      insert.run(
        receipt ? 'intake_receipt' : 'device_tag',
        JSON.stringify(doc),
        `bench-history:${i}`,
        at,
        at,
        at,
      );
    }
  })();
  return Math.max(have, target);
}

/** Done callbacks for collected tickets without one (one callback per ticket). */
function topUpCallbacks(raw: BetterSqlite3.Database, target: number): number {
  const have = count(raw, `SELECT count(*) AS n FROM callback`);
  if (have < target) {
    raw
      .prepare(
        `INSERT INTO callback (ticket_id, customer_id, due_at, status, attempts, last_attempt_at, satisfaction, nps, staff_id, done_at, version)
         SELECT t.id, t.customer_id, coalesce(t.collected_at, t.received_at) + 86400000, 'done', 1,
                coalesce(t.collected_at, t.received_at) + 90000000, 'satisfied', 9, t.created_by,
                coalesce(t.collected_at, t.received_at) + 90000000, 1
         FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM callback c WHERE c.ticket_id = t.id)
         ORDER BY t.id LIMIT ?`,
      )
      .run(target - have);
  }
  return count(raw, `SELECT count(*) AS n FROM callback`);
}

/** Done manager tasks (a neutral callback each, handled by a manager) until `target`. */
function topUpTasks(raw: BetterSqlite3.Database, target: number): number {
  const have = count(raw, `SELECT count(*) AS n FROM manager_task WHERE status = 'done'`);
  const customers = count(raw, `SELECT max(id) AS n FROM customer`);
  const manager = raw.prepare(`SELECT id FROM staff ORDER BY id LIMIT 1`).get() as { id: number };
  const insert = raw.prepare(
    `INSERT INTO manager_task (kind, customer_id, summary, due_at, status, plan, outcome, done_by, done_at, created_at, version)
     VALUES ('callback', ?, 'Customer neutral on the callback', ?, 'done', 'Call back', 'Resolved', ?, ?, ?, 1)`,
  );
  const start = Date.now() - 400 * 86_400_000;
  raw.transaction(() => {
    for (let i = have; i < target; i++) {
      const at = start + i * 1000;
      insert.run(1 + (i % customers), at, manager.id, at + 1800_000, at);
    }
  })();
  return Math.max(have, target);
}

/** PostgreSQL: the same history as topUpPrintJobs, in one INSERT … SELECT. */
async function pgTopUpPrintJobs(sql: Sql, target: number): Promise<number> {
  const have = Number(
    (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM print_job WHERE status = 'done'`))!.n,
  );
  if (have >= target) return have;
  const start = Date.now() - 400 * 86_400_000;
  await sql.run(
    `INSERT INTO print_job (kind, ticket_id, payload, status, idempotency_key, attempts, created_at, updated_at, printed_at)
     SELECT CASE WHEN i % 2 = 0 THEN 'intake_receipt' ELSE 'device_tag' END, NULL,
            CASE WHEN i % 2 = 0
              THEN '{"kind":"receipt","widthMm":80,"lines":[{"type":"text","text":"Receipt ' || i || '"}]}'
              ELSE '{"kind":"label","widthMm":50,"heightMm":30,"lines":[{"type":"text","text":"Tag ' || i || '"}]}' END,
            'done', 'bench-history:' || i, 1, ?::bigint + i * 1000, ?::bigint + i * 1000, ?::bigint + i * 1000
       FROM generate_series(?::bigint, ?::bigint) AS g(i)`,
    start,
    start,
    start,
    have,
    target - 1,
  );
  return target;
}

/** PostgreSQL: topUpCallbacks' statement is portable. */
async function pgTopUpCallbacks(sql: Sql, target: number): Promise<number> {
  const n = async () =>
    Number((await sql.get<{ n: number }>(`SELECT count(*) AS n FROM callback`))!.n);
  const have = await n();
  if (have < target) {
    await sql.run(
      `INSERT INTO callback (ticket_id, customer_id, due_at, status, attempts, last_attempt_at, satisfaction, nps, staff_id, done_at, version)
       SELECT t.id, t.customer_id, coalesce(t.collected_at, t.received_at) + 86400000, 'done', 1,
              coalesce(t.collected_at, t.received_at) + 90000000, 'satisfied', 9, t.created_by,
              coalesce(t.collected_at, t.received_at) + 90000000, 1
       FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM callback c WHERE c.ticket_id = t.id)
       ORDER BY t.id LIMIT ?`,
      target - have,
    );
  }
  return n();
}

/** PostgreSQL: the same done tasks as topUpTasks, in one INSERT … SELECT. */
async function pgTopUpTasks(sql: Sql, target: number): Promise<number> {
  const have = Number(
    (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM manager_task WHERE status = 'done'`))!
      .n,
  );
  if (have >= target) return have;
  const customers = Number((await sql.get<{ n: number }>(`SELECT max(id) AS n FROM customer`))!.n);
  const manager = (await sql.get<{ id: number }>(`SELECT id FROM staff ORDER BY id LIMIT 1`))!;
  const start = Date.now() - 400 * 86_400_000;
  await sql.run(
    `INSERT INTO manager_task (kind, customer_id, summary, due_at, status, plan, outcome, done_by, done_at, created_at, version)
     SELECT 'callback', 1 + i % ?::bigint, 'Customer neutral on the callback', ?::bigint + i * 1000, 'done', 'Call back', 'Resolved', ?,
            ?::bigint + i * 1000 + 1800000, ?::bigint + i * 1000, 1
       FROM generate_series(?::bigint, ?::bigint) AS g(i)`,
    customers,
    start,
    manager.id,
    start,
    start,
    have,
    target - 1,
  );
  return target;
}
