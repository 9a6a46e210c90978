/** A schema step. `sql` is portable DDL; `sqliteOnly` holds SQLite features (FTS5) whose
 * PostgreSQL twin lives beside the search interface. Applied steps are immutable: their
 * checksum is stored and compared on every start. */
export interface Migration {
  id: number;
  name: string;
  sql: string[];
  sqliteOnly?: string[];
}
