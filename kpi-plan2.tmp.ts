import Database from 'better-sqlite3';
import { dayBuckets, dayRange, daysBetween, isoDay } from './main/domain/reports/day-range';
const db = new Database('/tmp/rep3-bench/workstation.sqlite', { readonly: true });
db.pragma('cache_size = -32000');
const last = (db.prepare('SELECT max(received_at) AS t FROM ticket').get() as { t: number }).t;
const to = isoDay(last);
const from = isoDay(dayRange(to).from - 29 * 86_400_000);
const days = daysBetween(from, to);
const b = dayBuckets(days);
const F = dayRange(from).from, T = dayRange(to).to;
function turnaround() {
  const counts = db.prepare(`WITH ${b.sql} SELECT d, s, e, (SELECT count(*) FROM ticket WHERE completed_at >= s AND completed_at < e) AS n FROM days ORDER BY d`).all(...b.params) as any[];
  const pick = `(SELECT completed_at - received_at AS ms FROM ticket WHERE completed_at >= ? AND completed_at < ? ORDER BY ms LIMIT 1 OFFSET ?)`;
  const sql = counts.map(() => `SELECT ${pick} AS p50, ${pick} AS p90`).join(' UNION ALL ');
  const params = counts.flatMap((c) => [c.s, c.e, Math.ceil(c.n / 2) - 1, c.s, c.e, Math.ceil((9 * c.n) / 10) - 1]);
  return db.prepare(sql).all(...params);
}
function techs() {
  const counts = db.prepare(`SELECT assigned_to AS id, count(*) AS n FROM ticket WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL GROUP BY assigned_to`).all(F, T) as any[];
  const pick = `(SELECT completed_at - received_at AS ms FROM ticket WHERE assigned_to = ? AND completed_at >= ? AND completed_at < ? ORDER BY ms LIMIT 1 OFFSET ?)`;
  const sql = counts.map(() => `SELECT ${pick} AS median`).join(' UNION ALL ');
  return [counts.length, db.prepare(sql).all(...counts.flatMap((c) => [c.id, F, T, Math.ceil(c.n / 2) - 1]))];
}
for (const [name, f] of [['turn', turnaround], ['tech', techs]] as const) {
  f();
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) f();
  console.log(name, ((performance.now() - t0) / 5).toFixed(1), JSON.stringify(f()).slice(0, 100));
}
