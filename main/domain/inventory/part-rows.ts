import { notFound } from '../../api/errors';
import type { PartDto, PartRow } from '../../api/contract';
import { marks, type Sql } from '../../db/sql';

export interface RawPart {
  id: number;
  sku: string;
  name: string;
  category: string;
  bin: string;
  models: string;
  price_cents: number;
  cost_cents: number;
  reorder_point: number;
  reorder_qty: number;
  supplier_id: number | null;
  serial_tracked: number;
  active: number;
  version: number;
  on_hand: number;
  reserved: number;
}

export const PART_SELECT = `SELECT p.id, p.sku, p.name, p.category, p.bin, p.models, p.price_cents, p.cost_cents,
  p.reorder_point, p.reorder_qty, p.supplier_id, p.serial_tracked, p.active, p.version, b.on_hand, b.reserved
  FROM part p JOIN stock_balance b ON b.part_id = p.id`;

export const toPartRow = (r: RawPart): PartRow => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  category: r.category,
  bin: r.bin,
  models: r.models,
  priceCents: r.price_cents,
  costCents: r.cost_cents,
  reorderPoint: r.reorder_point,
  onHand: r.on_hand,
  reserved: r.reserved,
  available: r.on_hand - r.reserved,
  serialTracked: r.serial_tracked === 1,
  active: r.active === 1,
});

/** Rows for ids, in the order given (lists pick ids from an index first, then join). */
export async function partRows(db: Sql, ids: number[]): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<RawPart>(`${PART_SELECT} WHERE p.id IN (${marks(ids.length)})`, ...ids);
  const byId = new Map(rows.map((r) => [r.id, toPartRow(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is PartRow => r !== undefined);
}

export async function rawPart(db: Sql, id: number): Promise<RawPart> {
  const r = await db.get<RawPart>(`${PART_SELECT} WHERE p.id = ?`, id);
  if (!r) throw notFound('Part', 'errors.partNotFound');
  return r;
}

export async function partDto(db: Sql, id: number): Promise<PartDto> {
  const r = await rawPart(db, id);
  const barcodes = await db.all<{ code: string }>(
    'SELECT code FROM part_barcode WHERE part_id = ? ORDER BY code',
    id,
  );
  const supplier = r.supplier_id
    ? await db.get<{ name: string }>('SELECT name FROM supplier WHERE id = ?', r.supplier_id)
    : undefined;
  return {
    ...toPartRow(r),
    barcodes: barcodes.map((b) => b.code),
    modelList: r.models ? r.models.split(', ') : [],
    reorderQty: r.reorder_qty,
    supplierId: r.supplier_id,
    supplierName: supplier?.name ?? null,
    version: r.version,
  };
}

/** Lookup key for a device model: case, spaces and punctuation do not matter. */
export const modelKey = (model: string) => model.toLowerCase().replace(/[\s\-_/().,]+/g, '');

/** A barcode, or else a SKU: what a scanner or a typist gives for one part. SKUs are stored in
 * capitals (part-write), so the typed one is compared in capitals: any case matches, on both
 * engines, through the SKU's unique index. */
export async function partIdByCode(db: Sql, code: string): Promise<number | undefined> {
  const c = code.trim();
  const hit = await db.get<{ part_id: number }>(
    'SELECT part_id FROM part_barcode WHERE code = ?',
    c,
  );
  if (hit) return hit.part_id;
  return (await db.get<{ id: number }>('SELECT id FROM part WHERE sku = ?', c.toUpperCase()))?.id;
}
