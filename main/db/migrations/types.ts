/** A schema step. `sql` is portable DDL; `sqliteOnly` holds SQLite features (FTS5, triggers)
 * whose PostgreSQL twin lives in `postgres`. Applied steps are immutable: their checksum is
 * stored and compared on every start, one checksum per engine (each over what that engine
 * runs), so a PostgreSQL body can be written without touching a SQLite shop's checksums. */
export interface Migration {
  id: number;
  name: string;
  sql: string[];
  sqliteOnly?: string[];
  /** The whole PostgreSQL body, run instead of `sql` + `sqliteOnly` on that engine. Absent:
   * `sql` is run as it is (it must then be valid PostgreSQL too). */
  postgres?: string[];
}

/** What PostgreSQL runs for `m`. */
export const pgBody = (m: Migration): string[] => m.postgres ?? m.sql;
