import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupOffThread } from './backup-thread';
import { fsyncDir, fsyncFile, sha256File, writeFileDurably } from './files';
import { highest, sequencesOf, type IssuedNumbers } from './issued-numbers';

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
  /** The highest ticket and invoice numbers issued when the copy was made (the copy's own
   * sequences, or the shop's mark if higher): a later restore never issues them again.
   * Missing in copies made before this was recorded. */
  issued?: IssuedNumbers;
}

export interface BackupProgress {
  phase: 'copy' | 'check' | 'checksum' | 'done';
  percent: number;
}

export const BACKUP_FILE = /^workstation-\d{8}-\d{6}-\d{3}-[a-z-]+\.sqlite$/;

export function stamp(ms: number): string {
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
  return { auditHead, migrations, counts: tableCounts(db), issued: sequencesOf(db) };
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
    /** The shop's mark of issued numbers (kept beside the data), recorded with the copy. */
    issued?: IssuedNumbers | null;
    /** Abandons the copy (its temp files removed, nothing renamed into place): the exit
     * backup's deadline. */
    signal?: AbortSignal;
  },
): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  let name = opts.file ?? `workstation-${stamp(opts.now)}-${opts.reason}.sqlite`;
  // Two copies in the same millisecond must not overwrite each other.
  for (let ms = opts.now + 1; !opts.file && fs.existsSync(path.join(dir, name)); ms++) {
    name = `workstation-${stamp(ms)}-${opts.reason}.sqlite`;
  }
  const target = path.join(dir, name);
  // The pid names the process writing it: a later start removes it only once that process is
  // gone (a CLI backup may be running beside the app).
  const tmp = path.join(dir, `.${name}.partial-${process.pid}`);
  const report = opts.onProgress ?? (() => undefined);
  const stopIfAbandoned = () => opts.signal?.throwIfAborted();
  removeTemp(tmp);
  try {
    report({ phase: 'copy', percent: 0 });
    let verdict: { check: string; sha256: string };
    if (source.memory || opts.pagesPerStep) {
      verdict = await copyHere(source, tmp, report, opts.pagesPerStep ?? 256, stopIfAbandoned);
    } else {
      // A file: copied, checked and checksummed on a worker thread (seconds at 100k tickets).
      verdict = await backupOffThread(source.name, tmp, opts.signal);
      report({ phase: 'checksum', percent: 92 });
    }
    stopIfAbandoned();
    const { check, sha256 } = verdict;
    if (check !== 'ok') throw new Error(`the new backup failed its integrity check: ${check}`);
    const copy = new Database(tmp, { readonly: true });
    let described: ReturnType<typeof describeCopy>;
    try {
      described = describeCopy(copy);
    } finally {
      copy.close();
    }
    stopIfAbandoned();
    const manifest: BackupManifest = {
      format: 1,
      file: name,
      sha256,
      bytes: fs.statSync(tmp).size,
      createdAt: opts.now,
      reason: opts.reason,
      ...described,
      issued: highest(described.issued, opts.issued),
    };
    stopIfAbandoned();
    fs.renameSync(tmp, target);
    fsyncDir(dir);
    writeFileDurably(manifestPath(target), `${JSON.stringify(manifest, null, 2)}\n`);
    report({ phase: 'done', percent: 100 });
    return manifest;
  } finally {
    removeTemp(tmp);
  }
}

/** A temp copy and the files SQLite keeps beside it while it is open. */
function removeTemp(tmp: string) {
  for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
}

const LEFTOVER =
  /^\..+\.(?:sqlite|pgdump)\.partial(?:-(\d+))?(?:-journal|-wal|-shm)?$|\.tmp-(\d+)$/;

function gone(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Temp files of copies that were cut off (the process killed mid-copy): a `.partial` copy, its
 * `-journal`/`-wal`/`-shm`, a manifest's `.tmp-<pid>`. Removed when the process that wrote them
 * is gone; returns their names.
 */
export function removeLeftovers(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = LEFTOVER.exec(f);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2] ?? 0);
    if (pid && !gone(pid)) continue;
    fs.rmSync(path.join(dir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

/** The copy on this thread, in steps between which the app's connection serves other work
 * (an in-memory database, or a caller that asks for steps). */
async function copyHere(
  source: Database.Database,
  tmp: string,
  report: (p: BackupProgress) => void,
  pagesPerStep: number,
  stopIfAbandoned: () => void,
): Promise<{ check: string; sha256: string }> {
  await source.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      stopIfAbandoned();
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
  stopIfAbandoned();
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
