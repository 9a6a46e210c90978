import { pgDdl, pgRefuse } from './pg-ddl';
import type { Migration } from './types';

/**
 * Day close (Z report) and what the daily report and dashboard need to stay fast.
 *
 * `day_close` stores the local day as its epoch-ms span [from_at, to_at) next to the calendar
 * date, so the payment lock below compares plain integers and never depends on the database's
 * idea of the time zone. A closed day is final: the row cannot change, and payments dated
 * inside it cannot be added, changed or removed; corrections are new payments dated the day
 * they are made.
 */
const sql = [
  `CREATE TABLE day_close (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      business_date VARCHAR(10) NOT NULL UNIQUE,
      from_at BIGINT NOT NULL,
      to_at BIGINT NOT NULL,
      expected_cents INTEGER NOT NULL,
      counted_cents INTEGER NOT NULL,
      variance_cents INTEGER NOT NULL,
      reason TEXT,
      closed_by INTEGER NOT NULL REFERENCES staff (id),
      closed_at BIGINT NOT NULL,
      CHECK (variance_cents = counted_cents - expected_cents),
      CHECK (variance_cents = 0 OR length(trim(coalesce(reason, ''))) > 0)
    )`,
  `CREATE INDEX day_close_span ON day_close (from_at, to_at)`,
  // Parts fitted on a day: consumed lines by the time they were fitted.
  `CREATE INDEX ticket_part_used ON ticket_part (state, updated_at)`,
  // Callbacks done on a day (CSAT / NPS), deposits and discounts by invoice day.
  `CREATE INDEX callback_done ON callback (done_at)`,
  `CREATE INDEX invoice_created ON invoice (created_at)`,
  // One technician's completions in a range, in index order: their median turnaround is an
  // OFFSET into this range, not a window over the whole shop's month.
  `CREATE INDEX ticket_tech_done ON ticket (assigned_to, completed_at, received_at)`,
  // Faults received per local day, device model and problem: the dashboard's "common faults
  // per model" reads a few thousand of these rows instead of joining every ticket of the range
  // to its device. Kept by triggers (below), so it is never out of step with the tickets.
  `CREATE TABLE kpi_fault_day (
      day VARCHAR(10) NOT NULL,
      brand VARCHAR(60) NOT NULL,
      model VARCHAR(120) NOT NULL,
      problem TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (day, brand, model, problem)
    )`,
  // Covering, per model: the busiest models' problems without touching the table.
  `CREATE INDEX kpi_fault_model ON kpi_fault_day (brand, model, day, problem, count)`,
  `CREATE INDEX kpi_fault_range ON kpi_fault_day (day, brand, model, count)`,
  // Every completed ticket's turnaround filed under its local completion day, in order: a
  // day's median and 90th percentile are index walks (LIMIT 1 OFFSET k), never a sort.
  `CREATE TABLE kpi_done (
      ticket_id INTEGER PRIMARY KEY,
      day VARCHAR(10) NOT NULL,
      ms BIGINT NOT NULL
    )`,
  `CREATE INDEX kpi_done_day ON kpi_done (day, ms)`,
];

/**
 * PostgreSQL's btree entries hold at most ~2.7 kB and a problem may be 4000 characters (12 kB
 * of Chinese): there kpi_fault_day is keyed by the problem's md5 (the same uniqueness, a unique
 * index the triggers' ON CONFLICT names) and the per-model index leaves the problem out.
 */
const pgFaultDay = (s: string) =>
  s.startsWith('CREATE TABLE kpi_fault_day')
    ? s.replace(/,\s*PRIMARY KEY \(day, brand, model, problem\)/, '')
    : s.startsWith('CREATE INDEX kpi_fault_model ')
      ? 'CREATE INDEX kpi_fault_model ON kpi_fault_day (brand, model, day) INCLUDE (count)'
      : s;

export const m0009: Migration = {
  id: 9,
  name: 'day-close',
  sql,
  sqliteOnly: [
    // The local day as SQLite sees it: 'localtime' reads the same TZ as the process, so these
    // days are the days `dayRange` computes in JS (the PostgreSQL twin uses AT TIME ZONE).
    `INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT date(t.received_at / 1000, 'unixepoch', 'localtime'), d.brand, d.model, t.problem, count(*)
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'
       GROUP BY 1, 2, 3, 4`,
    `CREATE TRIGGER kpi_fault_ai AFTER INSERT ON ticket WHEN new.category = 'fault' BEGIN
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT date(new.received_at / 1000, 'unixepoch', 'localtime'), d.brand, d.model, new.problem, 1
       FROM device d WHERE d.id = new.device_id
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + 1;
     END`,
    `CREATE TRIGGER kpi_fault_au AFTER UPDATE OF category, problem, device_id, received_at ON ticket
     WHEN old.category = 'fault' OR new.category = 'fault' BEGIN
       UPDATE kpi_fault_day SET count = count - 1
        WHERE old.category = 'fault' AND day = date(old.received_at / 1000, 'unixepoch', 'localtime')
          AND problem = old.problem AND (brand, model) = (SELECT brand, model FROM device WHERE id = old.device_id);
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT date(new.received_at / 1000, 'unixepoch', 'localtime'), d.brand, d.model, new.problem, 1
       FROM device d WHERE d.id = new.device_id AND new.category = 'fault'
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + 1;
     END`,
    `CREATE TRIGGER kpi_fault_ad AFTER DELETE ON ticket WHEN old.category = 'fault' BEGIN
       UPDATE kpi_fault_day SET count = count - 1
        WHERE day = date(old.received_at / 1000, 'unixepoch', 'localtime') AND problem = old.problem
          AND (brand, model) = (SELECT brand, model FROM device WHERE id = old.device_id);
     END`,
    `INSERT INTO kpi_done (ticket_id, day, ms)
       SELECT id, date(completed_at / 1000, 'unixepoch', 'localtime'), completed_at - received_at
       FROM ticket WHERE completed_at IS NOT NULL`,
    `CREATE TRIGGER kpi_done_ai AFTER INSERT ON ticket WHEN new.completed_at IS NOT NULL BEGIN
       INSERT INTO kpi_done (ticket_id, day, ms)
       VALUES (new.id, date(new.completed_at / 1000, 'unixepoch', 'localtime'), new.completed_at - new.received_at);
     END`,
    `CREATE TRIGGER kpi_done_au AFTER UPDATE OF completed_at, received_at ON ticket BEGIN
       DELETE FROM kpi_done WHERE ticket_id = old.id;
       INSERT INTO kpi_done (ticket_id, day, ms)
       SELECT new.id, date(new.completed_at / 1000, 'unixepoch', 'localtime'), new.completed_at - new.received_at
       WHERE new.completed_at IS NOT NULL;
     END`,
    `CREATE TRIGGER kpi_done_ad AFTER DELETE ON ticket BEGIN
       DELETE FROM kpi_done WHERE ticket_id = old.id;
     END`,
    // A corrected device name moves its tickets' faults to the new model.
    `CREATE TRIGGER kpi_fault_device_au AFTER UPDATE OF brand, model ON device
     WHEN old.brand IS NOT new.brand OR old.model IS NOT new.model BEGIN
       UPDATE kpi_fault_day SET count = count - (
           SELECT count(*) FROM ticket t WHERE t.device_id = new.id AND t.category = 'fault'
              AND t.problem = kpi_fault_day.problem
              AND date(t.received_at / 1000, 'unixepoch', 'localtime') = kpi_fault_day.day)
        WHERE brand = old.brand AND model = old.model;
       INSERT INTO kpi_fault_day (day, brand, model, problem, count)
       SELECT date(t.received_at / 1000, 'unixepoch', 'localtime'), new.brand, new.model, t.problem, count(*)
       FROM ticket t WHERE t.device_id = new.id AND t.category = 'fault' GROUP BY 1, 4
       ON CONFLICT (day, brand, model, problem) DO UPDATE SET count = count + excluded.count;
     END`,
    `CREATE TRIGGER payment_closed_day_insert BEFORE INSERT ON payment
     WHEN EXISTS (SELECT 1 FROM day_close WHERE from_at <= new.at AND to_at > new.at) BEGIN
       SELECT RAISE(ABORT, 'DAY_CLOSED: this day is closed; record a correction dated today');
     END`,
    `CREATE TRIGGER payment_closed_day_update BEFORE UPDATE ON payment
     WHEN EXISTS (SELECT 1 FROM day_close WHERE (from_at <= old.at AND to_at > old.at)
                                            OR (from_at <= new.at AND to_at > new.at)) BEGIN
       SELECT RAISE(ABORT, 'DAY_CLOSED: this day is closed; record a correction dated today');
     END`,
    `CREATE TRIGGER payment_closed_day_delete BEFORE DELETE ON payment
     WHEN EXISTS (SELECT 1 FROM day_close WHERE from_at <= old.at AND to_at > old.at) BEGIN
       SELECT RAISE(ABORT, 'DAY_CLOSED: this day is closed; record a correction dated today');
     END`,
    `CREATE TRIGGER day_close_no_update BEFORE UPDATE ON day_close BEGIN
       SELECT RAISE(ABORT, 'a day close is final');
     END`,
    `CREATE TRIGGER day_close_no_delete BEFORE DELETE ON day_close BEGIN
       SELECT RAISE(ABORT, 'a day close is final');
     END`,
  ],
  postgres: [
    ...pgDdl(sql).map(pgFaultDay),
    `CREATE UNIQUE INDEX kpi_fault_day_key ON kpi_fault_day (day, brand, model, md5(problem))`,
    // The shop day of an epoch-ms instant as 'YYYY-MM-DD'. UTC here (a PostgreSQL database
    // starts at the latest schema, nothing to backfill); migration 0016 makes it the shop zone's.
    `CREATE FUNCTION shop_day(ms BIGINT) RETURNS VARCHAR LANGUAGE sql STABLE AS $$
       SELECT to_char(DATE '1970-01-01' + (ms / 86400000)::int, 'YYYY-MM-DD') $$`,
    `CREATE FUNCTION kpi_fault_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' AND OLD.category = 'fault' THEN
         UPDATE kpi_fault_day k SET count = k.count - 1 FROM device d
          WHERE d.id = OLD.device_id AND k.day = shop_day(OLD.received_at)
            AND k.problem = OLD.problem AND k.brand = d.brand AND k.model = d.model;
       END IF;
       IF TG_OP <> 'DELETE' AND NEW.category = 'fault' THEN
         INSERT INTO kpi_fault_day AS k (day, brand, model, problem, count)
         SELECT shop_day(NEW.received_at), d.brand, d.model, NEW.problem, 1
         FROM device d WHERE d.id = NEW.device_id
         ON CONFLICT (day, brand, model, md5(problem)) DO UPDATE SET count = k.count + 1;
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER kpi_fault_ai AFTER INSERT ON ticket
       FOR EACH ROW WHEN (NEW.category = 'fault') EXECUTE FUNCTION kpi_fault_ticket()`,
    `CREATE TRIGGER kpi_fault_au AFTER UPDATE OF category, problem, device_id, received_at ON ticket
       FOR EACH ROW WHEN (OLD.category = 'fault' OR NEW.category = 'fault') EXECUTE FUNCTION kpi_fault_ticket()`,
    `CREATE TRIGGER kpi_fault_ad AFTER DELETE ON ticket
       FOR EACH ROW WHEN (OLD.category = 'fault') EXECUTE FUNCTION kpi_fault_ticket()`,
    `CREATE FUNCTION kpi_done_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN DELETE FROM kpi_done WHERE ticket_id = OLD.id; END IF;
       IF TG_OP <> 'DELETE' AND NEW.completed_at IS NOT NULL THEN
         INSERT INTO kpi_done (ticket_id, day, ms)
         VALUES (NEW.id, shop_day(NEW.completed_at), NEW.completed_at - NEW.received_at);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER kpi_done_ai AFTER INSERT ON ticket
       FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION kpi_done_ticket()`,
    `CREATE TRIGGER kpi_done_au AFTER UPDATE OF completed_at, received_at ON ticket
       FOR EACH ROW EXECUTE FUNCTION kpi_done_ticket()`,
    `CREATE TRIGGER kpi_done_ad AFTER DELETE ON ticket FOR EACH ROW EXECUTE FUNCTION kpi_done_ticket()`,
    // A corrected device name moves its tickets' faults to the new model.
    `CREATE FUNCTION kpi_fault_device_au() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE kpi_fault_day k SET count = k.count - (
           SELECT count(*) FROM ticket t WHERE t.device_id = NEW.id AND t.category = 'fault'
              AND t.problem = k.problem AND shop_day(t.received_at) = k.day)
        WHERE k.brand = OLD.brand AND k.model = OLD.model;
       INSERT INTO kpi_fault_day AS k (day, brand, model, problem, count)
       SELECT shop_day(t.received_at), NEW.brand, NEW.model, t.problem, count(*)
       FROM ticket t WHERE t.device_id = NEW.id AND t.category = 'fault' GROUP BY 1, 4
       ON CONFLICT (day, brand, model, md5(problem)) DO UPDATE SET count = k.count + excluded.count;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER kpi_fault_device_au AFTER UPDATE OF brand, model ON device
       FOR EACH ROW WHEN (OLD.brand IS DISTINCT FROM NEW.brand OR OLD.model IS DISTINCT FROM NEW.model)
       EXECUTE FUNCTION kpi_fault_device_au()`,
    `CREATE FUNCTION payment_closed_day() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM day_close WHERE from_at <= OLD.at AND to_at > OLD.at))
          OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM day_close WHERE from_at <= NEW.at AND to_at > NEW.at)) THEN
         RAISE EXCEPTION 'DAY_CLOSED: this day is closed; record a correction dated today';
       END IF;
       IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER payment_closed_day BEFORE INSERT OR UPDATE OR DELETE ON payment
       FOR EACH ROW EXECUTE FUNCTION payment_closed_day()`,
    ...pgRefuse('day_close_no_change', 'day_close', 'UPDATE OR DELETE', 'a day close is final'),
  ],
};
