import type { EntityManager } from 'typeorm';
import type { BenchTicket } from '../../api/contract';
import { preparedAll } from '../../db/sql';
import type { SettingsService } from '../settings/settings-service';
import {
  TICKET_SUMMARY_SELECT,
  pagedTicketRows,
  toTicketSummary,
  type TicketSummaryRow,
} from '../tickets/ticket-queries';
import { slaClock, slaState, type SlaClock } from './sla';

export const BENCH_SELECT = TICKET_SUMMARY_SELECT.replace(
  'FROM ticket t',
  `, d.type AS device_type, t.assigned_to, s.name AS assigned_name, t.approval, t.rework_due_at,
     t.paused_ms, t.paused_at, t.first_response_at, t.version
   FROM ticket t
   LEFT JOIN staff s ON s.id = t.assigned_to`,
);

const BENCH_ORDER = 't.promised_at, t.id';

/**
 * The board in one statement: the cards of `idQuery` joined as `benchPage` joins them, each row
 * also carrying the one row of `totalsQuery` (every column's total), all read in one snapshot
 * and one round trip. Statements are the lever with several stations: each pays a wake-up on
 * both sides (1.5 ms at a person's pace against 0.35 back to back).
 */
export const benchBoardSql = (idQuery: string, totalsQuery: string) =>
  `WITH page AS (${idQuery}), totals AS (${totalsQuery}) ${BENCH_SELECT.replace(
    'FROM ticket t',
    ', totals.* FROM page JOIN ticket t ON t.id = page.id CROSS JOIN totals',
  )} ORDER BY ${BENCH_ORDER}`;

/** Runs `benchBoardSql`: the cards, and the totals row (null when no card came back). */
export async function benchBoard(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  sql: string,
  params: unknown[],
  opts: { prepared?: boolean } = {},
): Promise<{ tickets: BenchTicket[]; totals: Record<string, unknown> | null }> {
  const rows: BenchRow[] = opts.prepared
    ? await preparedAll(em, sql, params)
    : await em.query(sql, params);
  return {
    tickets: toBenchTickets(rows, settings, now),
    totals: (rows[0] as unknown as Record<string, unknown>) ?? null,
  };
}

interface BenchRow extends TicketSummaryRow {
  device_type: string;
  assigned_to: number | null;
  assigned_name: string | null;
  approval: string;
  rework_due_at: number | null;
  paused_ms: number;
  paused_at: number | null;
  first_response_at: number | null;
  version: number;
}

export async function benchTickets(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  where: string,
  params: unknown[],
): Promise<BenchTicket[]> {
  const rows: BenchRow[] = await em.query(`${BENCH_SELECT} WHERE ${where}`, params);
  return toBenchTickets(rows, settings, now);
}

/** What the bench's ticket panel reads beside the card (bench.detail). */
export interface BenchDetailExtra {
  cause: string | null;
  responsible: string | null;
  plan: string | null;
  hold_from: string | null;
  repeat_of_id: number | null;
  deposit_cents: number;
}

const DETAIL_SQL = `${BENCH_SELECT.replace(
  'FROM ticket t',
  ', t.cause, t.responsible, t.plan, t.hold_from, t.deposit_cents FROM ticket t',
)} WHERE t.id = ?`;

/** One ticket's card and the panel's extra columns, in one named statement (bench.detail is
 * the call a bench PC makes most: before every move it shows the ticket again). */
export async function benchTicketDetail(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  id: number,
): Promise<{ ticket: BenchTicket; extra: BenchDetailExtra } | null> {
  const [row] = await preparedAll<BenchRow & BenchDetailExtra>(em, DETAIL_SQL, [id]);
  if (!row) return null;
  const [ticket] = toBenchTickets([row], settings, now);
  return { ticket, extra: row };
}

/** The due-ordered page of the queue, picked from the (status, promised_at) index first. */
export async function benchPage(
  em: EntityManager,
  settings: SettingsService,
  now: number,
  idQuery: string,
  params: unknown[],
): Promise<BenchTicket[]> {
  const rows = await pagedTicketRows<BenchRow>(em, BENCH_SELECT, idQuery, params, BENCH_ORDER);
  return toBenchTickets(rows, settings, now);
}

/** Cards from rows, every one against the same SLA clock. */
function toBenchTickets(rows: BenchRow[], settings: SettingsService, now: number): BenchTicket[] {
  const clock = slaClock(settings, now);
  return rows.map((r) => toBenchTicket(r, settings, now, clock));
}

function toBenchTicket(
  r: BenchRow,
  settings: SettingsService,
  now: number,
  clock: SlaClock,
): BenchTicket {
  // Added to the summary, not spread into a new object: `{ ...summary, six more }` cost 15 µs
  // and ~5 KB of garbage a card in V8 (1.8 ms a board of 120, and 12 ms young-generation
  // pauses at the stations), this 0.2 µs.
  return Object.assign(toTicketSummary(r), {
    deviceType: r.device_type,
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assigned_name ?? '' } : null,
    approval: r.approval,
    reworkDueAt: r.rework_due_at,
    version: r.version,
    sla: slaState(
      {
        status: r.status,
        priority: r.priority,
        receivedAt: r.received_at,
        promisedAt: r.promised_at,
        pausedMs: r.paused_ms,
        pausedAt: r.paused_at,
        firstResponseAt: r.first_response_at,
      },
      settings,
      now,
      clock,
    ),
  });
}
