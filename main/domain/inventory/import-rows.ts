import { partConflicts, insertParts } from './part-batch';
import { taken, type PartFields } from './part-write';
import type { Sql } from '../../db/sql';

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
  /** Rows looked at: 'all' ends a batch at its first conflict. */
  used: number;
  /** Rows taken since the check, in order; with `stopAtConflict` at most one, the last row looked at. */
  conflicts: RowConflict[];
  error?: string;
}

/** Inserts a batch's rows on `s` (the caller's transaction): a row whose SKU or code was taken
 * since the check is returned as that row's conflict ('all' stops there: the rows before it go
 * in, `used` ends with it). Set-based (part-batch.ts): two queries check the whole batch, a few
 * multi-row INSERTs write it. Used by the SQLite writer thread (import-writer.ts) and, on
 * PostgreSQL, inside the dispatcher's `ctx.slice`. */
export async function writeRows(
  s: Sql,
  b: Omit<WriteBatch, 'id'>,
): Promise<Omit<BatchResult, 'id'>> {
  const found = await partConflicts(
    s,
    b.rows.map((r) => r.fields),
  );
  const good: PartFields[] = [];
  const batchSkus = new Set<string>();
  const conflicts: RowConflict[] = [];
  let used = 0;
  for (const [i, r] of b.rows.entries()) {
    used++;
    // A code that is the SKU of a row written just before it in this batch: taken, as it
    // would be one row at a time.
    const sameBatch = r.fields.barcodes.find((c) => batchSkus.has(c.toUpperCase()));
    const c = found[i] ?? (sameBatch === undefined ? null : taken('barcode', sameBatch));
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
    good.push(r.fields);
    batchSkus.add(r.fields.sku.toUpperCase());
  }
  await insertParts(s, good, b.now);
  return { imported: good.length, used, conflicts };
}
