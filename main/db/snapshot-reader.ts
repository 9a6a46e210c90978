import Database from 'better-sqlite3';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { toPgPlaceholders } from './sql';

/**
 * Long reads (CSV exports, the audit chain walk): one consistent snapshot for every statement,
 * on a connection of its own (the app's stays free while a big file is written). Rows arrive
 * as arrays in the statement's column order, a batch at a time.
 */
export interface SnapshotReader {
  count(sql: string, params: unknown[]): Promise<number>;
  batches(sql: string, params: unknown[], size: number): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
}

/** SQLite: a read-only connection to the file, one WAL snapshot (BEGIN), and ONE statement
 * iterated in index order in raw (array) mode. */
export function sqliteReader(dbFile: string): SnapshotReader {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma('cache_size = -16000');
  db.exec('BEGIN');
  return {
    async count(sql, params) {
      return (db.prepare(sql).get(...params) as { n: number }).n;
    },
    async *batches(sql, params, size) {
      let batch: unknown[][] = [];
      for (const row of db
        .prepare(sql)
        .raw(true)
        .iterate(...params) as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length < size) continue;
        yield batch;
        batch = [];
      }
      if (batch.length) yield batch;
    },
    async close() {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}

/** Epoch-ms columns, counts (int8) and sums (numeric) as numbers here, as on SQLite: the
 * shop's values are far below 2^53. */
const NUMBERS = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBERS.has(oid)
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** PostgreSQL: a connection of the pool, a read-only REPEATABLE READ transaction (one
 * snapshot), and a server-side cursor fetched a batch at a time (the result never sits whole
 * in memory). */
export async function postgresReader(ds: DataSource): Promise<SnapshotReader> {
  const runner = ds.createQueryRunner();
  const client = (await runner.connect()) as pg.PoolClient;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (err) {
    await runner.release();
    throw err;
  }
  let cursors = 0;
  return {
    async count(sql, params) {
      const r = await client.query({ text: toPgPlaceholders(sql), values: params, types });
      return Number((r.rows[0] as { n: number }).n);
    },
    async *batches(sql, params, size) {
      const cursor = `snapshot_rows_${++cursors}`;
      await client.query({
        text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${toPgPlaceholders(sql)}`,
        values: params,
      });
      for (;;) {
        const r = await client.query({
          text: `FETCH FORWARD ${size} FROM ${cursor}`,
          rowMode: 'array',
          types,
        });
        if (r.rows.length === 0) return;
        yield r.rows as unknown[][];
      }
    },
    async close() {
      try {
        await client.query('ROLLBACK');
      } finally {
        await runner.release();
      }
    },
  };
}

/** The reader for the shop's engine. */
export const openSnapshotReader = (ds: DataSource): Promise<SnapshotReader> =>
  ds.options.type === 'postgres'
    ? postgresReader(ds)
    : Promise.resolve(sqliteReader(ds.options.database as string));
