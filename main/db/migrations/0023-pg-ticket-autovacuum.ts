import type { Migration } from './types';

/**
 * PostgreSQL only: the ticket table is vacuumed after 2,000 changed rows instead of 20 % of the
 * table. The board's column counts are an index-only scan of the open tickets, and the open
 * tickets are exactly the rows stations keep updating; each update clears its page's
 * all-visible bit, which only a vacuum sets again. At 1M tickets the default waited for 200,000
 * changes: after a day of ten stations the counts made 8,113 heap fetches (17.6 ms); after a
 * vacuum (1.7 s at 1M) none (4.1 ms). A vacuum that finds few dead rows skips the indexes, so a
 * small threshold stays cheap. SQLite has no vacuum of this kind: an empty step there.
 */
export const m0023: Migration = {
  id: 23,
  name: 'pg-ticket-autovacuum',
  sql: [],
  postgres: [
    `ALTER TABLE ticket SET (
       autovacuum_vacuum_scale_factor = 0,
       autovacuum_vacuum_threshold = 2000,
       autovacuum_vacuum_insert_scale_factor = 0,
       autovacuum_vacuum_insert_threshold = 2000,
       autovacuum_analyze_scale_factor = 0.02
     )`,
  ],
};
