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
export const m0009: Migration = {
  id: 9,
  name: 'day-close',
  sql: [
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
  ],
  sqliteOnly: [
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
};
