import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { CopyStep } from './plan';
import { quoteIdent } from './source';

/** PostgreSQL takes at most 65535 parameters per statement; rows per INSERT stay below it and
 * below a size where one statement's text gets unwieldy. */
const MAX_PARAMS = 60_000;
const MAX_ROWS = 1_000;

const convert = (type: string) =>
  type === 'boolean'
    ? (v: unknown) => (v === null || v === undefined ? null : Boolean(v))
    : (v: unknown) => v;

const insertSql = (step: CopyStep, rows: number) => {
  const n = step.columns.length;
  const values = Array.from(
    { length: rows },
    (_, r) => `(${step.columns.map((_c, i) => `$${r * n + i + 1}`).join(', ')})`,
  ).join(', ');
  return `INSERT INTO ${quoteIdent(step.table)} (${step.columns.map(quoteIdent).join(', ')}) VALUES ${values}`;
};

/**
 * Copies one table in multi-row INSERTs, the rows in the order they were written. The full
 * batch is one named prepared statement (parsed once per table).
 */
export async function copyTable(
  src: Database.Database,
  client: pg.ClientBase,
  step: CopyStep,
  onRows: (n: number) => void,
): Promise<number> {
  const perInsert = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / step.columns.length)));
  const fullSql = insertSql(step, perInsert);
  const conv = step.types.map(convert);
  let batch: unknown[] = [];
  let rows = 0;
  let copied = 0;
  const flush = async (full: boolean) => {
    if (rows === 0) return;
    await client.query(
      full
        ? { name: `move_${step.table}`, text: fullSql, values: batch }
        : { text: insertSql(step, rows), values: batch },
    );
    copied += rows;
    onRows(rows);
    batch = [];
    rows = 0;
  };
  const stmt = src.prepare(step.select).raw(true);
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < row.length; i++) batch.push(conv[i](row[i]));
    if (++rows === perInsert) await flush(true);
  }
  await flush(false);
  return copied;
}
