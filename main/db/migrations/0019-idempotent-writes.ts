import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/**
 * Idempotent writes (issue 15, network blips): a write sent with a key stores key → answer in
 * the same transaction as the write, so a retry whose first answer was lost (a dropped link to
 * the shop's database, a browser that timed out) gets the stored answer instead of a second
 * pickup, stock move or status change. `input_hash` refuses a key reused for other input.
 */
const sql = [
  `CREATE TABLE idempotent_write (
      idem_key VARCHAR(80) PRIMARY KEY,
      method VARCHAR(60) NOT NULL,
      staff_id INTEGER,
      input_hash VARCHAR(64) NOT NULL,
      result TEXT NOT NULL,
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX idempotent_write_at ON idempotent_write (at)`,
];

export const m0019: Migration = { id: 19, name: 'idempotent-writes', sql, postgres: pgDdl(sql) };
