import type BetterSqlite3 from 'better-sqlite3';

/**
 * Where the bulk seeders (tickets, parts) put their rows. The generators are the same for both
 * engines, so one seed number gives the same shop on SQLite and on PostgreSQL: SQLite takes
 * them as prepared INSERTs in one transaction per batch (its triggers fill the search tables
 * and the day aggregates as they go); PostgreSQL takes them as COPY streams (seed-copy.ts), its
 * derived tables rebuilt afterwards.
 */
export interface RowSink {
  /** A writer of `table`'s rows, the values in `columns` order. */
  table(name: string, columns: readonly string[]): (...values: unknown[]) => void;
  /** One batch of writes: a transaction on SQLite; on PostgreSQL the batch's rows are sent on,
   * waiting while the server is behind. */
  batch(fn: () => void): Promise<void>;
}

export function sqliteRows(raw: BetterSqlite3.Database): RowSink {
  return {
    table(name, columns) {
      const stmt = raw.prepare(
        `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      return (...values) => {
        stmt.run(...values);
      };
    },
    async batch(fn) {
      raw.transaction(fn)();
    },
  };
}
