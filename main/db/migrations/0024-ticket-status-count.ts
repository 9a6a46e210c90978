import type { Migration } from './types';

/**
 * How many tickets each status holds, kept by the ticket triggers (issue 15): the bench board
 * every station keeps open showed ten column counts that walked ~20,800 index entries per
 * refresh at 1M tickets (~5 ms of the server's time per call, ten stations at once).
 *
 * A status's count is the sum of its rows' `n`. SQLite has one writer: one row per status,
 * added to in place. PostgreSQL has many: a change appends its +1/-1 rows and never updates one
 * (a row per status would be a lock every intake and move waits on, and two transactions moving
 * tickets in opposite directions could deadlock on the pair), and a periodic compaction folds
 * the rows into one per status (domain/tickets/status-counts.ts). The rows are read in the snapshot of the
 * board's own statement, so a badge always agrees with the cards.
 */
const BACKFILL = `INSERT INTO ticket_status_count (status, n)
  SELECT status, count(*) FROM ticket GROUP BY status`;

const add = (status: string, n: number) =>
  `INSERT INTO ticket_status_count (status, n) VALUES (${status}, ${n})
   ON CONFLICT (status) DO UPDATE SET n = n + ${n};`;

export const m0024: Migration = {
  id: 24,
  name: 'ticket-status-count',
  sql: [
    `CREATE TABLE ticket_status_count (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      status VARCHAR(24) NOT NULL,
      n BIGINT NOT NULL
    )`,
    `CREATE UNIQUE INDEX ticket_status_count_status ON ticket_status_count (status)`,
    BACKFILL,
    `CREATE TRIGGER ticket_status_count_ai AFTER INSERT ON ticket BEGIN
       ${add('new.status', 1)}
     END`,
    `CREATE TRIGGER ticket_status_count_au AFTER UPDATE OF status ON ticket
     WHEN old.status <> new.status BEGIN
       ${add('old.status', -1)}
       ${add('new.status', 1)}
     END`,
    `CREATE TRIGGER ticket_status_count_ad AFTER DELETE ON ticket BEGIN
       ${add('old.status', -1)}
     END`,
  ],
  postgres: [
    `CREATE TABLE ticket_status_count (
      id BIGSERIAL PRIMARY KEY,
      status VARCHAR(24) NOT NULL,
      n BIGINT NOT NULL
    )`,
    BACKFILL,
    `CREATE FUNCTION ticket_status_count_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         INSERT INTO ticket_status_count (status, n) VALUES (NEW.status, 1);
       ELSIF TG_OP = 'DELETE' THEN
         INSERT INTO ticket_status_count (status, n) VALUES (OLD.status, -1);
       ELSE
         INSERT INTO ticket_status_count (status, n) VALUES (OLD.status, -1), (NEW.status, 1);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ticket_status_count_ai AFTER INSERT ON ticket
       FOR EACH ROW EXECUTE FUNCTION ticket_status_count_ticket()`,
    `CREATE TRIGGER ticket_status_count_au AFTER UPDATE OF status ON ticket
       FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
       EXECUTE FUNCTION ticket_status_count_ticket()`,
    `CREATE TRIGGER ticket_status_count_ad AFTER DELETE ON ticket
       FOR EACH ROW EXECUTE FUNCTION ticket_status_count_ticket()`,
    // Every vacuum or analyze of a table makes each connection plan again the statements that
    // read it: the board's (2-8 ms under load) at every station. Its statistics never choose a
    // plan (a sum over a few pages), and its dead rows cost a sum little: vacuumed after 10,000
    // of them (days in a shop, minutes under the ten-station drill), never for inserts or stats.
    `ALTER TABLE ticket_status_count SET (
       autovacuum_vacuum_scale_factor = 0,
       autovacuum_vacuum_threshold = 10000,
       autovacuum_vacuum_insert_scale_factor = 0,
       autovacuum_vacuum_insert_threshold = 2000000000,
       autovacuum_analyze_scale_factor = 0,
       autovacuum_analyze_threshold = 2000000000
     )`,
  ],
};
