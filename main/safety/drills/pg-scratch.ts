import pg from 'pg';
import { pgClientConfig } from '../../db/open-postgres';
import { toPgPlaceholders, type Sql } from '../../db/sql';

/**
 * A drill on PostgreSQL writes test records: never into the shop's database. It makes its own
 * throwaway database on the same server (the URL's user needs CREATEDB) and drops it after,
 * as the SQLite drills make a throwaway data folder.
 */
export async function scratchPgDatabase(
  url: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const db = `ws_drill_${name}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client(pgClientConfig(url));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${db}"`);
  } catch (err) {
    throw new Error(
      `The drill needs a scratch database of its own on that server and could not create one (${(err as Error).message}): give --db a user allowed to create databases.`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  const target = new URL(url);
  target.pathname = `/${db}`;
  return {
    url: target.toString(),
    async drop() {
      const c = new pg.Client(pgClientConfig(url));
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      } finally {
        await c.end().catch(() => undefined);
      }
    },
  };
}

/** `Sql` over one bare client (the drill's checks, outside any workstation). */
export function clientSql(client: pg.Client): Sql {
  const q = (sql: string, p: unknown[]) => client.query(toPgPlaceholders(sql), p);
  return {
    engine: 'postgres',
    all: async <T>(sql: string, ...p: unknown[]) => (await q(sql, p)).rows as T[],
    get: async <T>(sql: string, ...p: unknown[]) => (await q(sql, p)).rows[0] as T | undefined,
    run: async (sql: string, ...p: unknown[]) => ({ changes: (await q(sql, p)).rowCount ?? 0 }),
  };
}
