import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/** Serial peripherals (scanners, label and receipt printers) and the print queue's routing:
 * which printer took a job, and which job a reprint repeats. */
const sql = [
  `CREATE TABLE peripheral (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind VARCHAR(16) NOT NULL,
      name VARCHAR(80) NOT NULL,
      path VARCHAR(200) NOT NULL,
      baud_rate INTEGER NOT NULL,
      data_bits INTEGER NOT NULL,
      parity VARCHAR(8) NOT NULL,
      stop_bits REAL NOT NULL,
      options TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    )`,
  `ALTER TABLE print_job ADD COLUMN device_id INTEGER REFERENCES peripheral (id)`,
  `ALTER TABLE print_job ADD COLUMN reprint_of INTEGER REFERENCES print_job (id)`,
  `CREATE INDEX print_job_device ON print_job (device_id, status)`,
];

export const m0005: Migration = {
  id: 5,
  name: 'devices',
  sql,
  postgres: pgDdl(sql),
};
