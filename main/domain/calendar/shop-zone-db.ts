import type BetterSqlite3 from 'better-sqlite3';
import type { Engine, Sql } from '../../db/sql';
import { isValidTimeZone, resolveTimeZone, zoneSpans } from './shop-zone';

/**
 * Keeps the database's idea of the shop's day in step with the `shop.timeZone` setting: the
 * `shop_zone_offset` spans (migration 0016) that the dashboard aggregates' triggers read, and the
 * aggregates themselves (`kpi_fault_day`, `kpi_done`), refiled under the new zone's days. Runs
 * when a database is opened (after migrations; also for the seed and other CLIs, so their raw
 * inserts land on the right days) and when the setting changes, in that write's transaction.
 * Nothing happens while the stored zone is already the one asked for.
 */

/** The day (`YYYY-MM-DD`) of an epoch-ms SQL expression in the stored zone. SQLite's triggers of
 * migration 0016 spell out the same expression (an applied migration never changes, so it is
 * not shared); on PostgreSQL that migration defines it once as the function `shop_day(ms)`,
 * which its triggers call too. */
export const shopDaySql = (ms: string, engine: Engine = 'sqlite'): string =>
  engine === 'postgres'
    ? `shop_day(${ms})`
    : `date((${ms} + coalesce((SELECT offset_ms FROM shop_zone_offset WHERE from_ms <= ${ms} ORDER BY from_ms DESC LIMIT 1), 0)) / 1000, 'unixepoch')`;

const ZONE_SETTING = "SELECT value FROM setting WHERE key = 'shop.timeZone'";
const STORED_ZONE = 'SELECT zone FROM shop_zone_offset LIMIT 1';

/** The zone a stored setting row names ('' when absent or not a zone). */
function zoneOfSetting(row: { value: string } | undefined): string {
  if (!row) return '';
  try {
    const v: unknown = JSON.parse(row.value);
    return typeof v === 'string' && isValidTimeZone(v) ? v : '';
  } catch {
    return '';
  }
}

/** Spans per INSERT: a few hundred spans (DST zones) in a few round trips on a server. */
const SPANS_PER_INSERT = 100;

/** The statements that make `zone` the database's: its spans, and the aggregates refiled. */
function refileStatements(zone: string, engine: Engine): Array<[string, unknown[]]> {
  const out: Array<[string, unknown[]]> = [['DELETE FROM shop_zone_offset', []]];
  const spans = zoneSpans(zone);
  for (let i = 0; i < spans.length; i += SPANS_PER_INSERT) {
    const part = spans.slice(i, i + SPANS_PER_INSERT);
    out.push([
      `INSERT INTO shop_zone_offset (from_ms, offset_ms, zone) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`,
      part.flatMap((s) => [s.from, s.offset, zone]),
    ]);
  }
  out.push(
    ['DELETE FROM kpi_fault_day', []],
    [
      `INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT ${shopDaySql('t.received_at', engine)}, d.brand, d.model, t.problem, count(*)
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'
       GROUP BY 1, 2, 3, 4`,
      [],
    ],
    ['DELETE FROM kpi_done', []],
    [
      `INSERT INTO kpi_done (ticket_id, day, ms)
       SELECT id, ${shopDaySql('completed_at', engine)}, completed_at - received_at
       FROM ticket WHERE completed_at IS NOT NULL`,
      [],
    ],
  );
  return out;
}

/**
 * SQLite, at open (data-source.ts, synchronous): makes the database's shop days those of
 * `setting` (the setting's value; read from the table when not given). Returns whether anything
 * changed.
 */
export function syncShopZone(db: BetterSqlite3.Database, setting?: string): boolean {
  const zone = resolveTimeZone(
    setting ?? zoneOfSetting(db.prepare(ZONE_SETTING).get() as { value: string } | undefined),
  );
  const current = db.prepare(STORED_ZONE).get() as { zone: string } | undefined;
  if (current?.zone === zone) return false;
  // A savepoint when the caller already holds a transaction, else its own.
  db.transaction(() => {
    for (const [sql, params] of refileStatements(zone, 'sqlite')) db.prepare(sql).run(...params);
  })();
  return true;
}

/**
 * Either engine: the same, through `sql`, which must be a transaction's (`settings.update`'s, or
 * at open on PostgreSQL `dataSource.transaction((em) => syncShopZoneIn(sqlOf(em)))`).
 */
export async function syncShopZoneIn(sql: Sql, setting?: string): Promise<boolean> {
  const zone = resolveTimeZone(setting ?? zoneOfSetting(await sql.get(ZONE_SETTING)));
  const current = await sql.get<{ zone: string }>(STORED_ZONE);
  if (current?.zone === zone) return false;
  for (const [statement, params] of refileStatements(zone, sql.engine))
    await sql.run(statement, ...params);
  return true;
}
