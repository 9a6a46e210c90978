import fs from 'node:fs';
import path from 'node:path';
import { EngineStartError } from './engine-errors';
import type { Engine } from './sql';
import type { Sealer } from '../domain/messages/channels/secret-store';

export type { Engine } from './sql';

/** The SQLite file's name in the data folder. */
export const DB_FILE = 'workstation.sqlite';
/** `<dataDir>/database.json`: `{"engine":"postgres","url":"postgres://…"}` puts this station on
 * the shop's PostgreSQL server. Without it the shop lives in the data folder's SQLite file. */
export const DATABASE_CONFIG_FILE = 'database.json';
/** A station that joined through Setup keeps the database password here, beside the passcode
 * key (0600; the app seals it with the OS keychain): database.json then says
 * `"password":"stored"` and its URL has none. */
export const DB_PASSWORD_FILE = path.join('keys', 'database-password');
/** The environment variable that names the shop's PostgreSQL database. */
export const DB_URL_ENV = 'WORKSTATION_DB_URL';

/** Where the shop's database is. The data folder stays the station's own (keys, photos,
 * settings of this PC) on both engines. */
export type DatabaseTarget =
  | { engine: 'sqlite'; file: string }
  | {
      engine: 'postgres';
      url: string;
      /** Who chose it: `--db`, the environment variable or the data folder's database.json. */
      from: 'option' | 'environment' | 'file';
    };

/** host:port/database of a PostgreSQL URL, never the user's password. */
export function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '?';
  }
}

/** What a person is shown: the engine and where its data is (never a password). */
export function describeTarget(t: DatabaseTarget): { engine: Engine; where: string } {
  return t.engine === 'sqlite'
    ? { engine: 'sqlite', where: t.file }
    : { engine: 'postgres', where: serverOf(t.url) };
}

/** A `postgres://` URL that names a host and a database, or a typed refusal. */
export function checkPgUrl(url: string): string {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  const db = u?.pathname.replace(/^\//, '') ?? '';
  if (!u || !/^postgres(ql)?:$/.test(u.protocol) || !u.hostname || !db || db.includes('/')) {
    // the text as typed may hold a password: only its start is named
    throw new EngineStartError('ENGINE_URL_INVALID', { url: redact(url) });
  }
  return url;
}

/** The URL with any password replaced by ***, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** The URL with the stored password of a joined station put in (sealed by `sealer`). */
function withStoredPassword(dataDir: string, url: string, sealer?: Sealer): string {
  const file = path.join(dataDir, DB_PASSWORD_FILE);
  let sealed: Buffer;
  try {
    sealed = fs.readFileSync(file);
  } catch {
    throw new EngineStartError('ENGINE_CONFIG_INVALID', { file });
  }
  const u = new URL(url);
  u.password = urlComponent(sealer ? sealer.open(sealed) : sealed.toString('utf8'));
  return u.toString();
}

/** A user name, password or database name as a postgres URL holds it. The URL setters leave
 * '%' as it is, and pg decodes what it reads: a password "%ff" became a malformed URL (an
 * INTERNAL error at Setup, a station that could not start), "%41" the password "A". */
export const urlComponent = (text: string) => encodeURIComponent(text);

function fromFile(dataDir: string, sealer?: Sealer): DatabaseTarget | null {
  const file = path.join(dataDir, DATABASE_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EngineStartError('ENGINE_CONFIG_INVALID', { file });
  }
  const c = parsed as { engine?: unknown; url?: unknown; password?: unknown };
  if (c?.engine === 'sqlite') return null;
  if (c?.engine !== 'postgres' || typeof c.url !== 'string') {
    throw new EngineStartError('ENGINE_CONFIG_INVALID', { file });
  }
  const url = checkPgUrl(c.url);
  if (c.password === 'stored') {
    return { engine: 'postgres', url: withStoredPassword(dataDir, url, sealer), from: 'file' };
  }
  return { engine: 'postgres', url, from: 'file' };
}

/**
 * The shop's database for this start, in order: `--db URL`, `WORKSTATION_DB_URL`, the data
 * folder's database.json, else the SQLite file in the data folder.
 */
export function resolveDatabase(
  dataDir: string,
  opts: {
    url?: string;
    env?: NodeJS.ProcessEnv;
    /** Opens a joined station's stored database password (the app: the OS keychain). */
    sealer?: Sealer;
  } = {},
): DatabaseTarget {
  if (opts.url) return { engine: 'postgres', url: checkPgUrl(opts.url), from: 'option' };
  const env = (opts.env ?? process.env)[DB_URL_ENV];
  if (env) return { engine: 'postgres', url: checkPgUrl(env), from: 'environment' };
  return fromFile(dataDir, opts.sealer) ?? { engine: 'sqlite', file: path.join(dataDir, DB_FILE) };
}

/** For CLIs whose PostgreSQL body does not exist yet: refuse clearly instead of quietly using
 * the SQLite file of the data folder. */
export function requireSqlite(target: DatabaseTarget, what: string): void {
  if (target.engine !== 'sqlite') {
    throw new EngineStartError('ENGINE_NOT_YET', { what, server: serverOf(target.url) });
  }
}
