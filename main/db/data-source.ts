import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { syncShopZone } from '../domain/calendar/shop-zone-db';
import { DB_FILE, type DatabaseTarget } from './engine';
import { entities } from './entities';
import { runMigrations } from './migrate';
import { migrations } from './migrations';
import type { Migration } from './migrations/types';

export { DB_FILE } from './engine';

export interface OpenedDatabase {
  dataSource: DataSource;
  /** The raw handle, for bulk seeding, backups and prepared hot-path reads. */
  raw: BetterSqlite3.Database;
}

export function applyPragmas(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL');
  // A shop loses power: a taken-in device must survive it, so every commit is fsynced.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 32 MB of page cache (the default is 2 MB): report and dashboard reads over a month of a big
  // shop's tickets stay in memory instead of going back to the file for every page.
  db.pragma('cache_size = -32000');
}

/** What `openDatabase` gives for a chosen engine. PostgreSQL has no raw handle: its `raw` is a
 * guard that says so (see `sqliteOnlyRaw`), so SQLite-only code fails loudly, never wrongly. */
export type OpenedEngine =
  | ({ engine: 'sqlite' } & OpenedDatabase)
  | { engine: 'postgres'; dataSource: DataSource; raw: BetterSqlite3.Database };

/** Stands in for `services.raw` on PostgreSQL: any use names itself as SQLite-only. */
export function sqliteOnlyRaw(): BetterSqlite3.Database {
  return new Proxy({} as BetterSqlite3.Database, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      // a restore's "is the file open" check: there is no file
      if (prop === 'open') return false;
      throw new Error(
        `services.raw.${String(prop)} is SQLite-only: this code path is not yet on PostgreSQL (use sqlOf(em))`,
      );
    },
  });
}

/** The shop's database: the data folder's SQLite file (no target, or a SQLite one) or the
 * PostgreSQL server the target names. */
export async function openDatabase(dataDir: string): Promise<OpenedDatabase>;
export async function openDatabase(
  dataDir: string,
  target: DatabaseTarget,
  opts?: { now?: number; migrations?: readonly Migration[] },
): Promise<OpenedEngine>;
export async function openDatabase(
  dataDir: string,
  target?: DatabaseTarget,
  opts: { now?: number; migrations?: readonly Migration[] } = {},
): Promise<OpenedDatabase | OpenedEngine> {
  if (!target) return openSqlite(dataDir);
  if (target.engine === 'sqlite') return { engine: 'sqlite', ...(await openSqlite(dataDir)) };
  // loaded only when asked for: a SQLite station never loads pg
  const { openPostgres } = await import('./open-postgres');
  const dataSource = await openPostgres(target.url, opts);
  return { engine: 'postgres', dataSource, raw: sqliteOnlyRaw() };
}

async function openSqlite(dataDir: string): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  let raw: BetterSqlite3.Database | undefined;
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: path.join(dataDir, DB_FILE),
    entities,
    synchronize: false,
    migrationsRun: false,
    statementCacheSize: 200,
    timeout: 5000,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      raw = db;
      applyPragmas(db);
      runMigrations(db, migrations);
      // The shop's days as the setting says (the day aggregates' triggers read them).
      syncShopZone(db);
    },
  });
  await dataSource.initialize();
  if (!raw) throw new Error('database handle was not prepared');
  return { dataSource, raw };
}
