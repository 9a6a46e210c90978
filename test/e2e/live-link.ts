import path from 'node:path';
import type pg from 'pg';

/**
 * Cuts a station's live-updates link: terminates, on the server, the listening connection(s) of
 * the harness on `dataDir` (the listener names itself after its data folder). Returns how many.
 */
export async function cutLiveLink(db: pg.Client, dataDir: string): Promise<number> {
  const r = await db.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1`,
    [`workstation-live ${path.basename(dataDir)} %`],
  );
  return r.rowCount ?? 0;
}
