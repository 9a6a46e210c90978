import { customersTold } from '../messages/message-report';
import type { EntityManager } from 'typeorm';
import type { KpiDashboard } from '../../api/contract';
import { OPEN_STATUSES } from '../../api/schemas/common';
import { PENDING_SECTIONS } from './daily/section';
import { dayBuckets, dayRange, daysBetween } from './day-range';
import { commonFaults, technicianKpis, turnaroundTrend } from './kpi-queries';
import { statusCounts } from '../tickets/status-counts';

const HOUR = 3_600_000;
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
const n = (v: unknown) => Number(v ?? 0);

/**
 * The manager's dashboard over a range of the shop's days (`zone`: the shop's time zone; the
 * day aggregates' triggers file rows under the same zone's days, see shop-zone-db.ts). Every figure is one SQL aggregate over
 * an indexed time column (received_at, completed_at, qc_check.at): nothing loads tickets into JS.
 */
export async function kpiDashboard(
  em: EntityManager,
  fromDate: string,
  toDate: string,
  zone: string,
): Promise<KpiDashboard> {
  const from = dayRange(fromDate, zone).from;
  const to = dayRange(toDate, zone).to;
  const days = daysBetween(fromDate, toDate, zone);
  const buckets = dayBuckets(days);

  const backlog = Object.entries(await statusCounts(em, OPEN_STATUSES))
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count);

  const intake: Array<{ d: string; count: number }> = await em.query(
    `WITH ${buckets.sql}
     SELECT days.d, (SELECT count(*) FROM ticket t WHERE t.received_at >= days.s AND t.received_at < days.e) AS count
     FROM days ORDER BY days.d`,
    buckets.params,
  );

  // Completed in range: on time against the promise (pushed back by time on hold), and right
  // the first time: no failed QC and no repeat repair of it since. The faults that were not
  // right the first time are counted by joins, not by EXISTS per completed ticket (PostgreSQL
  // ran those as two subplans per row: ~190 ms over a month at 200k tickets).
  const [done]: Array<{ completed: number; on_time: number; faults: number }> = await em.query(
    `SELECT count(*) AS completed,
            sum(CASE WHEN t.completed_at <= t.promised_at + t.paused_ms THEN 1 ELSE 0 END) AS on_time,
            sum(CASE WHEN t.category = 'fault' THEN 1 ELSE 0 END) AS faults
     FROM ticket t WHERE t.completed_at >= ? AND t.completed_at < ?`,
    [from, to],
  );
  const [redo]: Array<{ n: number }> =
    em.connection.options.type === 'postgres'
      ? await em.query(
          `SELECT count(*) AS n FROM (
             SELECT t.id FROM ticket t JOIN qc_check q ON q.ticket_id = t.id
              WHERE t.completed_at >= ? AND t.completed_at < ? AND t.category = 'fault' AND q.band = 'fail'
             UNION
             SELECT t.id FROM ticket t JOIN ticket r ON r.repeat_of_id = t.id
              WHERE t.completed_at >= ? AND t.completed_at < ? AND t.category = 'fault'
           ) AS redo`,
          [from, to, from, to],
        )
      : // SQLite planned the joins above as a scan of every QC check and of every ticket (556 ms
        // at 1M tickets, most of the dashboard); the range's faults taken first from the
        // (completed_at, …, category) index, then joined, answer the same in 36–58 ms.
        // PostgreSQL plans the joins well and the materialised form cost it 28 → 52 ms.
        await em.query(
          `WITH done AS MATERIALIZED (
             SELECT id FROM ticket WHERE completed_at >= ? AND completed_at < ? AND category = 'fault')
           SELECT count(*) AS n FROM (
             SELECT d.id FROM done d JOIN qc_check q ON q.ticket_id = d.id WHERE q.band = 'fail'
             UNION
             SELECT d.id FROM done d JOIN ticket r ON r.repeat_of_id = d.id
           ) AS redo`,
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

  // Satisfaction from callbacks done in range: CSAT is the share satisfied or better, NPS the
  // share of promoters (9–10) minus detractors (0–6) among those who gave a score.
  const [sat]: Array<{
    responses: number;
    happy: number | null;
    scored: number | null;
    promoters: number | null;
    detractors: number | null;
  }> = await em.query(
    `SELECT count(*) AS responses,
            sum(CASE WHEN satisfaction IN ('very_satisfied', 'satisfied') THEN 1 ELSE 0 END) AS happy,
            sum(CASE WHEN nps IS NOT NULL THEN 1 ELSE 0 END) AS scored,
            sum(CASE WHEN nps >= 9 THEN 1 ELSE 0 END) AS promoters,
            sum(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) AS detractors
     FROM callback WHERE done_at >= ? AND done_at < ? AND satisfaction IS NOT NULL`,
    [from, to],
  );

  const topFaults = await commonFaults(em, fromDate, toDate);
  const told = await customersTold(em, from, to);

  const completed = n(done.completed);
  return {
    from: fromDate,
    to: toDate,
    backlog: backlog.map((b) => ({ key: b.key, count: n(b.count) })),
    intakePerDay: intake.map((r) => ({ date: r.d, count: n(r.count) })),
    turnaround: (
      await turnaroundTrend(
        em,
        days.map((d) => d.date),
      )
    ).map((r) => ({
      date: r.d,
      completed: n(r.n),
      p50Hours: r.p50 === null ? null : Math.round((n(r.p50) / HOUR) * 10) / 10,
      p90Hours: r.p90 === null ? null : Math.round((n(r.p90) / HOUR) * 10) / 10,
    })),
    completed,
    slaCompliance: ratio(n(done.on_time), completed),
    firstTimeFix: ratio(n(done.faults) - n(redo.n), n(done.faults)),
    repeatRate: ratio(n(recv.repeats), n(recv.received)),
    qc: {
      count: n(qc.count),
      average: qc.average === null ? null : Math.round(n(qc.average) * 10) / 10,
      failRate: ratio(n(qc.fails), n(qc.count)),
    },
    satisfaction: {
      csat: ratio(n(sat.happy), n(sat.responses)),
      nps: n(sat.scored) > 0 ? ratio(n(sat.promoters) - n(sat.detractors), n(sat.scored)) : null,
      responses: n(sat.responses),
    },
    topFaults: topFaults.map((f) => ({ ...f, count: n(f.count) })),
    customersTold: told,
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
