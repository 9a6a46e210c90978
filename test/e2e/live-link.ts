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

/**
 * A server role of the station's own (same rights as the shop's), and the database address that
 * signs in as it: with it a test can keep that one station from connecting (keepAway) for as
 * long as it needs, where cutting its link again at each reconnect lost the race on a slow
 * machine and the station flickered back.
 */
export async function ownRole(db: pg.Client, url: string, role: string): Promise<string> {
  await db.query(`CREATE ROLE ${role} LOGIN SUPERUSER`);
  const u = new URL(url);
  u.username = role;
  return u.toString();
}

/** While away, new connections as `role` are refused; the ones already open stay. */
export async function keepAway(db: pg.Client, role: string, away: boolean): Promise<void> {
  await db.query(`ALTER ROLE ${role} ${away ? 'NOLOGIN' : 'LOGIN'}`);
}
