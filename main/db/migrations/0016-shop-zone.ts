import type { Migration } from './types';

/**
 * The dashboard's day aggregates (migration 0009) filed rows under SQLite's 'localtime' day,
 * i.e. the process's time zone, while the shop's day is the shop's time-zone setting. Now the
 * triggers read the day from `shop_zone_offset`: the setting's zone as spans of constant UTC
 * offset, written (and the aggregates rebuilt) whenever the zone changes, by
 * main/domain/calendar/shop-zone-db.ts, the same spans JS uses for `dayRange`. A lookup is one
 * primary-key seek. Until the table is filled (the moment after this step), days are UTC.
 *
 * The day expression is written out here, not imported: an applied migration never changes.
 */
const day = (ms: string) =>
  `date((${ms} + coalesce((SELECT offset_ms FROM shop_zone_offset WHERE from_ms <= ${ms} ORDER BY from_ms DESC LIMIT 1), 0)) / 1000, 'unixepoch')`;

export const m0016: Migration = {
  id: 16,
  name: 'shop-zone',
  sql: [
    `CREATE TABLE shop_zone_offset (
      from_ms BIGINT PRIMARY KEY,
      offset_ms INTEGER NOT NULL,
      zone VARCHAR(64) NOT NULL
    )`,
  ],
  sqliteOnly: [
    'DROP TRIGGER kpi_fault_ai',
    'DROP TRIGGER kpi_fault_au',
    'DROP TRIGGER kpi_fault_ad',
    'DROP TRIGGER kpi_done_ai',
    'DROP TRIGGER kpi_done_au',
    'DROP TRIGGER kpi_fault_device_au',
    `CREATE TRIGGER kpi_fault_ai AFTER INSERT ON ticket WHEN new.category = 'fault' BEGIN
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT ${day('new.received_at')}, d.brand, d.model, new.problem, 1
       FROM device d WHERE d.id = new.device_id
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + 1;
     END`,
    `CREATE TRIGGER kpi_fault_au AFTER UPDATE OF category, problem, device_id, received_at ON ticket
     WHEN old.category = 'fault' OR new.category = 'fault' BEGIN
       UPDATE kpi_fault_day SET count = count - 1
        WHERE old.category = 'fault' AND day = ${day('old.received_at')}
          AND problem = old.problem AND (brand, model) = (SELECT brand, model FROM device WHERE id = old.device_id);
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT ${day('new.received_at')}, d.brand, d.model, new.problem, 1
       FROM device d WHERE d.id = new.device_id AND new.category = 'fault'
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + 1;
     END`,
    `CREATE TRIGGER kpi_fault_ad AFTER DELETE ON ticket WHEN old.category = 'fault' BEGIN
       UPDATE kpi_fault_day SET count = count - 1
        WHERE day = ${day('old.received_at')} AND problem = old.problem
          AND (brand, model) = (SELECT brand, model FROM device WHERE id = old.device_id);
     END`,
    `CREATE TRIGGER kpi_done_ai AFTER INSERT ON ticket WHEN new.completed_at IS NOT NULL BEGIN
       INSERT INTO kpi_done (ticket_id, day, ms)
       VALUES (new.id, ${day('new.completed_at')}, new.completed_at - new.received_at);
     END`,
    `CREATE TRIGGER kpi_done_au AFTER UPDATE OF completed_at, received_at ON ticket BEGIN
       DELETE FROM kpi_done WHERE ticket_id = old.id;
       INSERT INTO kpi_done (ticket_id, day, ms)
       SELECT new.id, ${day('new.completed_at')}, new.completed_at - new.received_at
       WHERE new.completed_at IS NOT NULL;
     END`,
    `CREATE TRIGGER kpi_fault_device_au AFTER UPDATE OF brand, model ON device
     WHEN old.brand IS NOT new.brand OR old.model IS NOT new.model BEGIN
       UPDATE kpi_fault_day SET count = count - (
           SELECT count(*) FROM ticket t WHERE t.device_id = new.id AND t.category = 'fault'
              AND t.problem = kpi_fault_day.problem
              AND ${day('t.received_at')} = kpi_fault_day.day)
        WHERE brand = old.brand AND model = old.model;
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT ${day('t.received_at')}, new.brand, new.model, t.problem, count(*)
       FROM ticket t WHERE t.device_id = new.id AND t.category = 'fault' GROUP BY 1, 4
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + excluded.count;
     END`,
  ],
  // PostgreSQL's triggers (0009) ask `shop_day()`: only it changes, to read the spans.
  postgres: [
    `CREATE TABLE shop_zone_offset (
      from_ms BIGINT PRIMARY KEY,
      offset_ms INTEGER NOT NULL,
      zone VARCHAR(64) NOT NULL
    )`,
    `CREATE OR REPLACE FUNCTION shop_day(ms BIGINT) RETURNS VARCHAR LANGUAGE sql STABLE AS $$
       SELECT to_char(DATE '1970-01-01' + ((ms + coalesce((SELECT offset_ms FROM shop_zone_offset
         WHERE from_ms <= ms ORDER BY from_ms DESC LIMIT 1), 0)) / 86400000)::int, 'YYYY-MM-DD') $$`,
  ],
};
