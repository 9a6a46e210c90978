import { Worker } from 'node:worker_threads';

export interface CopyResult {
  /** 'ok', or SQLite's first problems. */
  check: string;
  sha256: string;
}

/**
 * A new backup's slow steps, on a thread of their own: the copy (SQLite's backup API in one
 * step from a private read-only connection: one committed snapshot, and WAL lets the app write
 * meanwhile), the switch to a self-contained file, fsync, `integrity_check` (about 2 s at 100k
 * tickets) and the checksum. On the main thread they held every call and the event loop for
 * seconds; here the counter keeps working while a copy is made.
 *
 * The thread's code is plain CommonJS evaluated from this string (nothing to bundle), loading
 * better-sqlite3 from the path this process resolved.
 */
const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const Database = require(workerData.sqlite);
const { source, file } = workerData;
async function main() {
const src = new Database(source, { readonly: true, fileMustExist: true });
try {
  await src.backup(file, { progress: () => 0x7fffffff });
} finally {
  src.close();
}
const own = new Database(file);
try { own.pragma('journal_mode = DELETE'); } finally { own.close(); }
const fd = fs.openSync(file, 'r+');
try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
let check;
let db;
try {
  db = new Database(file, { readonly: true, fileMustExist: true });
  const lines = db.pragma('integrity_check(20)').map((r) => Object.values(r)[0]);
  check = lines.length === 1 && lines[0] === 'ok' ? 'ok' : lines.join('; ');
} catch (err) {
  check = err.message;
} finally {
  if (db) db.close();
}
const hash = createHash('sha256');
const rd = fs.openSync(file, 'r');
try {
  const buf = Buffer.alloc(1 << 20);
  let n;
  while ((n = fs.readSync(rd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
} finally { fs.closeSync(rd); }
parentPort.postMessage({ check, sha256: hash.digest('hex') });
}
main().catch((err) => parentPort.postMessage({ error: err.message }));
`;

/** Copies the database file `source` to `file`, checked and checksummed, off the main thread. */
export function backupOffThread(
  source: string,
  file: string,
  signal?: AbortSignal,
): Promise<CopyResult> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const w = new Worker(CODE, {
      eval: true,
      workerData: { source, file, sqlite: require.resolve('better-sqlite3') },
    });
    let answered = false;
    // Abandoned (the exit deadline passed): the thread stops where it is; the caller removes
    // the half-written copy.
    const abandon = () => {
      answered = true;
      void w.terminate();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abandon, { once: true });
    w.once('exit', () => signal?.removeEventListener('abort', abandon));
    w.once('message', (m: CopyResult & { error?: string }) => {
      answered = true;
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!answered) reject(new Error(`the backup check stopped (exit ${code})`));
    });
  });
}
