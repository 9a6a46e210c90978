import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/**
 * Stations (issue 15): each PC running the app is a row, keyed by the id it keeps in its own
 * data folder (<data>/station.json). Peripherals and print jobs name the station they belong
 * to, so each station's print worker claims only its own jobs. Existing rows start with no
 * station (null) and are adopted by the first station that starts after this migration
 * (main/domain/stations/station-service.ts), so a one-PC shop keeps its printers and queue.
 * The default printer per job kind moves from the shop-wide setting to the station's row.
 */
const sql = [
  `CREATE TABLE station (
      id VARCHAR(40) NOT NULL PRIMARY KEY,
      name VARCHAR(80) NOT NULL,
      app_version VARCHAR(40) NOT NULL,
      default_printers TEXT NOT NULL DEFAULT '{}',
      created_at BIGINT NOT NULL,
      last_seen_at BIGINT NOT NULL,
      retired_at BIGINT
    )`,
  `ALTER TABLE peripheral ADD COLUMN station_id VARCHAR(40) REFERENCES station (id)`,
  `ALTER TABLE print_job ADD COLUMN station_id VARCHAR(40) REFERENCES station (id)`,
  `CREATE INDEX peripheral_station ON peripheral (station_id)`,
  `CREATE INDEX print_job_station ON print_job (station_id, status, id)`,
];

export const m0018: Migration = {
  id: 18,
  name: 'stations',
  sql,
  postgres: pgDdl(sql),
};
