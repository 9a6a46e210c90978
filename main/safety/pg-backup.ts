import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pgClientConfig } from '../db/open-postgres';
import { stamp, type BackupManifest, type BackupReason, type BackupVerdict } from './backup';
import { fsyncDir, fsyncFile, sha256File, writeFileDurably } from './files';
import { highest, NONE, type IssuedNumbers } from './issued-numbers';

const run = promisify(execFile);

/** A PostgreSQL backup: `pg_dump -Fc` (custom format) with the same manifest as a SQLite copy. */
export type PgBackupManifest = BackupManifest & { engine: 'postgres' };

export const PG_BACKUP_FILE = /^workstation-\d{8}-\d{6}-\d{3}-[a-z-]+\.pgdump$/;

/**
 * pg_dump/pg_restore of the newest installed PostgreSQL (Debian keeps each major version in
 * /usr/lib/postgresql/N/bin; pg_dump refuses a server newer than itself), else the PATH's.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).sort((a, b) => Number(a) - Number(b))
    : [];
  for (const v of versions.reverse()) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  return name;
}

async function tool(
  name: 'pg_dump' | 'pg_restore',
  args: string[],
  signal?: AbortSignal,
): Promise<string> {
  try {
    const { stdout } = await run(pgTool(name), args, { maxBuffer: 64 * 2 ** 20, signal });
    return stdout;
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        `${name} is not installed on this station (install the PostgreSQL client tools of the server's major version, see docs/POSTGRESQL.md)`,
      );
    }
    throw new Error(`${name} failed: ${(e.stderr || e.message).trim().split('\n')[0]}`);
  }
}

/** What the manifest records, read from the database itself in one snapshot. */
async function describeDatabase(url: string) {
  const client = new pg.Client(pgClientConfig(url));
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = (
      await client.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows.map((r) => r.t);
    const counts: Record<string, number> = {};
    for (const t of tables) {
      counts[t] = Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    }
    const head = tables.includes('audit_entry')
      ? ((await client.query('SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1'))
          .rows[0] ?? null)
      : null;
    const migrations = tables.includes('schema_migration')
      ? (await client.query('SELECT id FROM schema_migration ORDER BY id')).rows.map((r) =>
          Number(r.id),
        )
      : [];
    const issued = tables.includes('sequence')
      ? highest(
          Object.fromEntries(
            (
              await client.query<{ name: string; value: string | number }>(
                `SELECT name, value FROM sequence WHERE name IN ('ticket', 'invoice')`,
              )
            ).rows.map((r) => [r.name, Number(r.value)]),
          ),
        )
      : { ...NONE };
    await client.query('COMMIT');
    return {
      counts,
      migrations,
      issued,
      auditHead: head ? { id: Number(head.id), hash: String(head.hash) } : null,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `pg_restore --list` reads the whole table of contents: a truncated or altered dump fails.
 * Synchronous (a second or so even for a large shop), like the SQLite copies' check. */
function listable(file: string): string | null {
  try {
    const toc = execFileSync(pgTool('pg_restore'), ['--list', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    });
    return /TABLE DATA/.test(toc) ? null : 'the dump holds no table data';
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') return 'pg_restore is not installed on this station';
    return `pg_restore failed: ${(e.stderr || e.message).trim().split('\n')[0]}`;
  }
}

/**
 * The shop's PostgreSQL database into `dir`: `pg_dump -Fc` (one consistent snapshot, while the
 * stations keep working) into a temp file, fsync, `pg_restore --list` as the check, renamed into
 * place, then the manifest (sha256, row counts, audit head) beside it.
 */
export async function createPgBackup(
  url: string,
  dir: string,
  opts: {
    reason: BackupReason;
    now: number;
    file?: string;
    /** The shop's mark of issued numbers (kept beside the data), recorded with the copy. */
    issued?: IssuedNumbers | null;
    /** Abandons the dump (pg_dump stopped, the temp file removed): the exit deadline. */
    signal?: AbortSignal;
  },
): Promise<PgBackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  let name = opts.file ?? `workstation-${stamp(opts.now)}-${opts.reason}.pgdump`;
  for (let ms = opts.now + 1; !opts.file && fs.existsSync(path.join(dir, name)); ms++) {
    name = `workstation-${stamp(ms)}-${opts.reason}.pgdump`;
  }
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.partial-${process.pid}`);
  try {
    // the manifest describes the database as the dump saw it only if nothing changed between:
    // counts first, then the dump; a write in between shows as a count below the dump's
    const described = await describeDatabase(url);
    await tool(
      'pg_dump',
      ['-Fc', '--no-owner', '--no-privileges', '-f', tmp, '--dbname', url],
      opts.signal,
    );
    opts.signal?.throwIfAborted();
    fsyncFile(tmp);
    const problem = listable(tmp);
    if (problem) throw new Error(`the new backup failed its check: ${problem}`);
    const manifest: PgBackupManifest = {
      format: 1,
      engine: 'postgres',
      file: name,
      sha256: sha256File(tmp),
      bytes: fs.statSync(tmp).size,
      createdAt: opts.now,
      reason: opts.reason,
      ...described,
      issued: highest(described.issued, opts.issued),
    };
    opts.signal?.throwIfAborted();
    fs.renameSync(tmp, target);
    fsyncDir(dir);
    writeFileDurably(`${target}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Every PostgreSQL backup in a folder that has a readable manifest, newest first. */
export function listPgBackups(dir: string): PgBackupManifest[] {
  if (!fs.existsSync(dir)) return [];
  const out: PgBackupManifest[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!PG_BACKUP_FILE.test(f)) continue;
    try {
      const m = JSON.parse(
        fs.readFileSync(path.join(dir, `${f}.json`), 'utf8'),
      ) as PgBackupManifest;
      if (m.file === f && typeof m.sha256 === 'string') out.push(m);
    } catch {
      // a dump without its manifest is unverifiable: not offered
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.file.localeCompare(a.file));
}

/** The dump's bytes match its manifest and pg_restore can read its whole table of contents. */
export function verifyPgBackup(dir: string, m: PgBackupManifest): BackupVerdict {
  const file = path.join(dir, m.file);
  if (!fs.existsSync(file)) return { ok: false, problem: 'the backup file is missing' };
  if (sha256File(file) !== m.sha256) {
    return {
      ok: false,
      problem: 'the backup file changed since it was written (checksum mismatch)',
    };
  }
  const problem = listable(file);
  return problem ? { ok: false, problem: `damaged: ${problem}` } : { ok: true, problem: null };
}

/**
 * Replaces the shop's database with a verified dump, after a safety copy of the current state
 * (a `pre-restore` dump, itself restorable: the undo). `pg_restore --clean --if-exists` in ONE
 * transaction: a failure leaves the database as it was. The stations must be closed meanwhile
 * (their pools would hold locks and cached plans).
 */
export async function restorePgBackup(
  url: string,
  dir: string,
  chosen: PgBackupManifest,
  now: number,
  opts: { issued?: IssuedNumbers | null } = {},
): Promise<{ restored: PgBackupManifest; undo: PgBackupManifest }> {
  const verdict = verifyPgBackup(dir, chosen);
  if (!verdict.ok)
    throw new Error(`The backup ${chosen.file} cannot be restored: ${verdict.problem}.`);
  const undo = await createPgBackup(url, dir, { reason: 'pre-restore', now, issued: opts.issued });
  await tool('pg_restore', [
    '--clean',
    '--if-exists',
    '--single-transaction',
    '--exit-on-error',
    '--no-owner',
    '--no-privileges',
    '--dbname',
    url,
    path.join(dir, chosen.file),
  ]);
  return { restored: chosen, undo };
}
