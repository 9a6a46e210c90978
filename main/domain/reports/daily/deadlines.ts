import { sqlOf } from '../../../db/sql';
import type { DeadlineRow } from '../../../api/contract';
import { OPEN_STATUSES } from '../../../api/schemas/common';
import { addBusinessMinutes } from '../../calendar/business-time';
import { shopCalendar } from '../../calendar/shop-calendar';
import { slaState } from '../../bench/sla';
import type { DailySection, ReportScope } from './section';

/** Open statuses where the promise still runs (a ready device has met it). */
const RUNNING = OPEN_STATUSES.filter((s) => s !== 'ready');
const MAX_ROWS = 100;

interface Row {
  id: number;
  number: string;
  status: string;
  priority: string;
  received_at: number;
  promised_at: number;
  paused_ms: number;
  paused_at: number | null;
  first_response_at: number | null;
  brand: string;
  model: string;
  customer_name: string;
  assignee: string | null;
}

/**
 * Tickets open at `asOf` and promised before `limit`, not paused then. Open now: the
 * (status, promised_at) index; for a past day, also those finished since: completed_at index.
 */
// The two branches are disjoint (open now / not open now), so UNION ALL: no de-duplication
// pass, and no merge plan that scans the table. The unary plus keeps the planner off the
// received_at / promised_at indexes in the second branch; it is plain arithmetic in PostgreSQL too.
function openAt(asOf: number, limit: number) {
  const marks = RUNNING.map(() => '?').join(',');
  return {
    sql: `c AS (
      SELECT id, promised_at, paused_ms FROM ticket
      WHERE status IN (${marks}) AND promised_at < ? AND received_at < ? AND (paused_at IS NULL OR paused_at > ?)
      UNION ALL
      SELECT id, promised_at, paused_ms FROM ticket
      WHERE completed_at >= ? AND +promised_at < ? AND +received_at < ? AND (paused_at IS NULL OR paused_at > ?)
        AND status NOT IN (${marks})
    )`,
    params: [...RUNNING, limit, asOf, asOf, asOf, limit, asOf, asOf, ...RUNNING],
  };
}

async function details(s: ReportScope, ids: number[]): Promise<Row[]> {
  if (!ids.length) return [];
  return sqlOf(s.em).all(
    `SELECT t.id, t.number, t.status, t.priority, t.received_at, t.promised_at, t.paused_ms, t.paused_at,
            t.first_response_at, d.brand, d.model, c.name AS customer_name, s.name AS assignee
     FROM ticket t JOIN device d ON d.id = t.device_id JOIN customer c ON c.id = t.customer_id
     LEFT JOIN staff s ON s.id = t.assigned_to WHERE t.id IN (${ids.map(() => '?').join(',')})`,
    ...ids,
  );
}

/**
 * Overdue and near-due tickets as of the end of the day (or now, for today), judged as the
 * bench board judges them (business time, paused while on hold). A ticket never paused is due
 * exactly at its promise, so those are counted and ranked in SQL against one near-due limit;
 * only tickets that were paused at some point get their due time from the SLA clock in JS.
 */
export const deadlineSection: DailySection<'deadlines'> = {
  key: 'deadlines',
  async build(s) {
    const asOf = Math.min(s.now, s.to);
    const nearLimit = addBusinessMinutes(
      asOf,
      s.settings.get('sla.nearDueMinutes'),
      shopCalendar(s.settings),
    );
    const open = openAt(asOf, nearLimit + 1);
    // One read of the candidates, split here: the same CTE three times (counts, first page,
    // paused ones) cost three plans and three index walks, ~60 ms on PostgreSQL under load.
    const cands: Array<{ id: number; promised_at: number; paused_ms: number }> = await sqlOf(
      s.em,
    ).all(`WITH ${open.sql} SELECT id, promised_at, paused_ms FROM c`, ...open.params);
    const plainOnes = cands
      .map((c) => ({
        id: Number(c.id),
        promisedAt: Number(c.promised_at),
        pausedMs: Number(c.paused_ms),
      }))
      .filter((c) => c.pausedMs === 0);
    const plain = {
      overdue: plainOnes.filter((c) => c.promisedAt < asOf).length,
      near: plainOnes.filter((c) => c.promisedAt >= asOf).length,
    };
    const firstPlain = plainOnes
      .sort((a, b) => a.promisedAt - b.promisedAt || a.id - b.id)
      .slice(0, MAX_ROWS);
    const pausedIds = cands
      .filter((c) => Number(c.paused_ms) > 0)
      .map((c) => ({ id: Number(c.id) }));
    const rows = await details(
      s,
      [...firstPlain, ...pausedIds].map((r) => r.id),
    );
    const judged = rows.map((r) => {
      // A ticket finished after the moment judged counts with the status it had then: open.
      const sla = slaState(
        {
          status: 'in_repair',
          priority: r.priority,
          receivedAt: r.received_at,
          promisedAt: r.promised_at,
          pausedMs: r.paused_ms,
          pausedAt: null,
          firstResponseAt: r.first_response_at,
        },
        s.settings,
        asOf,
      );
      return { r, sla };
    });
    const flaggedPaused = judged.filter(
      (j) => j.r.paused_ms > 0 && (j.sla.overdue || j.sla.nearDue),
    );
    const flagged = judged
      .filter((j) => j.sla.overdue || j.sla.nearDue)
      .sort(
        (a, b) =>
          Number(b.sla.overdue) - Number(a.sla.overdue) ||
          a.sla.dueAt - b.sla.dueAt ||
          a.r.id - b.r.id,
      );
    return {
      asOf,
      overdue: plain.overdue + flaggedPaused.filter((j) => j.sla.overdue).length,
      nearDue: plain.near + flaggedPaused.filter((j) => !j.sla.overdue).length,
      rows: flagged.slice(0, MAX_ROWS).map(({ r, sla }): DeadlineRow => ({
        id: r.id,
        number: r.number,
        status: r.status,
        deviceLabel: `${r.brand} ${r.model}`,
        customerName: r.customer_name,
        assignee: r.assignee,
        dueAt: sla.dueAt,
        overdue: sla.overdue,
      })),
    };
  },
};
