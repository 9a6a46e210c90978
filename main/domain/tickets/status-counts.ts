import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../api/dispatcher';

/**
 * Tickets per status as the ticket triggers keep them (`ticket_status_count`, migration 0024):
 * a status's count is the sum of its rows. For counts with no other filter than the status
 * (the board every station keeps open, the backlog); a filtered count still counts tickets.
 */
export async function statusCounts(
  em: EntityManager,
  statuses: readonly string[],
): Promise<Record<string, number>> {
  const marks = statuses.map(() => '?').join(',');
  const rows: Array<{ status: string; n: number | string }> = await em.query(
    `SELECT status, sum(n) AS n FROM ticket_status_count WHERE status IN (${marks}) GROUP BY status`,
    [...statuses],
  );
  return Object.fromEntries(
    statuses.map((s) => [s, 0]).concat(rows.map((r) => [r.status, Number(r.n)])),
  );
}

/** One row of the kept counts, `<prefix><i>` for `literals[i]` (statuses already written as
 * SQL literals by the caller: the statement is prepared once per connection). */
export const statusCountsRowSql = (literals: readonly string[], prefix: string) =>
  `SELECT ${literals
    .map((s, i) => `coalesce(sum(CASE WHEN status = ${s} THEN n END), 0) AS ${prefix}${i}`)
    .join(', ')} FROM ticket_status_count`;

/** PostgreSQL's fold (see `compactStatusCounts`): answers how many rows it folded. */
export const COMPACT_STATUS_COUNTS = `WITH gone AS (DELETE FROM ticket_status_count RETURNING status, n),
  kept AS (INSERT INTO ticket_status_count (status, n)
    SELECT status, sum(n) FROM gone GROUP BY status HAVING sum(n) <> 0 RETURNING 1)
  SELECT count(*) AS n FROM gone`;

/**
 * PostgreSQL appends a +1/-1 row per change: fold them into one row per status. One statement,
 * safe beside writers and other stations compacting: the DELETE takes only the rows its
 * snapshot sees (a row a concurrent compaction deleted first is skipped, never summed twice) and
 * puts back their sums. Returns how many rows were folded (0: nothing worth doing).
 */
export async function compactStatusCounts(em: EntityManager, minRows = 32): Promise<number> {
  const [{ n }]: Array<{ n: string | number }> = await em.query(
    'SELECT count(*) AS n FROM ticket_status_count',
  );
  if (Number(n) < minRows) return 0;
  const folded: Array<{ n: string | number }> = await em.query(COMPACT_STATUS_COUNTS);
  return Number(folded[0].n);
}

/** Every `everyMs` on PostgreSQL (SQLite keeps one row per status in place); the timer never
 * keeps the process alive. `dataSource()`: a restore may swap it. */
export function startStatusCountCompaction(
  dataSource: () => DataSource,
  log: Logger,
  everyMs = 10_000,
): { stop(): void } {
  if (dataSource().options.type !== 'postgres') return { stop() {} };
  const timer = setInterval(() => {
    compactStatusCounts(dataSource().manager).catch((err: unknown) =>
      log.error('status count compaction failed', err),
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
