import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { applyPragmas } from '../../db/data-source';
import { writeRows, type BatchResult, type WriteBatch } from './import-rows';
import { sqliteSql } from '../../db/sql';

export type { BatchResult, RowConflict, WriteBatch } from './import-rows';

/**
 * The import's writer thread: inserts one batch of checked rows as one transaction on its own
 * connection, so the statements and the commit's fsync (tens of milliseconds on a busy disk)
 * never hold the main thread. The main thread sends a batch only from inside the dispatcher's
 * queue and waits for the answer there, so no other write runs meanwhile (no lock waits, no
 * stale snapshots). A SKU or code taken since the check is returned as that row's conflict.
 */
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
  // IMMEDIATE: the app's own connection writes beside this one outside the dispatcher's queue
  // (a station's heartbeat, the print queue, the outbox). A deferred BEGIN would read first and
  // then find its snapshot stale at the first INSERT, refused at once ("database is locked",
  // no busy wait); taking the write lock up front waits for such a write (busy_timeout) instead.
  conn.exec('BEGIN IMMEDIATE');
  try {
    const out = await writeRows(s, b);
    conn.exec('COMMIT');
    return { id: b.id, ...out };
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
