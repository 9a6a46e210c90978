import fs from 'node:fs';
import { once } from 'node:events';
import { csvLine } from './csv-cell';
import type { SnapshotReader } from '../../../db/snapshot-reader';
import type { ExportSource } from './export-sources';
import { SheetClock } from './sheet-time';

/** Rows per chunk written to the file (and per progress step and event-loop yield). */
const BATCH = 2000;

/**
 * Streams one table's rows in [from, to) to a CSV file: UTF-8 with a BOM (so Excel reads
 * Chinese), RFC 4180 quoting, formula cells defused.
 *
 * The rows come from ONE statement walked in index order by `reader`, on a connection of its
 * own and one snapshot (a WAL snapshot on SQLite, a REPEATABLE READ cursor on PostgreSQL), so
 * the file is consistent even while the counter keeps working, and the app's own connection
 * stays free (better-sqlite3 cannot run other statements on a connection while it iterates).
 * Rows arrive as arrays, are formatted straight to text and written in chunks of BATCH rows,
 * waiting for 'drain' when the file stream is full (backpressure); between chunks the export
 * yields to the event loop. The reader is closed here.
 */
export async function writeCsv(
  reader: SnapshotReader,
  source: ExportSource,
  range: { from: number; to: number },
  file: string,
  onProgress: (done: number, total: number) => void,
): Promise<{ rows: number }> {
  // A 1 MB buffer takes a whole chunk, so most writes do not wait for 'drain'.
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  const closed = once(out, 'close');
  const params = [range.from, range.to];
  try {
    const total = await reader.count(source.countSql, params);
    onProgress(0, total);
    const clock = new SheetClock();
    let chunk = `\ufeff${csvLine(source.columns)}`;
    let done = 0;
    for await (const rows of reader.batches(source.sql, params, BATCH)) {
      for (const row of rows) chunk += csvLine(source.cells(row, clock));
      done += rows.length;
      const full = !out.write(chunk);
      chunk = '';
      onProgress(done, total);
      // Waiting for 'drain' already lets the app answer; otherwise yield once per chunk.
      await (full ? once(out, 'drain') : new Promise((resolve) => setImmediate(resolve)));
    }
    if (chunk && !out.write(chunk)) await once(out, 'drain');
    onProgress(done, total);
    out.end();
    await closed;
    return { rows: done };
  } catch (err) {
    out.destroy();
    throw err;
  } finally {
    await reader.close();
  }
}
