import type { Migration } from './types';

/**
 * Lists that grow forever are paged by keyset (newest first, after the last row shown), each on
 * an index that walks straight to the page, so page one costs the same at 600k rows as at 60:
 * printed jobs (status, id), callbacks done (status, done_at, id) and all (due_at, id), manager
 * tasks done (status, done_at, id). The print worker reads only the head of each printer's line
 * (status, device_id, kind, id).
 *
 * SQLite lets a non-INTEGER PRIMARY KEY hold NULL unless it says NOT NULL (a legacy quirk; on
 * PostgreSQL a primary key is never null): `setting`, `sequence` and `part_barcode` are rebuilt
 * with NOT NULL keys so the tables hold what their entities say (the schema-drift test checks it).
 */
export const m0012: Migration = {
  id: 12,
  name: 'list-paging',
  sql: [
    `CREATE INDEX print_job_status_id ON print_job (status, id)`,
    `CREATE INDEX print_job_queue_head ON print_job (status, device_id, kind, id)`,
    `CREATE INDEX callback_done_page ON callback (status, done_at, id)`,
    `CREATE INDEX callback_all_page ON callback (due_at, id)`,
    `CREATE INDEX manager_task_done_page ON manager_task (status, done_at, id)`,
  ],
  sqliteOnly: [
    `CREATE TABLE setting_rebuilt (
      key VARCHAR(80) NOT NULL PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at BIGINT NOT NULL,
      updated_by INTEGER REFERENCES staff (id)
    )`,
    `INSERT INTO setting_rebuilt (key, value, updated_at, updated_by)
       SELECT key, value, updated_at, updated_by FROM setting`,
    `DROP TABLE setting`,
    `ALTER TABLE setting_rebuilt RENAME TO setting`,
    `CREATE TABLE sequence_rebuilt (
      name VARCHAR(40) NOT NULL PRIMARY KEY,
      value INTEGER NOT NULL
    )`,
    `INSERT INTO sequence_rebuilt (name, value) SELECT name, value FROM sequence`,
    `DROP TABLE sequence`,
    `ALTER TABLE sequence_rebuilt RENAME TO sequence`,
    `CREATE TABLE part_barcode_rebuilt (
      code VARCHAR(64) NOT NULL PRIMARY KEY,
      part_id INTEGER NOT NULL REFERENCES part (id)
    )`,
    `INSERT INTO part_barcode_rebuilt (code, part_id) SELECT code, part_id FROM part_barcode`,
    `DROP TABLE part_barcode`,
    `ALTER TABLE part_barcode_rebuilt RENAME TO part_barcode`,
    `CREATE INDEX part_barcode_part ON part_barcode (part_id)`,
  ],
};
