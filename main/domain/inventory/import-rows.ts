import { insertPart, partConflict, type PartFields } from './part-write';
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
  /** Rows looked at: a batch ends early after BATCH_MS of work (the rest come next time). */
  used: number;
  /** Rows taken since the check, in order; with `stopAtConflict` at most one, the last row looked at. */
  conflicts: RowConflict[];
  error?: string;
}

/** A batch stops after this much work: other calls wait in the queue while it is written. */
const BATCH_MS = 8;

/** Inserts a batch's rows on `s` (the caller's transaction): a row whose SKU or code was taken
 * since the check is returned as that row's conflict ('all' stops there). Used by the SQLite
 * writer thread (import-writer.ts) and, on PostgreSQL, inside the dispatcher's `ctx.slice`. */
export async function writeRows(
  s: Sql,
  b: Omit<WriteBatch, 'id'>,
): Promise<Omit<BatchResult, 'id'>> {
  const t0 = performance.now();
  let imported = 0;
  let used = 0;
  const conflicts: RowConflict[] = [];
  for (const r of b.rows) {
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
  return { imported, used, conflicts };
}
