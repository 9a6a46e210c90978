import type BetterSqlite3 from 'better-sqlite3';
import { isValidTimeZone, resolveTimeZone, zoneSpans } from './shop-zone';

/**
 * Keeps the database's idea of the shop's day in step with the `shop.timeZone` setting: the
 * `shop_zone_offset` spans (migration 0016) that the dashboard aggregates' triggers read, and the
 * aggregates themselves (`kpi_fault_day`, `kpi_done`), refiled under the new zone's days. Runs
 * when a database is opened (after migrations; also for the seed and other CLIs, so their raw
 * inserts land on the right days) and when the setting changes, in that write's transaction.
 * Nothing happens while the stored zone is already the one asked for.
 */

/** The day of an epoch-ms SQL expression in the stored zone; the triggers of migration 0016
 * spell out the same expression (an applied migration never changes, so it is not shared). */
export const shopDaySql = (ms: string) =>
  `date((${ms} + coalesce((SELECT offset_ms FROM shop_zone_offset WHERE from_ms <= ${ms} ORDER BY from_ms DESC LIMIT 1), 0)) / 1000, 'unixepoch')`;

/** The zone the setting names, read straight from the table (no settings service needed). */
function storedSetting(db: BetterSqlite3.Database): string {
  const row = db.prepare("SELECT value FROM setting WHERE key = 'shop.timeZone'").get() as
    { value: string } | undefined;
  if (!row) return '';
  try {
    const v: unknown = JSON.parse(row.value);
    return typeof v === 'string' && isValidTimeZone(v) ? v : '';
  } catch {
    return '';
  }
}

/**
 * Makes the database's shop days those of `setting` (the setting's value; read from the table
 * when not given). Returns whether anything changed.
 */
export function syncShopZone(db: BetterSqlite3.Database, setting?: string): boolean {
  const zone = resolveTimeZone(setting ?? storedSetting(db));
  const current = db.prepare('SELECT zone FROM shop_zone_offset LIMIT 1').get() as
    { zone: string } | undefined;
  if (current?.zone === zone) return false;
  // A savepoint when the caller already holds a transaction (settings.update), else its own.
  db.transaction(() => {
    db.exec('DELETE FROM shop_zone_offset');
    const add = db.prepare(
      'INSERT INTO shop_zone_offset (from_ms, offset_ms, zone) VALUES (?, ?, ?)',
    );
    for (const s of zoneSpans(zone)) add.run(s.from, s.offset, zone);
    db.exec('DELETE FROM kpi_fault_day');
    db.exec(`INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT ${shopDaySql('t.received_at')}, d.brand, d.model, t.problem, count(*)
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'
       GROUP BY 1, 2, 3, 4`);
    db.exec('DELETE FROM kpi_done');
    db.exec(`INSERT INTO kpi_done (ticket_id, day, ms)
       SELECT id, ${shopDaySql('completed_at')}, completed_at - received_at
       FROM ticket WHERE completed_at IS NOT NULL`);
  })();
  return true;
}
