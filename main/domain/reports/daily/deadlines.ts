import { OPEN_STATUSES } from '../../../api/schemas/common';
import { slaState } from '../../bench/sla';
import type { DailySection } from './section';

/** Open statuses where the promise still runs (a ready device has met it). */
const RUNNING = OPEN_STATUSES.filter((s) => s !== 'ready');
/** Candidates: anything promised before this far past the moment judged; the SLA clock then
 * decides in business time, as the bench board does. */
const LOOKAHEAD_MS = 4 * 86_400_000;
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
 * Overdue and near-due tickets as of the end of the day (or now, for today). Tickets open now
 * come from the (status, promised_at) index; for a past day, tickets finished since then were
 * still open at its end and come from the completed_at index.
 */
export const deadlineSection: DailySection<'deadlines'> = {
  key: 'deadlines',
  async build(s) {
    const asOf = Math.min(s.now, s.to);
    const marks = RUNNING.map(() => '?').join(',');
    const rows: Row[] = await s.em.query(
      `WITH cand AS (
         SELECT id FROM ticket WHERE status IN (${marks}) AND promised_at < ? AND received_at < ?
         UNION
         SELECT id FROM ticket WHERE completed_at >= ? AND promised_at < ? AND received_at < ?
       )
       SELECT t.id, t.number, t.status, t.priority, t.received_at, t.promised_at, t.paused_ms, t.paused_at,
              t.first_response_at, d.brand, d.model, c.name AS customer_name, s.name AS assignee
       FROM cand JOIN ticket t ON t.id = cand.id JOIN device d ON d.id = t.device_id
       JOIN customer c ON c.id = t.customer_id LEFT JOIN staff s ON s.id = t.assigned_to`,
      [...RUNNING, asOf + LOOKAHEAD_MS, asOf, asOf, asOf + LOOKAHEAD_MS, asOf],
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
          pausedAt: r.paused_at !== null && r.paused_at <= asOf ? r.paused_at : null,
          firstResponseAt: r.first_response_at,
        },
        s.settings,
        asOf,
      );
      return { r, sla };
    });
    const flagged = judged
      .filter((j) => j.sla.overdue || j.sla.nearDue)
      .sort((a, b) => Number(b.sla.overdue) - Number(a.sla.overdue) || a.sla.dueAt - b.sla.dueAt);
    return {
      asOf,
      overdue: flagged.filter((j) => j.sla.overdue).length,
      nearDue: flagged.filter((j) => !j.sla.overdue).length,
      rows: flagged.slice(0, MAX_ROWS).map(({ r, sla }) => ({
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
