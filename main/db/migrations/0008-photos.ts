import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/** Photos attached to a ticket. The image lives in the data folder under its SHA-256 name;
 * the row says which ticket it belongs to and who added it. Removal is a mark, never a delete:
 * photos are evidence of the device's condition. */
const sql = [
  `CREATE TABLE ticket_photo (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      sha256 VARCHAR(64) NOT NULL,
      mime VARCHAR(20) NOT NULL,
      size_bytes INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      original_name VARCHAR(200) NOT NULL,
      caption VARCHAR(200),
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      removed_at BIGINT,
      removed_by INTEGER REFERENCES staff (id),
      removed_reason VARCHAR(500)
    )`,
  `CREATE INDEX ticket_photo_ticket ON ticket_photo (ticket_id, created_at)`,
];

export const m0008: Migration = {
  id: 8,
  name: 'photos',
  sql,
  postgres: pgDdl(sql),
};
