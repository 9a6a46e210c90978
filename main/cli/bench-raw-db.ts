import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { Workstation } from '../app';
import type { DatabaseTarget } from '../db/engine';
import { pgClientConfig } from '../db/open-postgres';
import { pgStatementName, sqliteSql, toPgPlaceholders, type Engine, type Sql } from '../db/sql';
import { rawQueryManager } from './bench-raw-em';

/**
 * The `raw` baseline's connection: the same statements as the app, minus TypeORM and the
 * dispatcher. SQLite: the shop's better-sqlite3 handle with cached prepared statements.
 * PostgreSQL: one bare `pg` client (the app's number parsing) with named prepared statements,
 * so the server parses and plans each statement once, as better-sqlite3's cache does.
 */
export interface RawDb {
  engine: Engine;
  /** `?` SQL on the bare connection. */
  sql: Sql;
  /** An `EntityManager` stand-in for code that reads through `em.query` / `sqlOf(em)`. */
  em: EntityManager;
  close(): Promise<void>;
}

export async function openRawDb(ws: Workstation, target: DatabaseTarget): Promise<RawDb> {
  if (target.engine === 'sqlite') {
    const raw = ws.services.raw;
    return {
      engine: 'sqlite',
      sql: sqliteSql(raw),
      em: rawQueryManager(raw),
      close: async () => {},
    };
  }
  const client = new pg.Client(pgClientConfig(target.url));
  client.on('error', () => undefined);
  await client.connect();
  const exec = (sql: string, params: unknown[]) => {
    const text = toPgPlaceholders(sql);
    return client.query({ name: pgStatementName(text), text, values: params });
  };
  const sql: Sql = {
    engine: 'postgres',
    all: async <T>(s: string, ...p: unknown[]) => (await exec(s, p)).rows as T[],
    get: async <T>(s: string, ...p: unknown[]) => (await exec(s, p)).rows[0] as T | undefined,
    run: async (s: string, ...p: unknown[]) => ({ changes: (await exec(s, p)).rowCount ?? 0 }),
  };
  const queryRunner = {
    // the app's own named statements (pgPreparedAll) run on this client too
    connect: async () => client,
    query: async (s: string, p: unknown[] = [], structured = false) => {
      const r = await exec(s, p);
      return structured ? { records: r.rows, affected: r.rowCount ?? 0 } : r.rows;
    },
  };
  const em = {
    query: async (s: string, p: unknown[] = []) => (await exec(s, p)).rows,
    queryRunner,
    connection: { options: { type: 'postgres' } },
  } as unknown as EntityManager;
  return { engine: 'postgres', sql, em, close: () => client.end() };
}

/** One statement on the bare connection, called like a prepared statement (async). */
export const prep = (sql: Sql, text: string) => ({
  get: <T = unknown>(...p: unknown[]) => sql.get<T>(text, ...p),
  all: <T = unknown>(...p: unknown[]) => sql.all<T>(text, ...p),
  run: (...p: unknown[]) => sql.run(text, ...p),
});
