import { sqlOf } from '../../../db/sql';
import type { TechnicianRow } from '../../../api/contract';
import type { DailySection } from './section';

/** The longest a timed work-log entry can be (manual entries are capped at 24 h). */
const MAX_LOG_MS = 24 * 3_600_000;

/**
 * Per technician: repairs completed that day (by the assignee), minutes of work logged within
 * the day (an entry running past midnight is split between the two days), QC average of their
 * repairs checked that day.
 */
export const technicianSection: DailySection<'technicians'> = {
  key: 'technicians',
  async build(s) {
    const rows: Array<{
      staff_id: number;
      name: string;
      completed: number;
      minutes: number;
      qc_count: number;
      qc_avg: number | null;
    }> = await sqlOf(s.em).all(
      `WITH done AS (
           SELECT assigned_to AS staff_id, count(*) AS n FROM ticket
           WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL GROUP BY assigned_to
         ), work AS (
           SELECT staff_id,
                  sum((CASE WHEN ended_at < ? THEN ended_at ELSE ? END) - (CASE WHEN started_at > ? THEN started_at ELSE ? END)) AS ms
           FROM work_log
           WHERE ended_at > ? AND ended_at < ? AND started_at < ? GROUP BY staff_id
         ), qc AS (
           SELECT t.assigned_to AS staff_id, count(*) AS n, avg(q.total) AS average FROM qc_check q
           JOIN ticket t ON t.id = q.ticket_id WHERE q.at >= ? AND q.at < ? AND t.assigned_to IS NOT NULL
           GROUP BY t.assigned_to
         ), who AS (SELECT staff_id FROM done UNION SELECT staff_id FROM work UNION SELECT staff_id FROM qc)
         SELECT who.staff_id, st.name, coalesce(done.n, 0) AS completed, coalesce(work.ms, 0) / 60000.0 AS minutes,
                coalesce(qc.n, 0) AS qc_count, qc.average AS qc_avg
         FROM who JOIN staff st ON st.id = who.staff_id LEFT JOIN done ON done.staff_id = who.staff_id
         LEFT JOIN work ON work.staff_id = who.staff_id LEFT JOIN qc ON qc.staff_id = who.staff_id
         ORDER BY completed DESC, st.name`,
      s.from,
      s.to,
      s.to,
      s.to,
      s.from,
      s.from,
      s.from,
      s.to + MAX_LOG_MS,
      s.to,
      s.from,
      s.to,
    );
    return rows.map((r): TechnicianRow => ({
      staffId: r.staff_id,
      name: r.name,
      completed: Number(r.completed),
      minutes: Math.round(Number(r.minutes)),
      qcCount: Number(r.qc_count),
      qcAverage: r.qc_avg === null ? null : Math.round(Number(r.qc_avg) * 10) / 10,
    }));
  },
};
