import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { applyPragmas } from '../../db/data-source';
import { insertPart, partConflict, type PartFields } from './part-write';
import { sqliteSql } from '../../db/sql';

/**
 * The import's writer thread: inserts one batch of checked rows as one transaction on its own
 * connection, so the statements and the commit's fsync (tens of milliseconds on a busy disk)
 * never hold the main thread. The main thread sends a batch only from inside the dispatcher's
 * queue and waits for the answer there, so no other write runs meanwhile (no lock waits, no
 * stale snapshots). A SKU or code taken since the check is returned as that row's conflict.
 */
export interface WriteBatch {
  id: number;
  now: number;
  rows: Array<{ line: number; fields: PartFields }>;
  /** 'all' stops at the first conflict (what went before it stays). */
  stopAtConflict: boolean;
}
export interface RowConflict {
  line: number;
  key: string;
  message: string;
  params?: Record<string, unknown>;
}
export interface BatchResult {
  id: number;
  imported: number;
  /** Rows looked at: a batch ends early after BATCH_MS of work (the rest come next time). */
  used: number;
  /** Rows taken since the check, in order; with `stopAtConflict` at most one, the last row looked at. */
  conflicts: RowConflict[];
  error?: string;
}

const BATCH_MS = 8;

// Opened before the first batch, then 'ready': the main thread holds the dispatcher's queue
// only while a batch is written, never while this thread starts.
const conn = new Database((workerData as { file: string }).file, { fileMustExist: true });
applyPragmas(conn);
parentPort?.postMessage('ready');

/** One batch as one transaction. The statements answer at once on this connection (sqliteSql
 * over better-sqlite3), and batches arrive one at a time (the main thread waits for each), so
 * nothing else runs on the connection between BEGIN and COMMIT. */
async function writeBatch(b: WriteBatch): Promise<BatchResult> {
  const s = sqliteSql(conn);
  conn.exec('BEGIN');
  try {
    const t0 = performance.now();
    let imported = 0;
    let used = 0;
    const conflicts: RowConflict[] = [];
    for (const r of b.rows) {
      // Other calls wait in the queue while a batch is written: keep each one short.
      if (used > 0 && performance.now() - t0 > BATCH_MS) break;
      used++;
      const c = await partConflict(s, r.fields, null);
      if (c) {
        conflicts.push({
          line: r.line,
          key: c.details?.key ?? 'errors.conflict',
          message: c.message,
          params: c.details?.params,
        });
        if (b.stopAtConflict) break;
        continue;
      }
      await insertPart(s, r.fields, b.now);
      imported++;
    }
    conn.exec('COMMIT');
    return { id: b.id, imported, used, conflicts };
  } catch (err) {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    throw err;
  }
}

parentPort?.on('message', (b: WriteBatch) => {
  writeBatch(b).then(
    (out) => parentPort?.postMessage(out),
    (err: unknown) =>
      parentPort?.postMessage({
        id: b.id,
        imported: 0,
        used: 0,
        conflicts: [],
        error: err instanceof Error ? err.message : String(err),
      } satisfies BatchResult),
  );
});
