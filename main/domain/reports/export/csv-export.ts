import fs from 'node:fs';
import { once } from 'node:events';
import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import type { Cursor, ExportSource } from './export-sources';

const PAGE = 2000;

/**
 * Streams one table's rows in [from, to) to a CSV file: UTF-8 with a BOM (so Excel reads
 * Chinese), RFC 4180 quoting by csv-stringify, written page by page with backpressure. Between
 * pages it yields to the event loop, so the app keeps answering while a large export runs.
 */
export async function writeCsv(
  db: BetterSqlite3.Database,
  source: ExportSource,
  range: { from: number; to: number },
  file: string,
  onProgress: (done: number, total: number) => void,
): Promise<{ rows: number }> {
  const total = source.count(db, range.from, range.to);
  const out = fs.createWriteStream(file);
  const csv = stringify({
    bom: true,
    header: true,
    columns: source.columns,
    record_delimiter: 'windows',
  });
  csv.pipe(out);
  const closed = once(out, 'close');
  let done = 0;
  let after: Cursor | null = null;
  try {
    onProgress(0, total);
    for (;;) {
      const { rows, last } = source.page(db, range.from, range.to, after, PAGE);
      for (const row of rows) {
        if (!csv.write(row)) await once(csv, 'drain');
      }
      done += rows.length;
      onProgress(done, total);
      if (!last || rows.length < PAGE) break;
      after = last;
      await new Promise((resolve) => setImmediate(resolve));
    }
    csv.end();
    await closed;
    return { rows: done };
  } catch (err) {
    csv.destroy();
    out.destroy();
    throw err;
  }
}
