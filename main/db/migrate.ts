import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { pgBody, type Migration } from './migrations/types';

export class MigrationError extends Error {
  constructor(
    readonly code: 'MIGRATION_EDITED' | 'MIGRATION_UNKNOWN' | 'MIGRATION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function migrationChecksum(m: Migration): string {
  return createHash('sha256')
    .update(JSON.stringify([m.id, m.name, m.sql, m.sqliteOnly ?? []]))
    .digest('hex');
}

/** PostgreSQL's checksum covers what PostgreSQL runs: the SQLite checksum above never changes
 * when a PostgreSQL body is added or corrected (before any PostgreSQL shop applied it). */
export function pgMigrationChecksum(m: Migration): string {
  return createHash('sha256')
    .update(JSON.stringify([m.id, m.name, pgBody(m)]))
    .digest('hex');
}

export const unknownMigration = (row: { id: number; name: string }) =>
  new MigrationError(
    'MIGRATION_UNKNOWN',
    `The database has migration ${row.id} (${row.name}) that this version of the app does not know. Use a newer app version.`,
  );

export const editedMigration = (row: { id: number; name: string }) =>
  new MigrationError(
    'MIGRATION_EDITED',
    `Migration ${row.id} (${row.name}) was changed after it was applied to this database. Applied migrations must never be edited; add a new migration instead.`,
  );

export const failedMigration = (m: Migration, err: unknown) =>
  new MigrationError(
    'MIGRATION_FAILED',
    `Migration ${m.id} (${m.name}) failed and was rolled back, nothing was changed: ${(err as Error).message}`,
  );

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

/** Applies pending migrations in order, each in its own transaction. Refuses to start when
 * an applied migration's text changed or the database is newer than this build. */
export function runMigrations(db: BetterSqlite3.Database, list: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)`);
  const applied = db
    .prepare('SELECT id, name, checksum FROM schema_migration ORDER BY id')
    .all() as AppliedRow[];
  const known = new Map(list.map((m) => [m.id, m]));
  for (const row of applied) {
    const m = known.get(row.id);
    if (!m) throw unknownMigration(row);
    if (migrationChecksum(m) !== row.checksum) throw editedMigration(row);
  }
  const done = new Set(applied.map((r) => r.id));
  const ran: number[] = [];
  // All pending steps commit together: a failure in the last one leaves the file exactly as it
  // was, never half-migrated (each step is a savepoint inside this transaction).
  db.transaction(() => {
    for (const m of [...list].sort((a, b) => a.id - b.id)) {
      if (!done.has(m.id)) ran.push(applyOne(db, m));
    }
  })();
  return ran;
}

function applyOne(db: BetterSqlite3.Database, m: Migration): number {
  const apply = db.transaction(() => {
    for (const stmt of [...m.sql, ...(m.sqliteOnly ?? [])]) db.exec(stmt);
    db.prepare(
      'INSERT INTO schema_migration (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
    ).run(m.id, m.name, migrationChecksum(m), Date.now());
  });
  try {
    apply();
  } catch (err) {
    throw failedMigration(m, err);
  }
  return m.id;
}
