import type { DataSource } from 'typeorm';
import { closeReader, openReader } from '../api/slices';
import { postgresSql, sqliteSql, type Sql } from './sql';

/**
 * A long method's private read (the parts import's check, the parts export): `?` SQL on one
 * consistent snapshot, on a connection of its own, so the app's connection stays free.
 * SQLite: a read-only connection to the file in one WAL snapshot (as before). PostgreSQL: a
 * pooled connection in a REPEATABLE READ READ ONLY transaction, rolled back at `close`.
 */
export interface SnapshotSql {
  sql: Sql;
  close(): Promise<void>;
}

export async function openSnapshotSql(ds: DataSource): Promise<SnapshotSql> {
  if (ds.options.type !== 'postgres') {
    const db = openReader(ds.options.database as string, { snapshot: true });
    return { sql: sqliteSql(db), close: async () => closeReader(db) };
  }
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (err) {
    await runner.release();
    throw err;
  }
  return {
    sql: postgresSql(runner.manager),
    async close() {
      try {
        await runner.query('ROLLBACK');
      } finally {
        await runner.release();
      }
    },
  };
}
