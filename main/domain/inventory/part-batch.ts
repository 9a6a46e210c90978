import type { ApiError } from '../../api/errors';
import { marks, type Sql } from '../../db/sql';
import { modelKey } from './part-rows';
import { cleanModels, partColumns, taken, type PartFields } from './part-write';

/**
 * The import's catalogue work for many rows at once: the same checks and rows as `partConflict`
 * and `insertPart` make one part at a time, in a few statements per batch instead of ten per
 * row. On PostgreSQL each statement is a round trip to the server: row at a time, a 50 MB file
 * was hundreds of thousands of them.
 */

/** Values per IN (…) list or multi-row VALUES: far below both engines' parameter limits. */
const CHUNK = 500;

async function inChunks<T>(
  values: readonly string[],
  ask: (part: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK)
    out.push(...(await ask(values.slice(i, i + CHUNK))));
  return out;
}

/** For each new part's fields, why it cannot be saved (null when it can): exactly what
 * `partConflict(db, f, null)` answers (its SKU first, then its codes in order, a code also
 * refused when it is another part's SKU), asked with two queries per few hundred values. */
export async function partConflicts(
  db: Sql,
  list: ReadonlyArray<Pick<PartFields, 'sku' | 'barcodes'>>,
): Promise<Array<ApiError | null>> {
  const skus = new Set<string>();
  const codes = new Set<string>();
  for (const f of list) {
    skus.add(f.sku.toUpperCase());
    for (const c of f.barcodes) {
      codes.add(c);
      skus.add(c.toUpperCase());
    }
  }
  const takenSkus = new Set(
    (
      await inChunks([...skus], (part) =>
        db.all<{ sku: string }>(
          `SELECT sku FROM part WHERE sku IN (${marks(part.length)})`,
          ...part,
        ),
      )
    ).map((r) => r.sku),
  );
  const takenCodes = new Set(
    (
      await inChunks([...codes], (part) =>
        db.all<{ code: string }>(
          `SELECT code FROM part_barcode WHERE code IN (${marks(part.length)})`,
          ...part,
        ),
      )
    ).map((r) => r.code),
  );
  return list.map((f) => {
    const sku = f.sku.toUpperCase();
    if (takenSkus.has(sku)) return taken('sku', sku);
    const code = f.barcodes.find((c) => takenCodes.has(c) || takenSkus.has(c.toUpperCase()));
    return code === undefined ? null : taken('barcode', code);
  });
}

/** Multi-row INSERT of `rows` (each a list of values) into `head` (`INSERT INTO t (a, b)`). */
async function insertMany(db: Sql, head: string, rows: unknown[][], tail = ''): Promise<unknown[]> {
  const out: unknown[] = [];
  const width = rows[0]?.length ?? 0;
  const per = Math.max(1, Math.floor((CHUNK * 4) / Math.max(1, width)));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const values = part.map(() => `(${marks(width)})`).join(', ');
    const sql = `${head} VALUES ${values}${tail}`;
    if (tail) out.push(...(await db.all(sql, ...part.flat())));
    else await db.run(sql, ...part.flat());
  }
  return out;
}

/** Inserts new parts (checked: no SKU or code taken, none twice in `list`) with their stock
 * balance at zero, their codes and their model keys, as `insertPart` does one at a time. */
export async function insertParts(
  db: Sql,
  list: readonly PartFields[],
  now: number,
): Promise<void> {
  if (list.length === 0) return;
  const made = (await insertMany(
    db,
    `INSERT INTO part (sku, name, category, models, bin, cost_cents, price_cents, reorder_point, reorder_qty, supplier_id,
       serial_tracked, active, created_at, updated_at)`,
    list.map((f) => [...partColumns(f), now, now]),
    ' RETURNING id, sku',
  )) as Array<{ id: number | string; sku: string }>;
  // RETURNING promises no order: match the new ids by SKU.
  const ids = new Map(made.map((r) => [r.sku, Number(r.id)]));
  const idOf = (f: PartFields) => ids.get(f.sku.toUpperCase())!;
  await insertMany(
    db,
    'INSERT INTO stock_balance (part_id, on_hand, reserved, avg_cost_cents, reorder_point, active)',
    list.map((f) => [idOf(f), 0, 0, f.costCents, f.reorderPoint, f.active ? 1 : 0]),
  );
  const codes = list.flatMap((f) => [...new Set(f.barcodes)].map((c) => [c, idOf(f)]));
  if (codes.length) await insertMany(db, 'INSERT INTO part_barcode (code, part_id)', codes);
  const models = list.flatMap((f) =>
    [...new Set(cleanModels(f.models).map(modelKey))].filter(Boolean).map((k) => [idOf(f), k]),
  );
  if (models.length) await insertMany(db, 'INSERT INTO part_model (part_id, model_norm)', models);
}
