import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DATABASE_CONFIG_FILE, DB_FILE, DB_PASSWORD_FILE, serverOf, urlComponent } from './engine';
import { EngineStartError, classifyPgError } from './engine-errors';
import { fetchShopKey, adoptShopKey, plainSealer } from '../domain/privacy/shop-key';
import type { Sealer } from '../domain/messages/channels/secret-store';
import type { Sql } from './sql';
import { writeFileDurably } from '../safety/files';

/** What a person types to join the shop's database (Setup → "Join the shop's database"). */
export interface JoinParams {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** The URL a station connects with (the password only in memory). */
export function joinUrl(p: Omit<JoinParams, 'password'> & { password?: string }): string {
  const u = new URL('postgres://localhost');
  u.hostname = p.host.trim();
  u.port = String(p.port);
  u.pathname = `/${urlComponent(p.database.trim())}`;
  u.username = urlComponent(p.user.trim());
  if (p.password) u.password = urlComponent(p.password);
  return u.toString();
}

/** Has this data folder chosen its database yet? Not when neither database.json nor the SQLite
 * file exists: a first start, when Setup may ask. */
export function databaseChosen(dataDir: string): boolean {
  return (
    fs.existsSync(path.join(dataDir, DATABASE_CONFIG_FILE)) ||
    fs.existsSync(path.join(dataDir, DB_FILE))
  );
}

export type ConnectionOutcome =
  | { ok: true; server: string; tables: number; shopKey: boolean }
  | { ok: false; error: EngineStartError };

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 8_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const clientSql = (c: pg.Client): Sql => {
  const n = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  return {
    all: async <T>(sql: string, ...p: unknown[]) => (await c.query(n(sql), p)).rows as T[],
    get: async <T>(sql: string, ...p: unknown[]) =>
      (await c.query(n(sql), p)).rows[0] as T | undefined,
    run: async (sql: string, ...p: unknown[]) => ({
      changes: (await c.query(n(sql), p)).rowCount ?? 0,
    }),
  } as Sql;
};

/** "Test connection": reaches the server, signs in, and says whether the database is empty (a
 * new shop) or a shop already (and whether its passcode key was shared). Outcomes are the
 * start-up problems (engine-errors.ts), translated the same way. */
export async function testConnection(p: JoinParams): Promise<ConnectionOutcome> {
  const url = joinUrl(p);
  const server = serverOf(url);
  try {
    return await withClient(url, async (c) => {
      const { rows } = await c.query<{ n: string; k: string | null }>(
        `SELECT (SELECT count(*) FROM information_schema.tables
                  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE') AS n,
                to_regclass('shop_key')::text AS k`,
      );
      let shopKey = false;
      if (rows[0]?.k) {
        const r = await c.query('SELECT 1 FROM shop_key');
        shopKey = (r.rowCount ?? 0) > 0;
      }
      return { ok: true as const, server, tables: Number(rows[0]?.n ?? 0), shopKey };
    });
  } catch (err) {
    const e = classifyPgError(err, server);
    if (e instanceof EngineStartError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Joins this data folder to the shop's database: with a join secret, the shop's passcode key is
 * fetched and kept first (a wrong secret changes nothing); then the password goes to
 * keys/database-password (0600, or sealed by the OS keychain) and database.json names the
 * server without it. The next start opens the workstation on it.
 */
export async function saveJoin(
  dataDir: string,
  p: JoinParams,
  opts: { joinSecret?: string; sealer?: Sealer; keyFile?: string } = {},
): Promise<void> {
  const sealer = opts.sealer ?? plainSealer;
  if (opts.joinSecret) {
    const secret = opts.joinSecret;
    const key = await withClient(joinUrl(p), (c) => fetchShopKey(clientSql(c), secret));
    adoptShopKey(opts.keyFile ?? path.join(dataDir, 'keys', 'passcode.key'), key, sealer);
  }
  storeServerLogin(dataDir, p, sealer);
}

/**
 * This data folder opens the shop on the server `p` from its next start: the password in
 * keys/database-password (0600, sealed by `sealer`: the OS keychain in the app), database.json
 * naming the server without it. Setup's join and the station move both end here. Returns
 * database.json's path.
 */
export function storeServerLogin(dataDir: string, p: JoinParams, sealer: Sealer): string {
  const pwFile = path.join(dataDir, DB_PASSWORD_FILE);
  fs.mkdirSync(path.dirname(pwFile), { recursive: true, mode: 0o700 });
  const tmp = `${pwFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, sealer.seal(p.password), { mode: 0o600 });
  fs.renameSync(tmp, pwFile);
  const config = { engine: 'postgres', url: joinUrl({ ...p, password: '' }), password: 'stored' };
  const file = path.join(dataDir, DATABASE_CONFIG_FILE);
  writeFileDurably(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
