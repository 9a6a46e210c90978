import type { EntityManager } from 'typeorm';
import type { BenchColumn, BenchTicket } from '../../api/contract';
import { defineMethod } from '../../api/method';
import { OPEN_STATUSES, type TicketStatus } from '../../api/schemas/common';
import * as b from '../../api/schemas/bench';
import type { SettingsService } from '../settings/settings-service';
import { preparedAll } from '../../db/sql';
import { registerPgWarmer } from '../../db/pg-warm';
import { benchBoard, benchBoardSql, benchPage } from './bench-queries';
import { slaClock, slaState } from './sla';
import { statusCounts, statusCountsRowSql } from '../tickets/status-counts';

/**
 * The bench queue, fed per status: every board column pages through its own tickets and counts
 * them under the same filters, so a column's badge says how many cards it can show. (Loading
 * 300 open tickets by due date hid the newest work once a shop had more: issue 11, blocker 2.)
 */

interface Filters {
  view: 'all' | 'mine' | 'unassigned' | 'overdue';
  technicianId?: number;
  priority?: string;
  deviceType?: string;
}

/** Each column in the order its work is taken: new intakes newest first (the bench must see
 * what just came in), everything else by due time, most urgent first. Both follow an index
 * (ticket_status_received, ticket_status_due) so a page costs the same at any size. */
const ORDER: Partial<
  Record<TicketStatus, { sql: string; cmp: (a: BenchTicket, b: BenchTicket) => number }>
> = {
  received: {
    sql: 't.received_at DESC, t.id DESC',
    cmp: (x, y) => y.receivedAt - x.receivedAt || y.id - x.id,
  },
};
const BY_DUE = {
  sql: 't.promised_at, t.id',
  cmp: (x: BenchTicket, y: BenchTicket) => x.promisedAt - y.promisedAt || x.id - y.id,
};
const orderOf = (status: string) => ORDER[status as TicketStatus] ?? BY_DUE;

function filterSql(f: Filters, staffId: number): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.view === 'mine') {
    where.push('t.assigned_to = ?');
    params.push(staffId);
  }
  if (f.view === 'unassigned') where.push('t.assigned_to IS NULL');
  if (f.technicianId) {
    where.push('t.assigned_to = ?');
    params.push(f.technicianId);
  }
  if (f.priority) {
    where.push('t.priority = ?');
    params.push(f.priority);
  }
  if (f.deviceType) {
    where.push('t.device_id IN (SELECT id FROM device WHERE type = ?)');
    params.push(f.deviceType);
  }
  return { sql: where.map((w) => ` AND ${w}`).join(''), params };
}

const OPEN_MARKS = OPEN_STATUSES.map(() => '?').join(',');

/**
 * The board as every bench PC opens it and refreshes it all day (no filter with a value) is
 * written out whole, the app's own statuses and a validated page size as literals, and runs as
 * a named statement (`preparedAll`): PostgreSQL then plans it once per connection. Ten column
 * subqueries over a table of 16 indexes took 1.5 ms to plan on a warm connection and 10 ms on
 * a new one, about as long as running them. A filter with a value (a technician, a priority)
 * skews the best plan by that value, so those are planned per call as before. Never a value
 * from the request in the text: statuses come from OPEN_STATUSES, numbers are checked.
 */
const literalStatus = (s: string) => {
  if (!/^[a-z_]+$/.test(s)) throw new Error(`not a ticket status: ${s}`);
  return `'${s}'`;
};
const literalCount = (n: number) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return String(n);
};
const OPEN_LITERALS = OPEN_STATUSES.map(literalStatus).join(',');

/** The board's counts with a filter that has no value (see OPEN_LITERALS). */
const literalCountsSql = (filterSql: string) =>
  `SELECT t.status, count(*) AS n FROM ticket t WHERE t.status IN (${OPEN_LITERALS})${filterSql} GROUP BY t.status`;

const NO_FILTER = { sql: '', params: [] as unknown[] };

async function columnTotals(
  em: EntityManager,
  f: { sql: string; params: unknown[] },
): Promise<Record<string, number>> {
  if (f.sql === '') return statusCounts(em, OPEN_STATUSES);
  const rows: Array<{ status: string; n: number }> =
    f.params.length === 0
      ? await preparedAll(em, literalCountsSql(f.sql), [])
      : await em.query(
          `SELECT t.status, count(*) AS n FROM ticket t WHERE t.status IN (${OPEN_MARKS})${f.sql} GROUP BY t.status`,
          [...OPEN_STATUSES, ...f.params],
        );
  return totalsOf(rows);
}

/** One column's total under the filters. */
async function columnTotal(
  em: EntityManager,
  status: string,
  f: { sql: string; params: unknown[] },
): Promise<number> {
  if (f.sql === '') return (await statusCounts(em, [status]))[status];
  const [{ n }]: Array<{ n: number }> = await em.query(
    `SELECT count(*) AS n FROM ticket t WHERE t.status = ?${f.sql}`,
    [status, ...f.params],
  );
  return Number(n);
}

const totalsOf = (rows: Array<Record<string, unknown>>): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));

/** The first page of every column (an empty column's is one index probe). */
const firstPages = (perColumn: number) =>
  OPEN_STATUSES.map((status) => ({ status, offset: 0, limit: perColumn }));

/** Every open column's total under the filters, as one row: `board_n_<i>` in OPEN_STATUSES
 * order. `literal`: statuses written out (see OPEN_LITERALS). With no filter at all, the counts
 * the ticket triggers keep (a sum over a few rows, where counting walked every open ticket). */
function totalsQuery(
  f: { sql: string; params: unknown[] },
  literal: boolean,
): { sql: string; params: unknown[] } {
  if (f.sql === '')
    return { sql: statusCountsRowSql(OPEN_STATUSES.map(literalStatus), 'board_n_'), params: [] };
  const params: unknown[] = [];
  const cols = OPEN_STATUSES.map((s, i) => {
    const status = literal ? literalStatus(s) : (params.push(s), '?');
    params.push(...f.params);
    return `(SELECT count(*) FROM ticket t WHERE t.status = ${status}${f.sql}) AS board_n_${i}`;
  });
  return { sql: `SELECT ${cols.join(', ')}`, params };
}

/**
 * The board (bench.queue): every column's first page and total in one statement. A column with
 * a total has at least one card on its first page, so no card back means every total is 0.
 */
async function board(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  f: { sql: string; params: unknown[] },
  perColumn: number,
): Promise<BenchColumn[]> {
  // no filter value (the board every bench PC keeps open): one named statement (OPEN_LITERALS)
  const literal = f.params.length === 0;
  const pages = columnPagesQuery(f, firstPages(perColumn), literal);
  const totals = totalsQuery(f, literal);
  const { tickets, totals: row } = await benchBoard(
    em,
    settings,
    now,
    benchBoardSql(pages.sql, totals.sql),
    [...pages.params, ...totals.params],
    { prepared: literal },
  );
  return OPEN_STATUSES.map((status, i) => ({
    status,
    total: Number(row?.[`board_n_${i}`] ?? 0),
    offset: 0,
    rows: tickets.filter((t) => t.status === status).sort(orderOf(status).cmp),
  }));
}

/** One id page per column, all in one statement (a UNION of index walks). `literal`: the
 * board's first pages with no filter value, written out (see OPEN_LITERALS). */
function columnPagesQuery(
  f: { sql: string; params: unknown[] },
  pages: Array<{ status: string; offset: number; limit: number }>,
  literal: boolean,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const mark = (v: unknown) => (params.push(v), '?');
  for (const [i, p] of pages.entries()) {
    // values in the statement's order: status, the filters' (none when literal), limit, offset
    const status = literal ? literalStatus(p.status) : mark(p.status);
    params.push(...f.params);
    const limit = literal ? literalCount(p.limit) : mark(p.limit);
    const offset = literal ? literalCount(p.offset) : mark(p.offset);
    parts.push(
      `SELECT id FROM (SELECT t.id FROM ticket t WHERE t.status = ${status}${f.sql} ORDER BY ${orderOf(p.status).sql} LIMIT ${limit} OFFSET ${offset}) AS c${i}`,
    );
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/** The pages of `columnPagesQuery`, joined once. */
async function columnPages(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  f: { sql: string; params: unknown[] },
  pages: Array<{ status: string; offset: number; limit: number }>,
): Promise<Map<string, BenchTicket[]>> {
  const out = new Map<string, BenchTicket[]>(pages.map((p) => [p.status, []]));
  if (pages.length === 0) return out;
  const q = columnPagesQuery(f, pages, false);
  const rows = await benchPage(em, settings, now, q.sql, q.params);
  for (const r of rows) out.get(r.status)?.push(r);
  for (const [status, list] of out) list.sort(orderOf(status).cmp);
  return out;
}

/** Every bench PC opens the unfiltered board and refreshes it all day: each new connection
 * runs its statement once before it serves a call (db/pg-warm.ts). */
registerPgWarmer('bench.queue', async (run) => {
  const pages = columnPagesQuery(NO_FILTER, firstPages(b.BOARD_PER_COLUMN), true);
  await run(benchBoardSql(pages.sql, totalsQuery(NO_FILTER, true).sql));
});

/** Open tickets that are overdue or nearly due, by due time. Paused time moves a due time,
 * which SQL cannot see, so candidates (due before the near-due horizon, not paused) are picked
 * from the covering index and the SLA rule itself decides. */
async function overdueIds(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  f: { sql: string; params: unknown[] },
): Promise<number[]> {
  const clock = slaClock(settings, now);
  const rows: Array<{
    id: number;
    status: string;
    priority: string;
    received_at: number;
    promised_at: number;
    paused_ms: number;
    paused_at: number | null;
  }> = await em.query(
    `SELECT t.id, t.status, t.priority, t.received_at, t.promised_at, t.paused_ms, t.paused_at
     FROM ticket t WHERE t.status IN (${OPEN_MARKS}) AND t.status <> 'ready' AND t.paused_at IS NULL
       AND t.promised_at <= ?${f.sql}`,
    [...OPEN_STATUSES, clock.nearHorizon, ...f.params],
  );
  return rows
    .map((r) => ({
      id: r.id,
      sla: slaState(
        {
          status: r.status,
          priority: r.priority,
          receivedAt: r.received_at,
          promisedAt: r.promised_at,
          pausedMs: r.paused_ms,
          pausedAt: r.paused_at,
          firstResponseAt: null,
        },
        settings,
        now,
        clock,
      ),
    }))
    .filter((r) => r.sla.overdue || r.sla.nearDue)
    .sort((x, y) => x.sla.dueAt - y.sla.dueAt || x.id - y.id)
    .map((r) => r.id);
}

export const benchQueueMethods = [
  defineMethod('bench.queue', {
    input: b.queueSchema,
    access: 'ticket.read',
    write: false,
    async handler(input, ctx) {
      const f = filterSql(input, ctx.session.staffId);
      return {
        columns: await board(ctx.em, ctx.services.settings, ctx.now, f, input.perColumn),
      };
    },
  }),

  defineMethod('bench.column', {
    input: b.columnSchema,
    access: 'ticket.read',
    write: false,
    async handler({ status, offset, limit, ...filters }, ctx) {
      const f = filterSql(filters, ctx.session.staffId);
      const n = await columnTotal(ctx.em, status, f);
      const rows = await columnPages(ctx.em, ctx.services.settings, ctx.now, f, [
        { status, offset, limit },
      ]);
      return { status, total: Number(n), offset, rows: rows.get(status) ?? [] };
    },
  }),

  defineMethod('bench.list', {
    input: b.queueListSchema,
    access: 'ticket.read',
    write: false,
    async handler({ offset, limit, ...filters }, ctx) {
      const { em, now } = ctx;
      const settings = ctx.services.settings;
      const f = filterSql(filters, ctx.session.staffId);
      if (filters.view === 'overdue') {
        const ids = await overdueIds(em, settings, now, f);
        const page = ids.slice(offset, offset + limit);
        if (page.length === 0) return { rows: [], total: ids.length };
        const rank = new Map(page.map((id, i) => [id, i]));
        const rows = await benchPage(
          em,
          settings,
          now,
          `SELECT t.id FROM ticket t WHERE t.id IN (${page.map(() => '?').join(',')})`,
          page,
        );
        rows.sort((x, y) => rank.get(x.id)! - rank.get(y.id)!);
        return { rows, total: ids.length };
      }
      const totals = await columnTotals(em, f);
      const rows = await benchPage(
        em,
        settings,
        now,
        `SELECT t.id FROM ticket t WHERE t.status IN (${OPEN_MARKS})${f.sql} ORDER BY t.promised_at, t.id LIMIT ? OFFSET ?`,
        [...OPEN_STATUSES, ...f.params, limit, offset],
      );
      const total = Object.values(totals).reduce((a, n) => a + n, 0);
      return { rows, total };
    },
  }),
];
