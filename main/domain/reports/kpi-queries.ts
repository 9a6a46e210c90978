import type { EntityManager } from 'typeorm';

/** Nearest-rank percentiles per day with window functions (portable to PostgreSQL). */
export async function turnaroundTrend(
  em: EntityManager,
  buckets: { sql: string; params: Array<string | number> },
): Promise<Array<{ d: string; n: number; p50: number | null; p90: number | null }>> {
  return em.query(
    `WITH ${buckets.sql},
     dur AS (
       SELECT days.d, t.completed_at - t.received_at AS ms FROM days
       JOIN ticket t ON t.completed_at >= days.s AND t.completed_at < days.e
     ), ranked AS (
       SELECT d, ms, row_number() OVER (PARTITION BY d ORDER BY ms) AS rn, count(*) OVER (PARTITION BY d) AS n FROM dur
     ), pct AS (
       SELECT d, max(n) AS n,
              min(CASE WHEN rn * 2 >= n THEN ms END) AS p50,
              min(CASE WHEN rn * 10 >= n * 9 THEN ms END) AS p90
       FROM ranked GROUP BY d
     )
     SELECT days.d, coalesce(pct.n, 0) AS n, pct.p50, pct.p90 FROM days LEFT JOIN pct ON pct.d = days.d ORDER BY days.d`,
    buckets.params,
  );
}

/** Per technician over the range: completed repairs, their median turnaround, QC of their
 * work, minutes logged (entries inside the range). */
export async function technicianKpis(
  em: EntityManager,
  from: number,
  to: number,
): Promise<
  Array<{
    staff_id: number;
    name: string;
    completed: number;
    median: number | null;
    qc_avg: number | null;
    qc_fails: number;
    minutes: number;
  }>
> {
  return em.query(
    `WITH done AS (
       SELECT assigned_to AS staff_id, completed_at - received_at AS ms,
              row_number() OVER (PARTITION BY assigned_to ORDER BY completed_at - received_at) AS rn,
              count(*) OVER (PARTITION BY assigned_to) AS n
       FROM ticket WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL
     ), d AS (
       SELECT staff_id, max(n) AS completed, min(CASE WHEN rn * 2 >= n THEN ms END) AS median FROM done GROUP BY staff_id
     ), qc AS (
       SELECT t.assigned_to AS staff_id, avg(q.total) AS average, sum(CASE WHEN q.band = 'fail' THEN 1 ELSE 0 END) AS fails
       FROM qc_check q JOIN ticket t ON t.id = q.ticket_id
       WHERE q.at >= ? AND q.at < ? AND t.assigned_to IS NOT NULL GROUP BY t.assigned_to
     ), work AS (
       SELECT staff_id, sum(minutes) AS minutes FROM work_log WHERE ended_at >= ? AND ended_at < ? GROUP BY staff_id
     ), who AS (SELECT staff_id FROM d UNION SELECT staff_id FROM qc UNION SELECT staff_id FROM work)
     SELECT who.staff_id, s.name, coalesce(d.completed, 0) AS completed, d.median, qc.average AS qc_avg,
            coalesce(qc.fails, 0) AS qc_fails, coalesce(work.minutes, 0) AS minutes
     FROM who JOIN staff s ON s.id = who.staff_id LEFT JOIN d ON d.staff_id = who.staff_id
     LEFT JOIN qc ON qc.staff_id = who.staff_id LEFT JOIN work ON work.staff_id = who.staff_id
     ORDER BY completed DESC, s.name`,
    [from, to, from, to, from, to],
  );
}
