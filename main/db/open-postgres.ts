import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { serverOf } from './engine';
import { EngineStartError, classifyPgError } from './engine-errors';
import { entities } from './entities';
import { MigrationError } from './migrate';
import { runPgMigrations } from './migrate-pg';
import { migrations } from './migrations';
import type { Migration } from './migrations/types';
import { PG_LOCK, pgXactLock } from './pg-locks';
import { warmConnection } from './pg-warm';
import { sqlOf, toPgPlaceholders } from './sql';
import { syncShopZoneIn } from '../domain/calendar/shop-zone-db';

/** Connections per station: a handful of staff at one PC never need more, and a shop server
 * serves several stations. */
export const PG_POOL_SIZE = 10;
/**
 * How long a pooled connection may sit idle before it is closed (pg's default is 10 s), and how
 * many stay open however long the station is quiet. A new connection costs the server a
 * process, and its first statements on each table load that table's catalog entries: at a
 * person's pace (a call every few seconds) the 10 s default closed and reopened connections all
 * day, and the load drill's station calls that met a fresh one were the slow end of their p95.
 */
export const PG_POOL_IDLE_MS = 60_000;
export const PG_POOL_KEEP = 2;
/** How long a station waits for its server before saying it cannot be reached. */
export const PG_CONNECT_TIMEOUT_MS = 8_000;

const INT8 = 20;
const NUMERIC = 1700;
/**
 * pg hands int8 (ids, epoch-ms columns, count(*)) and numeric (sum of bigint, avg) back as
 * strings, because they may exceed 2^53. The app's values are epoch milliseconds, ids, counts
 * and cents, all far below that, and SQLite answers them as numbers: so does this pool.
 * Per pool (not pg's global defaults), so another pg client in the process keeps its own.
 */
const toNumber = (v: string | null) => (v === null ? null : Number(v));
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return toNumber;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export const pgClientConfig = (url: string): pg.ClientConfig => ({
  connectionString: url,
  connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
  application_name: 'service-centre-workstation',
  types: pgTypes,
});

/** Every query TypeORM's runners send (entity SQL and the ~100 hand-written `em.query('… ?')`)
 * gets its `?` turned into `$n` here, the one place; TypeORM's own `$n` SQL passes through. */
function translatePlaceholders(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner: QueryRunner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, params?: unknown[], structured?: boolean) =>
      query(toPgPlaceholders(sql), params, structured as true)) as QueryRunner['query'];
    return runner;
  };
}

/** A database that holds tables but no (or somebody else's) schema_migration is not ours:
 * refuse it before anything is written into it. */
async function refuseForeign(client: pg.Client, server: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  if (rows.length === 0) return;
  const cols = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'schema_migration'`,
  );
  const have = new Set(cols.rows.map((r) => r.column_name));
  if (!['id', 'name', 'checksum'].every((c) => have.has(c))) {
    throw new EngineStartError('ENGINE_FOREIGN_DATABASE', { server });
  }
}

/** Connects one dedicated client, refuses a foreign database and applies pending migrations,
 * before TypeORM's pool exists. Returns the ids applied now. */
export async function migratePostgres(
  url: string,
  list: readonly Migration[],
  now: number,
): Promise<number[]> {
  const server = serverOf(url);
  const client = new pg.Client(pgClientConfig(url));
  // a server going away mid-migration surfaces as the query's error, not an unhandled event
  client.on('error', () => undefined);
  try {
    await client.connect();
    await refuseForeign(client, server);
    return await runPgMigrations(client, list, now);
  } catch (err) {
    if (err instanceof MigrationError && err.code === 'MIGRATION_UNKNOWN') {
      throw new EngineStartError('ENGINE_NEWER_DATABASE', { server });
    }
    throw classifyPgError(err, server);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The shop's database on a PostgreSQL server: migrated, then TypeORM over a small pool. */
export async function openPostgres(
  url: string,
  opts: { now?: number; migrations?: readonly Migration[] } = {},
): Promise<DataSource> {
  await migratePostgres(url, opts.migrations ?? migrations, opts.now ?? Date.now());
  const dataSource = await connectPostgres(url);
  try {
    // The shop's days as the setting says (the day aggregates' triggers read them), as the
    // SQLite file does at open. One station at a time: two would refile the same aggregates.
    // (Not on a schema older than the spans: a test's partial list of migrations.)
    await dataSource.transaction(async (em) => {
      await pgXactLock(em, PG_LOCK.shopZone);
      const sql = sqlOf(em);
      const spans = await sql.get<{ t: string | null }>(
        "SELECT to_regclass('shop_zone_offset') AS t",
      );
      if (spans?.t) await syncShopZoneIn(sql);
    });
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw classifyPgError(err, serverOf(url));
  }
  return dataSource;
}

/** TypeORM's pool on the shop's database as it is, migrated or not (the upgrade screen reads
 * the staff and writes the announcement before migrating). */
export async function connectPostgres(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities,
    synchronize: false,
    migrationsRun: false,
    // the schema is the migrations': no extension is created behind their back
    installExtensions: false,
    poolSize: PG_POOL_SIZE,
    connectTimeoutMS: PG_CONNECT_TIMEOUT_MS,
    applicationName: 'service-centre-workstation',
    extra: {
      types: pgTypes,
      idleTimeoutMillis: PG_POOL_IDLE_MS,
      min: PG_POOL_KEEP,
      onConnect: warmConnection,
    },
  });
  translatePlaceholders(dataSource);
  try {
    await dataSource.initialize();
  } catch (err) {
    throw classifyPgError(err, serverOf(url));
  }
  return dataSource;
}
