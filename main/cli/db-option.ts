import { requireSqlite, resolveDatabase, type DatabaseTarget } from '../db/engine';
import { EngineStartError, terminalLang } from '../db/engine-errors';

/** The `--db URL` flag every CLI that opens the shop's database takes (parseFlags spec). */
export const DB_FLAG = { db: 'string' } as const;
export const DB_USAGE = '[--db postgres://user:password@host:5432/database]';

/**
 * The shop's database for a CLI run: `--db`, WORKSTATION_DB_URL, the data folder's
 * database.json, else its SQLite file. `sqliteOnly` names a command whose PostgreSQL body does
 * not exist yet: it refuses instead of working on the data folder's SQLite file.
 */
export function cliDatabase(
  dataDir: string,
  db: string | undefined,
  sqliteOnly?: string,
): DatabaseTarget {
  const target = resolveDatabase(dataDir, { url: db });
  if (sqliteOnly) requireSqlite(target, sqliteOnly);
  return target;
}

/** A start refused because of the database prints as one translated sentence (the terminal's
 * language), never a stack trace. Returns whether it was one. */
export function printEngineError(err: unknown): boolean {
  if (!(err instanceof EngineStartError)) return false;
  console.error(err.text(terminalLang()));
  return true;
}
