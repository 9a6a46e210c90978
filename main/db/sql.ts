import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';

export type Engine = 'sqlite' | 'postgres';

/**
 * Hand-written statements on whichever engine the shop runs, joined to the caller's
 * transaction (`em`). SQL is written once with `?` placeholders; PostgreSQL gets `$n` from
 * `toPgPlaceholders`. New rows: write `INSERT … RETURNING id` and use `get` (both engines).
 */
export interface Sql {
  readonly engine: Engine;
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  run(sql: string, ...params: unknown[]): Promise<{ changes: number }>;
}

/** `?` → `$1, $2 …`, leaving quoted strings, quoted names and comments alone. SQL that already
 * numbers its parameters (TypeORM's own) passes through unchanged. */
export function toPgPlaceholders(sql: string): string {
  if (!sql.includes('?') || /\$\d/.test(sql)) return sql;
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') out += `$${++n}`;
    else out += c;
  }
  return out;
}

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** SQLite: cached prepared statements on the shop's one connection (the one TypeORM uses,
 * so they join its open transaction); answers are synchronous underneath. */
export function sqliteSql(db: BetterSqlite3.Database): Sql {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const c = cache;
  const st = (sql: string) => {
    let s = c.get(sql);
    if (!s) c.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    engine: 'sqlite',
    all: async <T>(sql: string, ...p: unknown[]) => st(sql).all(...p) as T[],
    get: async <T>(sql: string, ...p: unknown[]) => st(sql).get(...p) as T | undefined,
    run: async (sql: string, ...p: unknown[]) => ({ changes: st(sql).run(...p).changes }),
  };
}

/** PostgreSQL: through the manager's query runner, so a transaction's statements share its
 * connection. */
export function postgresSql(em: EntityManager): Sql {
  const exec = async (sql: string, params: unknown[]) => {
    const runner = em.queryRunner ?? em.connection.createQueryRunner();
    try {
      return await runner.query(toPgPlaceholders(sql), params, true);
    } finally {
      if (!em.queryRunner) await runner.release();
    }
  };
  return {
    engine: 'postgres',
    all: async <T>(sql: string, ...p: unknown[]) => (await exec(sql, p)).records as T[],
    get: async <T>(sql: string, ...p: unknown[]) => (await exec(sql, p)).records[0] as T | undefined,
    run: async (sql: string, ...p: unknown[]) => ({ changes: (await exec(sql, p)).affected ?? 0 }),
  };
}

const statementNames = new Map<string, string>();

/** The name a PostgreSQL statement text is prepared under: the same text, the same name, on
 * any connection (pg refuses one name for two texts on a connection). */
export function pgStatementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `ws_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * PostgreSQL: `sql` as a named prepared statement of the connection it runs on, parsed once per
 * connection and planned by the server's plan cache (a generic plan once five custom ones
 * showed it costs no more). For the lookup box's few statement shapes, whose planning (CTEs,
 * window functions, the summaries' join) cost more than running them. Not for statements whose
 * best plan depends on the values (skewed lists): the generic plan would be wrong for some. Name
 * the columns (no `*`): a cached statement whose result columns change under it (another
 * station upgraded the schema) is refused by the server.
 */
export async function pgPreparedAll<T>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const text = toPgPlaceholders(sql);
  const name = pgStatementName(text);
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    return (await client.query({ name, text, values: params })).rows as T[];
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/** `sql` on `em`: a named prepared statement on PostgreSQL (see pgPreparedAll), TypeORM's
 * query on SQLite (better-sqlite3 statements are cheap to prepare). */
export function preparedAll<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.connection.options.type === 'postgres'
    ? pgPreparedAll<T>(em, sql, params)
    : (em.query(sql, params) as Promise<T[]>);
}

/** The statements of `em`'s engine, joined to `em`'s transaction. */
export function sqlOf(em: EntityManager): Sql {
  if (em.connection.options.type === 'postgres') return postgresSql(em);
  const db = (em.connection.driver as unknown as { databaseConnection: BetterSqlite3.Database })
    .databaseConnection;
  return sqliteSql(db);
}

export const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Runs `INSERT … RETURNING id` and answers the new row's id (both engines). */
export async function insertId(sql: Sql, insert: string, ...params: unknown[]): Promise<number> {
  const row = await sql.get<{ id: number | string }>(`${insert} RETURNING id`, ...params);
  if (!row) throw new Error('the insert returned no row');
  return Number(row.id);
}
