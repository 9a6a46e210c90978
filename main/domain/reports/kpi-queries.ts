import { sqlOf } from '../../db/sql';
import type { EntityManager } from 'typeorm';

/**
 * Nearest-rank percentiles without window functions: count the rows first, then read the
 * k-th smallest with `ORDER BY … LIMIT 1 OFFSET k-1` over an index range (one statement for all
 * groups). On a month of a big shop's tickets this is several times faster than ranking every
 * row with row_number() OVER (…), and it stays portable to PostgreSQL.
 */
const rank = (n: number, num: number, den: number) => Math.max(0, Math.ceil((n * num) / den) - 1);

/** Per local day: completions, median and 90th-percentile turnaround (ms), from `kpi_done`
 * (kept by the triggers of migration 0009) whose (day, ms) index is already in order. */
export async function turnaroundTrend(
  em: EntityManager,
  days: string[],
): Promise<Array<{ d: string; n: number; p50: number | null; p90: number | null }>> {
  const counts: Array<{ day: string; n: number }> = await sqlOf(em).all(
    'SELECT day, count(*) AS n FROM kpi_done WHERE day >= ? AND day <= ? GROUP BY day',
    days[0],
    days[days.length - 1],
  );
  const pick = '(SELECT ms FROM kpi_done WHERE day = ? ORDER BY ms LIMIT 1 OFFSET ?)';
  // UNION ALL keeps no promised order: each row carries its day's index.
  const rows: Array<{ i: number; p50: number; p90: number }> = counts.length
    ? await sqlOf(em).all(
        counts
          .map((_, i) => `SELECT ${i} AS i, ${pick} AS p50, ${pick} AS p90`)
          .join(' UNION ALL '),
        ...counts.flatMap((c) => {
          const n = Number(c.n);
          return [c.day, rank(n, 1, 2), c.day, rank(n, 9, 10)];
        }),
      )
    : [];
  const byDay = new Map(
    rows.map((r) => [counts[Number(r.i)].day, { ...r, n: counts[Number(r.i)].n }]),
  );
  return days.map((d) => {
    const r = byDay.get(d);
    return { d, n: Number(r?.n ?? 0), p50: r?.p50 ?? null, p90: r?.p90 ?? null };
  });
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
  const rows: Array<{
    staff_id: number;
    name: string;
    completed: number;
    qc_avg: number | null;
    qc_fails: number;
    minutes: number;
  }> = await sqlOf(em).all(
    `WITH d AS (
       SELECT assigned_to AS staff_id, count(*) AS completed FROM ticket
       WHERE completed_at >= ? AND completed_at < ? AND assigned_to IS NOT NULL GROUP BY assigned_to
     ), qc AS (
       SELECT t.assigned_to AS staff_id, avg(q.total) AS average, sum(CASE WHEN q.band = 'fail' THEN 1 ELSE 0 END) AS fails
       FROM qc_check q JOIN ticket t ON t.id = q.ticket_id
       WHERE q.at >= ? AND q.at < ? AND t.assigned_to IS NOT NULL GROUP BY t.assigned_to
     ), work AS (
       SELECT staff_id, sum(minutes) AS minutes FROM work_log WHERE ended_at >= ? AND ended_at < ? GROUP BY staff_id
     ), who AS (SELECT staff_id FROM d UNION SELECT staff_id FROM qc UNION SELECT staff_id FROM work)
     SELECT who.staff_id, s.name, coalesce(d.completed, 0) AS completed, qc.average AS qc_avg,
            coalesce(qc.fails, 0) AS qc_fails, coalesce(work.minutes, 0) AS minutes
     FROM who JOIN staff s ON s.id = who.staff_id LEFT JOIN d ON d.staff_id = who.staff_id
     LEFT JOIN qc ON qc.staff_id = who.staff_id LEFT JOIN work ON work.staff_id = who.staff_id
     ORDER BY completed DESC, s.name`,
    from,
    to,
    from,
    to,
    from,
    to,
  );
  const done = rows.filter((r) => Number(r.completed) > 0);
  const medians: Array<{ i: number; median: number }> = done.length
    ? await sqlOf(em).all(
        done
          .map(
            (_, i) => `SELECT ${i} AS i, (SELECT completed_at - received_at AS ms FROM ticket
                    WHERE assigned_to = ? AND completed_at >= ? AND completed_at < ?
                    ORDER BY ms LIMIT 1 OFFSET ?) AS median`,
          )
          .join(' UNION ALL '),
        ...done.flatMap((r) => [r.staff_id, from, to, rank(Number(r.completed), 1, 2)]),
      )
    : [];
  const median = new Map(medians.map((m) => [done[Number(m.i)].staff_id, m.median]));
  return rows.map((r) => ({ ...r, median: median.get(r.staff_id) ?? null }));
}

/**
 * Common faults per model: the three most frequent problems of each of the busiest models,
 * from the per-day counts the triggers of migration 0009 keep. The busiest models first (one
 * index-only pass over the range), then each model's problems through its own index range.
 */
export async function commonFaults(
  em: EntityManager,
  from: string,
  to: string,
): Promise<Array<{ model: string; problem: string; count: number }>> {
  if (sqlOf(em).engine === 'postgres') return commonFaultsOnePass(em, from, to);
  const models: Array<{ brand: string; model: string }> = await sqlOf(em).all(
    `SELECT brand, model, sum(count) AS total FROM kpi_fault_day WHERE day >= ? AND day <= ?
     GROUP BY brand, model HAVING sum(count) > 0 ORDER BY total DESC, brand, model LIMIT 30`,
    from,
    to,
  );
  if (models.length === 0) return [];
  // Each model's row carries its index (a literal: PostgreSQL would type a parameter as text);
  // a derived table needs its alias there.
  const per = (i: number) => `SELECT * FROM (SELECT ${i} AS i, problem, sum(count) AS count
    FROM kpi_fault_day WHERE brand = ? AND model = ? AND day >= ? AND day <= ? GROUP BY problem
    HAVING sum(count) > 0 ORDER BY count DESC, problem LIMIT 3) AS top${i}`;
  const rows: Array<{ i: number; problem: string; count: number }> = await sqlOf(em).all(
    models.map((_, i) => per(i)).join(' UNION ALL '),
    ...models.flatMap((m) => [m.brand, m.model, from, to]),
  );
  return rows
    .map((r) => ({ ...r, i: Number(r.i), count: Number(r.count) }))
    .sort((a, b) => a.i - b.i || b.count - a.count || (a.problem < b.problem ? -1 : 1))
    .slice(0, 30)
    .map((r) => ({
      model: `${models[r.i].brand} ${models[r.i].model}`,
      problem: r.problem,
      count: r.count,
    }));
}

/** Code-unit order: SQLite's binary collation and PostgreSQL's "C" alike. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same answer as `commonFaults` from one pass over the range. PostgreSQL's per-model index
 * cannot cover the problem text (a long problem would overflow a btree entry), so each of the
 * 30 per-model reads fetched its rows from the table again (~30 ms a month at 200k tickets);
 * reading the range's rows once and ranking them here costs one index range.
 */
async function commonFaultsOnePass(
  em: EntityManager,
  from: string,
  to: string,
): Promise<Array<{ model: string; problem: string; count: number }>> {
  const rows: Array<{ brand: string; model: string; problem: string; count: number }> = await sqlOf(
    em,
  ).all(
    `SELECT brand, model, problem, sum(count) AS count FROM kpi_fault_day
       WHERE day >= ? AND day <= ? GROUP BY brand, model, problem`,
    from,
    to,
  );
  const models = new Map<
    string,
    {
      brand: string;
      model: string;
      total: number;
      problems: Array<{ problem: string; count: number }>;
    }
  >();
  for (const r of rows) {
    const key = JSON.stringify([r.brand, r.model]);
    let m = models.get(key);
    if (!m) models.set(key, (m = { brand: r.brand, model: r.model, total: 0, problems: [] }));
    const count = Number(r.count);
    m.total += count;
    if (count > 0) m.problems.push({ problem: r.problem, count });
  }
  const busiest = [...models.values()]
    .filter((m) => m.total > 0)
    .sort((a, b) => b.total - a.total || byText(a.brand, b.brand) || byText(a.model, b.model))
    .slice(0, 30);
  return busiest
    .flatMap((m) =>
      m.problems
        .sort((a, b) => b.count - a.count || byText(a.problem, b.problem))
        .slice(0, 3)
        .map((p) => ({ model: `${m.brand} ${m.model}`, problem: p.problem, count: p.count })),
    )
    .slice(0, 30);
}
