import Database from 'better-sqlite3';
import { dayBuckets, dayRange, daysBetween, isoDay } from './main/domain/reports/day-range';
const db = new Database('/tmp/rep3-bench/workstation.sqlite', { readonly: true });
db.pragma('cache_size = -32000');
const last = (db.prepare('SELECT max(received_at) AS t FROM ticket').get() as { t: number }).t;
const to = isoDay(last);
const from = isoDay(dayRange(to).from - 29 * 86_400_000);
const b = dayBuckets(daysBetween(from, to));
const F = dayRange(from).from, T = dayRange(to).to;
const qs: Record<string, [string, unknown[]]> = {
  turnOffset: [`WITH ${b.sql}, cnt AS (SELECT d, s, e, (SELECT count(*) FROM ticket WHERE completed_at >= s AND completed_at < e) AS n FROM days)
    SELECT d, n,
      (SELECT completed_at - received_at AS ms FROM ticket WHERE completed_at >= s AND completed_at < e ORDER BY ms LIMIT 1 OFFSET (n + 1) / 2 - 1) AS p50,
      (SELECT completed_at - received_at AS ms FROM ticket WHERE completed_at >= s AND completed_at < e ORDER BY ms LIMIT 1 OFFSET (9 * n + 9) / 10 - 1) AS p90
    FROM cnt ORDER BY d`, b.params],
  techOffset: [`WITH c AS (SELECT assigned_to AS staff_id, count(*) AS n FROM ticket WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL GROUP BY assigned_to)
    SELECT staff_id, n, (SELECT completed_at - received_at AS ms FROM ticket WHERE completed_at >= ? AND completed_at < ? AND assigned_to = c.staff_id ORDER BY ms LIMIT 1 OFFSET (n + 1) / 2 - 1) AS median FROM c`, [F, T, F, T]],
  techWindow: [`SELECT assigned_to AS staff_id, completed_at - received_at AS ms,
              row_number() OVER (PARTITION BY assigned_to ORDER BY completed_at - received_at) AS rn,
              count(*) OVER (PARTITION BY assigned_to) AS n
       FROM ticket WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL`, [F, T]],
  turnaround: [`WITH ${b.sql},
     dur AS (SELECT days.d, t.completed_at - t.received_at AS ms FROM days JOIN ticket t ON t.completed_at >= days.s AND t.completed_at < days.e),
     ranked AS (SELECT d, ms, row_number() OVER (PARTITION BY d ORDER BY ms) AS rn, count(*) OVER (PARTITION BY d) AS n FROM dur),
     pct AS (SELECT d, max(n) AS n, min(CASE WHEN rn * 2 >= n THEN ms END) AS p50, min(CASE WHEN rn * 10 >= n * 9 THEN ms END) AS p90 FROM ranked GROUP BY d)
     SELECT days.d, coalesce(pct.n, 0) AS n, pct.p50, pct.p90 FROM days LEFT JOIN pct ON pct.d = days.d ORDER BY days.d`, b.params],
  durOnly: [`WITH ${b.sql} SELECT count(*), sum(t.completed_at - t.received_at) FROM days JOIN ticket t ON t.completed_at >= days.s AND t.completed_at < days.e`, b.params],
  plainRange: [`SELECT count(*), sum(completed_at - received_at) FROM ticket WHERE completed_at >= ? AND completed_at < ?`, [F, T]],
  sortOnly: [`SELECT count(*) FROM (SELECT completed_at - received_at AS ms FROM ticket WHERE completed_at >= ? AND completed_at < ? ORDER BY ms)`, [F, T]],
  window: [`SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY completed_at - received_at) AS rn, count(*) OVER () AS n FROM ticket WHERE completed_at >= ? AND completed_at < ?)`, [F, T]],
};
for (const [name, [sql, p]] of Object.entries(qs)) {
  const st = db.prepare(sql);
  st.all(...p);
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) st.all(...p);
  console.log(name, ((performance.now() - t0) / 5).toFixed(1));
  if (name === 'techOffset') console.log(db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...p).map((r: any) => r.detail).join('\n'));
}
