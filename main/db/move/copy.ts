import type Database from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CopyStep } from './plan';
import { quoteIdent } from './source';

/** Rows are sent in chunks of about this many characters (one stream write each). */
const CHUNK_CHARS = 1 << 20;
/** Progress is reported every this many rows (and at the end). */
const PROGRESS_ROWS = 5_000;

const escapeText = (s: string) =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : s;

/** One value in COPY's text format: `\N` for NULL, t/f for booleans, `\\x…` for bytes. */
export const copyField = (type: string) => {
  if (type === 'boolean')
    return (v: unknown) => (v === null || v === undefined ? '\\N' : v ? 't' : 'f');
  return (v: unknown): string => {
    if (v === null || v === undefined) return '\\N';
    if (typeof v === 'string') return escapeText(v);
    if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
    return escapeText(String(v));
  };
};

/**
 * Copies one table with COPY … FROM STDIN (text format), the rows in the order they were
 * written. COPY is one statement per table and no parameter limits: tens of times faster than
 * multi-row INSERTs for a shop of a million tickets. The stream waits when the server is
 * behind (backpressure), so memory stays flat.
 */
export async function copyTable(
  src: Database.Database,
  client: pg.ClientBase,
  step: CopyStep,
  onRows: (n: number) => void,
): Promise<number> {
  const conv = step.types.map(copyField);
  const stream = client.query(
    copyFrom(
      `COPY ${quoteIdent(step.table)} (${step.columns.map(quoteIdent).join(', ')}) FROM STDIN`,
    ),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // a failure mid-copy surfaces through `done`; until then, writes only wait for drain
  let failed: unknown = null;
  done.catch((err) => (failed = err));
  const drain = () =>
    new Promise<void>((resolve) => {
      const go = () => {
        stream.off('drain', go);
        stream.off('error', go);
        resolve();
      };
      stream.on('drain', go);
      stream.on('error', go);
    });
  let chunk = '';
  let copied = 0;
  let reported = 0;
  const write = async () => {
    if (!chunk) return;
    const ok = stream.write(chunk);
    chunk = '';
    if (!ok && !failed) await drain();
    if (failed) throw failed;
  };
  const stmt = src.prepare(step.select).raw(true);
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + conv[i](row[i]);
    chunk += `${line}\n`;
    copied++;
    if (chunk.length >= CHUNK_CHARS) await write();
    if (copied - reported >= PROGRESS_ROWS) {
      onRows(copied - reported);
      reported = copied;
    }
  }
  await write();
  stream.end();
  await done;
  if (copied > reported) onRows(copied - reported);
  return copied;
}
