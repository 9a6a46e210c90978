import type { Migration } from './types';

/**
 * Staff who come and go (issue 13).
 *
 * - `must_change_pin`: a one-time PIN (a new person, a reset, the bootstrap Admin/0000) must be
 *   replaced before anything else works. Rows from before this step cannot be judged here (the
 *   PIN is not known, only its hash): a sign-in whose PIN breaks the PIN rules (0000, 1234)
 *   sets the flag then.
 * - `prev_pin_*`: the PIN before the current one, so a change cannot go back to it.
 * - `pin_guard`: wrong PINs per person *and* station: five wrong guesses at one terminal lock
 *   the person at that terminal only; `staff.locked_until` is now the short account-wide
 *   pause after such a lock. `station_guard`: wrong PINs per station across every person.
 */
export const m0010: Migration = {
  id: 10,
  name: 'staff',
  sql: [
    `ALTER TABLE staff ADD COLUMN must_change_pin INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE staff ADD COLUMN prev_pin_hash VARCHAR(128)`,
    `ALTER TABLE staff ADD COLUMN prev_pin_salt VARCHAR(64)`,
    `ALTER TABLE staff ADD COLUMN last_sign_in_at BIGINT`,
    `ALTER TABLE staff ADD COLUMN status_reason TEXT`,
    `ALTER TABLE staff ADD COLUMN status_changed_at BIGINT`,
    `CREATE TABLE pin_guard (
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      origin VARCHAR(80) NOT NULL,
      failed INTEGER NOT NULL,
      locked_until BIGINT,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (staff_id, origin)
    )`,
    `CREATE TABLE station_guard (
      origin VARCHAR(80) PRIMARY KEY,
      failed INTEGER NOT NULL,
      paused_until BIGINT,
      updated_at BIGINT NOT NULL
    )`,
  ],
};
