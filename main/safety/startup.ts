import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../db/data-source';
import type { Migration } from '../db/migrations/types';
import { checkFile, createBackup, latestVerifiedBackup, type BackupManifest } from './backup';
import { copyFileDurably, fsyncDir } from './files';

/** Remembers a custom backup folder outside the database, so a missing or damaged database
 * can still point at its backups. */
const LOCATION_FILE = 'backup-folder.json';

export const defaultBackupDir = (dataDir: string) => path.join(dataDir, 'backups');

export function rememberBackupDir(dataDir: string, dir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, LOCATION_FILE), JSON.stringify({ dir }));
}

/** Where backups may be: the configured folder (setting `backup.folder`) and the default. */
export function knownBackupDirs(dataDir: string, configured?: string): string[] {
  const dirs = new Set<string>();
  if (configured) dirs.add(path.resolve(configured));
  try {
    const remembered = JSON.parse(fs.readFileSync(path.join(dataDir, LOCATION_FILE), 'utf8')) as {
      dir?: unknown;
    };
    if (typeof remembered.dir === 'string' && remembered.dir)
      dirs.add(path.resolve(remembered.dir));
  } catch {
    // none remembered
  }
  dirs.add(defaultBackupDir(dataDir));
  return [...dirs];
}

export type StartupProblem = 'DATABASE_DAMAGED' | 'DATABASE_MISSING';

/** The app refuses to start on a damaged or vanished database and says so in plain words,
 * naming the newest backup that passed verification. It never starts empty instead. */
export class DatabaseStartupError extends Error {
  constructor(
    readonly code: StartupProblem,
    message: string,
    readonly dataDir: string,
    readonly latestBackup: { dir: string; manifest: BackupManifest } | null,
  ) {
    super(message);
    this.name = 'DatabaseStartupError';
  }
}

function offer(latest: { dir: string; manifest: BackupManifest } | null): string {
  if (!latest) return 'No verified backup was found.';
  const when = new Date(latest.manifest.createdAt).toLocaleString();
  return `The newest verified backup is from ${when}: ${path.join(latest.dir, latest.manifest.file)}.`;
}

function configuredFolder(db: Database.Database): string | undefined {
  try {
    const row = db.prepare(`SELECT value FROM setting WHERE key = 'backup.folder'`).pluck().get();
    const value = typeof row === 'string' ? (JSON.parse(row) as unknown) : undefined;
    return typeof value === 'string' && value ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface StartupReport {
  state: 'new' | 'ok';
  /** The copy taken because migrations were about to run. */
  preMigrationBackup: string | null;
}

/**
 * Runs before the database is opened for use: quick_check, refusal to start on damage or on a
 * vanished file that has backups, and a backup before any pending migration.
 */
export async function checkDatabaseBeforeOpen(
  dataDir: string,
  migrations: readonly Migration[],
  now: number,
): Promise<StartupReport> {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) {
    const latest = latestVerifiedBackup(knownBackupDirs(dataDir));
    if (latest) {
      throw new DatabaseStartupError(
        'DATABASE_MISSING',
        `The shop's database is missing from ${dataDir}, but backups of it exist. The app will not start with an empty database. ${offer(latest)}`,
        dataDir,
        latest,
      );
    }
    return { state: 'new', preMigrationBackup: null };
  }
  const check = checkFile(file, 'quick');
  let db: Database.Database | undefined;
  let failure: string | null = check === 'ok' ? null : check;
  let pending = 0;
  let applied = 0;
  let configured: string | undefined;
  if (!failure) {
    try {
      db = new Database(file, { fileMustExist: true });
      configured = configuredFolder(db);
      const hasTable = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'`)
        .get();
      const ids = new Set(
        hasTable ? (db.prepare('SELECT id FROM schema_migration').pluck().all() as number[]) : [],
      );
      applied = ids.size;
      pending = migrations.filter((m) => !ids.has(m.id)).length;
    } catch (err) {
      failure = (err as Error).message;
    }
  }
  if (failure) {
    db?.close();
    const latest = latestVerifiedBackup(knownBackupDirs(dataDir, configured));
    throw new DatabaseStartupError(
      'DATABASE_DAMAGED',
      `The shop's database in ${dataDir} is damaged (${failure}). The app will not start on it. ${offer(latest)}`,
      dataDir,
      latest,
    );
  }
  let preMigrationBackup: string | null = null;
  try {
    if (db && applied > 0 && pending > 0) {
      const dir = knownBackupDirs(dataDir, configured)[0];
      const m = await createBackup(db, dir, { reason: 'pre-migration', now });
      preMigrationBackup = path.join(dir, m.file);
    }
  } finally {
    db?.close();
  }
  return { state: 'ok', preMigrationBackup };
}

/**
 * Puts a backup in place of the database file while the app is closed. The current file (and
 * its WAL) is moved aside, never deleted, so nothing is lost even if the wrong copy was chosen.
 */
export function replaceDatabaseFile(
  dataDir: string,
  backupFile: string,
  now: number,
  opts: { keepAside: boolean } = { keepAside: true },
): string | null {
  const file = path.join(dataDir, DB_FILE);
  const incoming = `${file}.incoming`;
  copyFileDurably(backupFile, incoming);
  let aside: string | null = null;
  if (fs.existsSync(file) && opts.keepAside) {
    aside = `${file}.replaced-${now}`;
    fs.renameSync(file, aside);
  }
  // A WAL left beside the new file would be replayed into it: it must go with the old file.
  for (const ext of ['-wal', '-shm']) {
    if (!fs.existsSync(file + ext)) continue;
    if (aside) fs.renameSync(file + ext, aside + ext);
    else fs.rmSync(file + ext);
  }
  fs.renameSync(incoming, file);
  fsyncDir(dataDir);
  return aside;
}
