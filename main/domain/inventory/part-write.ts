import type { z } from 'zod';
import { ApiError } from '../../api/errors';
import type { partFields } from '../../api/schemas/inventory';
import { modelKey, type RawPart } from './part-rows';
import { insertId, type Sql } from '../../db/sql';

export type PartFields = z.output<typeof partFields>;

export const taken = (what: 'sku' | 'barcode', value: string) =>
  new ApiError(
    'CONFLICT',
    `${what === 'sku' ? 'SKU' : 'Barcode'} ${value} is already used by another part.`,
    {
      key: what === 'sku' ? 'errors.skuTaken' : 'errors.barcodeTaken',
      params: { value },
      issues: [
        {
          path: what === 'sku' ? 'sku' : 'barcodes',
          key: what === 'sku' ? 'errors.skuTaken' : 'errors.barcodeTaken',
          params: { value },
          message: 'taken',
        },
      ],
    },
  );

export const cleanModels = (models: string[]) => [
  ...new Set(models.map((m) => m.trim()).filter(Boolean)),
];

/** Why these fields cannot be saved for part `id` (null when they can): unique SKU and barcodes. */
export async function partConflict(
  db: Sql,
  f: Pick<PartFields, 'sku' | 'barcodes'>,
  id: number | null,
): Promise<ApiError | null> {
  const sku = f.sku.toUpperCase();
  const other = await db.get<{ id: number }>('SELECT id FROM part WHERE sku = ?', sku);
  if (other && other.id !== id) return taken('sku', sku);
  for (const code of f.barcodes) {
    const owner = await db.get<{ part_id: number }>(
      'SELECT part_id FROM part_barcode WHERE code = ?',
      code,
    );
    if (owner && owner.part_id !== id) return taken('barcode', code);
    const asSku = await db.get<{ id: number }>(
      'SELECT id FROM part WHERE sku = ?',
      code.toUpperCase(),
    );
    if (asSku && asSku.id !== id) return taken('barcode', code);
  }
  return null;
}

async function writeCodes(db: Sql, id: number, f: PartFields): Promise<void> {
  await db.run('DELETE FROM part_barcode WHERE part_id = ?', id);
  for (const code of new Set(f.barcodes))
    await db.run('INSERT INTO part_barcode (code, part_id) VALUES (?, ?)', code, id);
  await db.run('DELETE FROM part_model WHERE part_id = ?', id);
  for (const key of new Set(cleanModels(f.models).map(modelKey))) {
    if (key) await db.run('INSERT INTO part_model (part_id, model_norm) VALUES (?, ?)', id, key);
  }
}

/** The part's own columns in table order (sku … active), as insert and update both write them. */
export const partColumns = (f: PartFields) => [
  f.sku.toUpperCase(),
  f.name,
  f.category,
  cleanModels(f.models).join(', '),
  f.bin.toUpperCase(),
  f.costCents,
  f.priceCents,
  f.reorderPoint,
  f.reorderQty,
  f.supplierId,
  f.serialTracked ? 1 : 0,
  f.active ? 1 : 0,
];

export async function insertPart(db: Sql, f: PartFields, now: number): Promise<number> {
  const conflict = await partConflict(db, f, null);
  if (conflict) throw conflict;
  const id = await insertId(
    db,
    `INSERT INTO part (sku, name, category, models, bin, cost_cents, price_cents, reorder_point, reorder_qty, supplier_id,
       serial_tracked, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ...partColumns(f),
    now,
    now,
  );
  await db.run(
    'INSERT INTO stock_balance (part_id, on_hand, reserved, avg_cost_cents, reorder_point, active) VALUES (?, 0, 0, ?, ?, ?)',
    id,
    f.costCents,
    f.reorderPoint,
    f.active ? 1 : 0,
  );
  await writeCodes(db, id, f);
  return id;
}

export async function updatePart(
  db: Sql,
  current: RawPart,
  f: PartFields,
  version: number | undefined,
  now: number,
): Promise<void> {
  if (version !== undefined && version !== current.version) {
    throw new ApiError('CONFLICT', 'Someone else changed this part first. Reload and try again.', {
      key: 'errors.stale',
    });
  }
  if (
    (current.serial_tracked === 1) !== f.serialTracked &&
    current.on_hand + current.reserved > 0
  ) {
    throw new ApiError('CONFLICT', 'Serial tracking can only change while the part has no stock.', {
      key: 'errors.serialTrackingLocked',
    });
  }
  const conflict = await partConflict(db, f, current.id);
  if (conflict) throw conflict;
  const res = await db.run(
    `UPDATE part SET sku = ?, name = ?, category = ?, models = ?, bin = ?, cost_cents = ?, price_cents = ?, reorder_point = ?,
       reorder_qty = ?, supplier_id = ?, serial_tracked = ?, active = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND version = ?`,
    ...partColumns(f),
    now,
    current.id,
    current.version,
  );
  if (res.changes !== 1) {
    throw new ApiError('CONFLICT', 'Someone else changed this part first. Reload and try again.', {
      key: 'errors.stale',
    });
  }
  await db.run(
    'UPDATE stock_balance SET reorder_point = ?, active = ? WHERE part_id = ?',
    f.reorderPoint,
    f.active ? 1 : 0,
    current.id,
  );
  await writeCodes(db, current.id, f);
}
