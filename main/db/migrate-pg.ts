import type pg from 'pg';
import { editedMigration, failedMigration, pgMigrationChecksum, unknownMigration } from './migrate';
import { pgBody, type Migration } from './migrations/types';
import { PG_LOCK } from './pg-locks';

/**
 * The PostgreSQL twin of `runMigrations`: the same table, the same refusals (an edited or
 * unknown applied migration), and every pending step in ONE transaction, so a failure leaves
 * the database exactly as it was (PostgreSQL's DDL is transactional). Two stations starting at
 * once queue on a transaction-scoped advisory lock: the second sees the first's work and applies
 * nothing. Returns the ids applied now.
 */
export async function runPgMigrations(
  client: pg.ClientBase,
  list: readonly Migration[],
  now: number,
): Promise<number[]> {
  // READ COMMITTED whatever the server's default: after the lock, each statement sees what the
  // station that held it committed.
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCK.migrate]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)`);
    const applied = (
      await client.query<{ id: number; name: string; checksum: string }>(
        'SELECT id, name, checksum FROM schema_migration ORDER BY id',
      )
    ).rows;
    const known = new Map(list.map((m) => [m.id, m]));
    for (const row of applied) {
      const m = known.get(row.id);
      if (!m) throw unknownMigration(row);
      if (pgMigrationChecksum(m) !== row.checksum) throw editedMigration(row);
    }
    const done = new Set(applied.map((r) => r.id));
    const ran: number[] = [];
    for (const m of [...list].sort((a, b) => a.id - b.id)) {
      if (done.has(m.id)) continue;
      try {
        for (const stmt of pgBody(m)) await client.query(stmt);
        await client.query(
          'INSERT INTO schema_migration (id, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
          [m.id, m.name, pgMigrationChecksum(m), now],
        );
      } catch (err) {
        throw failedMigration(m, err);
      }
      ran.push(m.id);
    }
    await client.query('COMMIT');
    return ran;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
