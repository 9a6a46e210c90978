import fs from 'node:fs';
import Database from 'better-sqlite3';
import { migrations } from '../migrations';
import { MoveError } from './move-error';

/** A table of the SQLite shop that db:move copies, read from the file's own schema. */
export interface SourceTable {
  name: string;
  columns: string[];
  /** Rows read in rowid order (the order they were written), unless the table has no rowid. */
  rowid: boolean;
}

/** Tables that are SQLite's own or rebuilt on the target: the migration list (the target runs
 * its own migrations) and AUTOINCREMENT's high-water marks (read for the sequences instead). */
const NOT_COPIED = new Set(['schema_migration', 'sqlite_sequence']);

/** The shop's SQLite file, opened READ-ONLY: db:move never writes to it. */
export function openSource(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new MoveError(`No shop database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('cache_size = -32000');
  // one snapshot for the copy and its verification, whatever another process does meanwhile
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  return db;
}

/** A shop file from an older version must be opened once by this version (which migrates its
 * own file) before it moves: the target gets this version's schema. */
export function checkSourceMigrated(db: Database.Database): void {
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migration').pluck().all() as number[]).map(Number),
  );
  const missing = migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
  const unknown = [...applied].filter((id) => !migrations.some((m) => m.id === id));
  if (missing.length || unknown.length) {
    throw new MoveError(
      missing.length
        ? `The shop's file is not on this version's schema (migrations ${missing.join(', ')} not applied): start the workstation once on it, then move it.`
        : `The shop's file was written by a newer version (migrations ${unknown.join(', ')}): move it with that version.`,
    );
  }
}

/**
 * Every table of the file worth copying, from sqlite_master: FTS5 virtual tables and their
 * shadow tables are left out (PostgreSQL's trigram indexes search the base tables), as are the
 * tables in NOT_COPIED.
 */
export function sourceTables(db: Database.Database): SourceTable[] {
  const all = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .all() as Array<{ name: string; sql: string }>;
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const shadow = (name: string) => virtual.some((v) => name === v || name.startsWith(`${v}_`));
  return all
    .filter((t) => !NOT_COPIED.has(t.name) && !t.name.startsWith('sqlite_') && !shadow(t.name))
    .map((t) => ({
      name: t.name,
      columns: db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t.name) as string[],
      rowid: !/WITHOUT\s+ROWID/i.test(t.sql),
    }));
}

/** AUTOINCREMENT's high-water mark per table: an id once handed out is never handed out again,
 * even when its row is gone, so the target's sequences start above it. */
export function sourceSequences(db: Database.Database): Map<string, number> {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (!has) return new Map();
  const rows = db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{
    name: string;
    seq: number;
  }>;
  return new Map(rows.map((r) => [r.name, Number(r.seq)]));
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
