import fs from 'node:fs';
import { once } from 'node:events';
import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import type { Cursor, ExportSource } from './export-sources';

const PAGE = 2000;
const CSV = { record_delimiter: 'windows' } as const;

/**
 * Streams one table's rows in [from, to) to a CSV file: UTF-8 with a BOM (so Excel reads
 * Chinese), RFC 4180 quoting by csv-stringify, one page at a time: each page is one string
 * written to the file stream, waiting for 'drain' when the stream is full (backpressure).
 * Between pages it yields to the event loop, so the app keeps answering during a large export.
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
  const closed = once(out, 'close');
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  let done = 0;
  let after: Cursor | null = null;
  try {
    onProgress(0, total);
    await write(`\ufeff${stringify([source.columns], CSV)}`);
    for (;;) {
      const { rows, last } = source.page(db, range.from, range.to, after, PAGE);
      if (rows.length) await write(stringify(rows, CSV));
      done += rows.length;
      onProgress(done, total);
      if (!last || rows.length < PAGE) break;
      after = last;
      await new Promise((resolve) => setImmediate(resolve));
    }
    out.end();
    await closed;
    return { rows: done };
  } catch (err) {
    out.destroy();
    throw err;
  }
}
