import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupOffThread } from './backup-thread';
import { fsyncDir, fsyncFile, sha256File, writeFileDurably } from './files';

/** Why a copy was made; `pre-restore` copies are how a restore is undone. */
export const BACKUP_REASONS = [
  'auto',
  'exit',
  'manual',
  'pre-migration',
  'pre-restore',
  'cli',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupManifest {
  format: 1;
  file: string;
  sha256: string;
  bytes: number;
  createdAt: number;
  reason: BackupReason;
  /** The newest audit entry in the copy: the chain head a later verification can compare with. */
  auditHead: { id: number; hash: string } | null;
  migrations: number[];
  /** Rows per table, so a restore can be compared with what was saved. */
  counts: Record<string, number>;
}

export interface BackupProgress {
  phase: 'copy' | 'check' | 'checksum' | 'done';
  percent: number;
}

export const BACKUP_FILE = /^workstation-\d{8}-\d{6}-\d{3}-[a-z-]+\.sqlite$/;

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
}

/** Plain tables (not FTS internals) and their row counts, in name order. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const names = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_fts_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]),
  );
}

function describeCopy(db: Database.Database) {
  const has = (t: string) =>
    !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t);
  const auditHead = has('audit_entry')
    ? ((db.prepare('SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as
        { id: number; hash: string } | undefined) ?? null)
    : null;
  const migrations = has('schema_migration')
    ? (db.prepare('SELECT id FROM schema_migration ORDER BY id').pluck().all() as number[])
    : [];
  return { auditHead, migrations, counts: tableCounts(db) };
}

/** `PRAGMA integrity_check` (or quick_check) on a database file; 'ok' or the first problems. */
export function checkFile(file: string, mode: 'integrity' | 'quick' = 'integrity'): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma(mode === 'quick' ? 'quick_check(20)' : 'integrity_check(20)') as Array<
      Record<string, string>
    >;
    const lines = rows.map((r) => Object.values(r)[0]);
    return lines.length === 1 && lines[0] === 'ok' ? 'ok' : lines.join('; ');
  } catch (err) {
    return (err as Error).message;
  } finally {
    db?.close();
  }
}

/**
 * A consistent online copy: SQLite's backup API into a temp file beside the target (the live
 * database stays usable meanwhile), fsync, integrity check, rename into place, then a checksum
 * manifest next to it. A copy that fails its check is deleted and the call throws.
 */
export async function createBackup(
  source: Database.Database,
  dir: string,
  opts: {
    reason: BackupReason;
    now: number;
    /** A fixed file name (the CLI's --out); otherwise a timestamped name in `dir`. */
    file?: string;
    onProgress?: (p: BackupProgress) => void;
    /** Pages copied per step; between steps the database serves other work. */
    pagesPerStep?: number;
  },
): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  let name = opts.file ?? `workstation-${stamp(opts.now)}-${opts.reason}.sqlite`;
  // Two copies in the same millisecond must not overwrite each other.
  for (let ms = opts.now + 1; !opts.file && fs.existsSync(path.join(dir, name)); ms++) {
    name = `workstation-${stamp(ms)}-${opts.reason}.sqlite`;
  }
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.partial`);
  const report = opts.onProgress ?? (() => undefined);
  fs.rmSync(tmp, { force: true });
  try {
    report({ phase: 'copy', percent: 0 });
    let verdict: { check: string; sha256: string };
    if (source.memory || opts.pagesPerStep) {
      verdict = await copyHere(source, tmp, report, opts.pagesPerStep ?? 256);
    } else {
      // A file: copied, checked and checksummed on a worker thread (seconds at 100k tickets).
      verdict = await backupOffThread(source.name, tmp);
      report({ phase: 'checksum', percent: 92 });
    }
    const { check, sha256 } = verdict;
    if (check !== 'ok') throw new Error(`the new backup failed its integrity check: ${check}`);
    const copy = new Database(tmp, { readonly: true });
    let described: ReturnType<typeof describeCopy>;
    try {
      described = describeCopy(copy);
    } finally {
      copy.close();
    }
    const manifest: BackupManifest = {
      format: 1,
      file: name,
      sha256,
      bytes: fs.statSync(tmp).size,
      createdAt: opts.now,
      reason: opts.reason,
      ...described,
    };
    fs.renameSync(tmp, target);
    fsyncDir(dir);
    writeFileDurably(manifestPath(target), `${JSON.stringify(manifest, null, 2)}\n`);
    report({ phase: 'done', percent: 100 });
    return manifest;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The copy on this thread, in steps between which the app's connection serves other work
 * (an in-memory database, or a caller that asks for steps). */
async function copyHere(
  source: Database.Database,
  tmp: string,
  report: (p: BackupProgress) => void,
  pagesPerStep: number,
): Promise<{ check: string; sha256: string }> {
  await source.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      const done = totalPages ? (totalPages - remainingPages) / totalPages : 1;
      report({ phase: 'copy', percent: Math.round(done * 80) });
      return pagesPerStep;
    },
  });
  // A copy is one self-contained file: rollback-journal mode, so no -wal/-shm beside it.
  const own = new Database(tmp);
  try {
    own.pragma('journal_mode = DELETE');
  } finally {
    own.close();
  }
  fsyncFile(tmp);
  report({ phase: 'check', percent: 85 });
  const check = checkFile(tmp);
  report({ phase: 'checksum', percent: 92 });
  return { check, sha256: check === 'ok' ? sha256File(tmp) : '' };
}

export const manifestPath = (backupFile: string) => `${backupFile}.json`;

/** Every backup in a folder that has a readable manifest, newest first. */
export function listBackups(dir: string): BackupManifest[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupManifest[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!BACKUP_FILE.test(f)) continue;
    try {
      const m = JSON.parse(
        fs.readFileSync(manifestPath(path.join(dir, f)), 'utf8'),
      ) as BackupManifest;
      if (m.file === f && typeof m.sha256 === 'string') out.push(m);
    } catch {
      // a copy without its manifest is unverifiable: not offered
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.file.localeCompare(a.file));
}

export interface BackupVerdict {
  ok: boolean;
  /** Plain words: what is wrong with the copy. */
  problem: string | null;
}

/** The copy's bytes match its manifest and SQLite finds it intact. */
export function verifyBackup(dir: string, manifest: BackupManifest): BackupVerdict {
  const file = path.join(dir, manifest.file);
  if (!fs.existsSync(file)) return { ok: false, problem: 'the backup file is missing' };
  if (sha256File(file) !== manifest.sha256) {
    return {
      ok: false,
      problem: 'the backup file changed since it was written (checksum mismatch)',
    };
  }
  const check = checkFile(file);
  return check === 'ok' ? { ok: true, problem: null } : { ok: false, problem: `damaged: ${check}` };
}

/** The newest backup that passes verification, for start-up recovery. */
export function latestVerifiedBackup(
  dirs: readonly string[],
): { dir: string; manifest: BackupManifest } | null {
  const all = dirs.flatMap((dir) => listBackups(dir).map((manifest) => ({ dir, manifest })));
  all.sort((a, b) => b.manifest.createdAt - a.manifest.createdAt);
  return all.find((b) => verifyBackup(b.dir, b.manifest).ok) ?? null;
}
