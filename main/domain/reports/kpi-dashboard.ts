import type { EntityManager } from 'typeorm';
import type { KpiDashboard } from '../../api/contract';
import { OPEN_STATUSES } from '../../api/schemas/common';
import { PENDING_SECTIONS } from './daily/section';
import { dayBuckets, dayRange, daysBetween } from './day-range';
import { technicianKpis, turnaroundTrend } from './kpi-queries';

const HOUR = 3_600_000;
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
const n = (v: unknown) => Number(v ?? 0);

/**
 * The manager's dashboard over a range of local days. Every figure is one SQL aggregate over
 * an indexed time column (received_at, completed_at, qc_check.at): nothing loads tickets into JS.
 */
export async function kpiDashboard(
  em: EntityManager,
  fromDate: string,
  toDate: string,
): Promise<KpiDashboard> {
  const from = dayRange(fromDate).from;
  const to = dayRange(toDate).to;
  const days = daysBetween(fromDate, toDate);
  const buckets = dayBuckets(days);

  const marks = OPEN_STATUSES.map(() => '?').join(',');
  const backlog: Array<{ key: string; count: number }> = await em.query(
    `SELECT status AS key, count(*) AS count FROM ticket WHERE status IN (${marks}) GROUP BY status ORDER BY count DESC`,
    [...OPEN_STATUSES],
  );

  const intake: Array<{ d: string; count: number }> = await em.query(
    `WITH ${buckets.sql}
     SELECT days.d, (SELECT count(*) FROM ticket t WHERE t.received_at >= days.s AND t.received_at < days.e) AS count
     FROM days ORDER BY days.d`,
    buckets.params,
  );

  // Completed in range: on time against the promise (pushed back by time on hold), and right
  // the first time: no failed QC and no repeat repair of it since.
  const [done]: Array<{ completed: number; on_time: number; faults: number; first_fix: number }> =
    await em.query(
      `SELECT count(*) AS completed,
            sum(CASE WHEN t.completed_at <= t.promised_at + t.paused_ms THEN 1 ELSE 0 END) AS on_time,
            sum(CASE WHEN t.category = 'fault' THEN 1 ELSE 0 END) AS faults,
            sum(CASE WHEN t.category = 'fault' AND NOT EXISTS (SELECT 1 FROM qc_check q WHERE q.ticket_id = t.id AND q.band = 'fail')
                      AND NOT EXISTS (SELECT 1 FROM ticket r WHERE r.repeat_of_id = t.id) THEN 1 ELSE 0 END) AS first_fix
     FROM ticket t WHERE t.completed_at >= ? AND t.completed_at < ?`,
      [from, to],
    );

  const [recv]: Array<{ received: number; repeats: number }> = await em.query(
    `SELECT count(*) AS received, sum(CASE WHEN repeat_of_id IS NOT NULL THEN 1 ELSE 0 END) AS repeats
     FROM ticket WHERE received_at >= ? AND received_at < ? AND category = 'fault'`,
    [from, to],
  );

  const [qc]: Array<{ count: number; average: number | null; fails: number }> = await em.query(
    `SELECT count(*) AS count, avg(total) AS average, sum(CASE WHEN band = 'fail' THEN 1 ELSE 0 END) AS fails
     FROM qc_check WHERE at >= ? AND at < ?`,
    [from, to],
  );

  // Common faults per model: the most frequent problem texts of the busiest models.
  const topFaults: Array<{ model: string; problem: string; count: number }> = await em.query(
    `WITH f AS (
       SELECT d.brand || ' ' || d.model AS model, t.problem, count(*) AS count FROM ticket t
       JOIN device d ON d.id = t.device_id
       WHERE t.received_at >= ? AND t.received_at < ? AND t.category = 'fault'
       GROUP BY d.brand, d.model, t.problem
     ), ranked AS (
       SELECT model, problem, count, row_number() OVER (PARTITION BY model ORDER BY count DESC, problem) AS rn,
              sum(count) OVER (PARTITION BY model) AS model_total
       FROM f
     )
     SELECT model, problem, count FROM ranked WHERE rn <= 3 ORDER BY model_total DESC, model, rn LIMIT 30`,
    [from, to],
  );

  const completed = n(done.completed);
  return {
    from: fromDate,
    to: toDate,
    backlog: backlog.map((b) => ({ key: b.key, count: n(b.count) })),
    intakePerDay: intake.map((r) => ({ date: r.d, count: n(r.count) })),
    turnaround: (await turnaroundTrend(em, buckets)).map((r) => ({
      date: r.d,
      completed: n(r.n),
      p50Hours: r.p50 === null ? null : Math.round((n(r.p50) / HOUR) * 10) / 10,
      p90Hours: r.p90 === null ? null : Math.round((n(r.p90) / HOUR) * 10) / 10,
    })),
    completed,
    slaCompliance: ratio(n(done.on_time), completed),
    firstTimeFix: ratio(n(done.first_fix), n(done.faults)),
    repeatRate: ratio(n(recv.repeats), n(recv.received)),
    qc: {
      count: n(qc.count),
      average: qc.average === null ? null : Math.round(n(qc.average) * 10) / 10,
      failRate: ratio(n(qc.fails), n(qc.count)),
    },
    satisfaction: null,
    topFaults: topFaults.map((f) => ({ ...f, count: n(f.count) })),
    technicians: (await technicianKpis(em, from, to)).map((r) => ({
      staffId: r.staff_id,
      name: r.name,
      completed: n(r.completed),
      medianHours: r.median === null ? null : Math.round((n(r.median) / HOUR) * 10) / 10,
      qcAverage: r.qc_avg === null ? null : Math.round(n(r.qc_avg) * 10) / 10,
      qcFails: n(r.qc_fails),
      minutes: Math.round(n(r.minutes)),
    })),
    pending: PENDING_SECTIONS,
  };
}
