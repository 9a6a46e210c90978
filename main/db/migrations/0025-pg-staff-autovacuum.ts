import type { Migration } from './types';

/**
 * PostgreSQL only: `staff` is neither analyzed nor vacuumed by the defaults' 50-row thresholds.
 * Every sign-in updates its row, and every analyze or vacuum of a table makes every station's
 * connections plan again each cached statement that reads it: the bench board (which joins the
 * technician's name) among them, at once on all of them. The ten-station drill's sign-ins set
 * that off inside its first minute, every run. A table of a few dozen rows needs no statistics
 * beyond its size, which a vacuum keeps; its dead rows are vacuumed after 1,000 sign-ins (days
 * at a busy shop). SQLite: an empty step.
 */
export const m0025: Migration = {
  id: 25,
  name: 'pg-staff-autovacuum',
  sql: [],
  postgres: [
    `ALTER TABLE staff SET (
       autovacuum_vacuum_scale_factor = 0,
       autovacuum_vacuum_threshold = 1000,
       autovacuum_vacuum_insert_scale_factor = 0,
       autovacuum_vacuum_insert_threshold = 2000000000,
       autovacuum_analyze_scale_factor = 0,
       autovacuum_analyze_threshold = 2000000000
     )`,
  ],
};
