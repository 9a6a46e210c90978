import type pg from 'pg';
import { pgStatementName, toPgPlaceholders } from './sql';

/** Runs one statement (no parameters) on the connection being warmed, under the name
 * `preparedAll` gives the same text, so the call that needs it later finds it prepared. */
export type WarmRun = (sql: string) => Promise<Array<Record<string, unknown>>>;
export type PgWarmer = (run: WarmRun) => Promise<void>;

const warmers = new Map<string, PgWarmer>();

/** Reads every station makes all day (the bench board, a pickup's tables), run on each new
 * connection. */
export function registerPgWarmer(name: string, warm: PgWarmer): void {
  warmers.set(name, warm);
}

/**
 * pg-pool's `onConnect`: runs before the pool hands a new connection out. A new PostgreSQL
 * connection starts with empty caches: its first statement over the ticket table and its
 * indexes loads their descriptions, and each named statement is parsed and planned on first
 * use. A station's pool keeps two or three connections and a call lands on whichever is free,
 * so in the stations bench 14 of 37 board refreshes were the first on their connection: 29–47
 * ms against 9–13 for the rest. Warming costs the new connection the same once, up front.
 * A warmer that fails (a schema this build does not know yet) leaves the connection as it was:
 * never a reason to refuse it.
 */
export async function warmConnection(client: pg.ClientBase): Promise<void> {
  const run: WarmRun = async (sql) => {
    const text = toPgPlaceholders(sql);
    return (await client.query({ name: pgStatementName(text), text, values: [] })).rows;
  };
  for (const warm of warmers.values()) await warm(run).catch(() => undefined);
}
