import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { syncShopZone } from '../domain/calendar/shop-zone-db';
import { entities } from './entities';
import { runMigrations } from './migrate';
import { migrations } from './migrations';

export const DB_FILE = 'workstation.sqlite';

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

export async function openDatabase(dataDir: string): Promise<OpenedDatabase> {
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
