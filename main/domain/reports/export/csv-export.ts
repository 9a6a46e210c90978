import fs from 'node:fs';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { csvLine } from './csv-cell';
import type { ExportSource } from './export-sources';
import { SheetClock } from './sheet-time';

/** Rows per chunk written to the file (and per progress step and event-loop yield). */
const BATCH = 2000;

/**
 * Streams one table's rows in [from, to) to a CSV file: UTF-8 with a BOM (so Excel reads
 * Chinese), RFC 4180 quoting, formula cells defused.
 *
 * The rows come from ONE statement iterated in index order on a separate read-only connection:
 * a WAL snapshot, so the file is consistent even while the counter keeps working, and the
 * app's own connection stays free (better-sqlite3 cannot run other statements on a connection
 * while it iterates). Rows arrive as arrays (raw mode), are formatted straight to text and
 * written in chunks of BATCH rows, waiting for 'drain' when the file stream is full
 * (backpressure); between chunks the export yields to the event loop.
 */
export async function writeCsv(
  dbFile: string,
  source: ExportSource,
  range: { from: number; to: number },
  file: string,
  onProgress: (done: number, total: number) => void,
): Promise<{ rows: number }> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  // A 1 MB buffer takes a whole chunk, so most writes do not wait for 'drain'.
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  const closed = once(out, 'close');
  try {
    db.pragma('cache_size = -16000');
    db.exec('BEGIN'); // one snapshot for the count and the rows
    const total = (db.prepare(source.countSql).get(range.from, range.to) as { n: number }).n;
    onProgress(0, total);
    const clock = new SheetClock();
    let chunk = `\ufeff${csvLine(source.columns)}`;
    let inChunk = 0;
    let done = 0;
    const rows = db.prepare(source.sql).raw(true).iterate(range.from, range.to);
    for (const row of rows as Iterable<unknown[]>) {
      chunk += csvLine(source.cells(row, clock));
      if (++inChunk < BATCH) continue;
      done += inChunk;
      inChunk = 0;
      const full = !out.write(chunk);
      chunk = '';
      onProgress(done, total);
      // Waiting for 'drain' already lets the app answer; otherwise yield once per chunk.
      await (full ? once(out, 'drain') : new Promise((resolve) => setImmediate(resolve)));
    }
    done += inChunk;
    if (chunk && !out.write(chunk)) await once(out, 'drain');
    onProgress(done, total);
    out.end();
    await closed;
    return { rows: done };
  } catch (err) {
    out.destroy();
    throw err;
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}
