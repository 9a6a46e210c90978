import { ApiError, notFound } from '../../api/errors';
import type { PoDetail, PoSummary } from '../../api/contract';
import { insertId, type Sql } from '../../db/sql';

/** draft → ordered → partly_received → received → closed; cancel (with a reason) before it is all in. */
export const PO_NEXT: Record<string, string[]> = {
  draft: ['ordered', 'cancelled'],
  ordered: ['partly_received', 'received', 'cancelled'],
  partly_received: ['partly_received', 'received', 'cancelled'],
  received: ['closed'],
  closed: [],
  cancelled: [],
};

export async function nextPoNumber(db: Sql): Promise<string> {
  const n =
    (
      await db.get<{ value: number }>(
        "INSERT INTO sequence (name, value) VALUES ('po', 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1 RETURNING value",
      )
    )?.value ?? 1;
  return `PO-${String(n).padStart(6, '0')}`;
}

const SUMMARY = `SELECT o.id, o.number, o.supplier_id, s.name AS supplier_name, o.status, o.created_at, o.version,
  o.cancel_reason, o.ordered_at,
  (SELECT count(*) FROM po_line l WHERE l.po_id = o.id) AS line_count,
  (SELECT coalesce(sum(l.qty_ordered * l.unit_cost_cents), 0) FROM po_line l WHERE l.po_id = o.id) AS total
  FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id`;

interface RawPo {
  id: number;
  number: string;
  supplier_id: number;
  supplier_name: string;
  status: string;
  created_at: number;
  version: number;
  cancel_reason: string | null;
  ordered_at: number | null;
  line_count: number;
  total: number;
}

const toSummary = (r: RawPo): PoSummary => ({
  id: r.id,
  number: r.number,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  status: r.status,
  lineCount: r.line_count,
  totalCents: r.total,
  createdAt: r.created_at,
  version: r.version,
});

export async function poSummaries(
  db: Sql,
  status: string | undefined,
  limit: number,
): Promise<PoSummary[]> {
  const rows = status
    ? await db.all<RawPo>(`${SUMMARY} WHERE o.status = ? ORDER BY o.id DESC LIMIT ?`, status, limit)
    : await db.all<RawPo>(`${SUMMARY} ORDER BY o.id DESC LIMIT ?`, limit);
  return rows.map(toSummary);
}

export async function poDetail(db: Sql, id: number): Promise<PoDetail> {
  const r = await db.get<RawPo>(`${SUMMARY} WHERE o.id = ?`, id);
  if (!r) throw notFound('Purchase order', 'errors.poNotFound');
  const lines = await db.all<{
    part_id: number;
    sku: string;
    name: string;
    serial_tracked: number;
    qty_ordered: number;
    qty_received: number;
    unit_cost_cents: number;
    codes: string | null;
  }>(
    `SELECT l.part_id, p.sku, p.name, p.serial_tracked, l.qty_ordered, l.qty_received, l.unit_cost_cents,
       (SELECT string_agg(code, ' ') FROM part_barcode b WHERE b.part_id = l.part_id) AS codes
     FROM po_line l JOIN part p ON p.id = l.part_id WHERE l.po_id = ? ORDER BY l.id`,
    id,
  );
  return {
    ...toSummary(r),
    cancelReason: r.cancel_reason,
    orderedAt: r.ordered_at,
    lines: lines.map((l) => ({
      partId: l.part_id,
      sku: l.sku,
      name: l.name,
      barcodes: l.codes ? l.codes.split(' ') : [],
      serialTracked: l.serial_tracked === 1,
      qtyOrdered: l.qty_ordered,
      qtyReceived: l.qty_received,
      unitCostCents: l.unit_cost_cents,
    })),
  };
}

export type LoadedPo = { id: number; status: string; version: number };

export async function loadPo(db: Sql, id: number, version: number): Promise<LoadedPo> {
  const po = await db.get<{ id: number; status: string; version: number }>(
    'SELECT id, status, version FROM purchase_order WHERE id = ?',
    id,
  );
  if (!po) throw notFound('Purchase order', 'errors.poNotFound');
  if (po.version !== version) {
    throw new ApiError('CONFLICT', 'Someone else changed this order first. Reload and try again.', {
      key: 'errors.stale',
    });
  }
  return po;
}

export async function setPoStatus(
  db: Sql,
  po: LoadedPo,
  to: string,
  now: number,
  extra: { reason?: string } = {},
): Promise<void> {
  if (!PO_NEXT[po.status]?.includes(to)) {
    throw new ApiError('CONFLICT', `An order cannot go from ${po.status} to ${to}.`, {
      key: 'errors.poBadStep',
      params: { from: po.status, to },
    });
  }
  // The step's own timestamps are chosen here (a parameter compared with a literal has no
  // type on PostgreSQL).
  const res = await db.run(
    `UPDATE purchase_order SET status = ?, updated_at = ?, version = version + 1,
       ordered_at = coalesce(?, ordered_at), closed_at = coalesce(?, closed_at),
       cancel_reason = coalesce(?, cancel_reason)
     WHERE id = ? AND version = ?`,
    to,
    now,
    to === 'ordered' ? now : null,
    to === 'closed' || to === 'cancelled' ? now : null,
    extra.reason ?? null,
    po.id,
    po.version,
  );
  if (res.changes !== 1) {
    throw new ApiError('CONFLICT', 'Someone else changed this order first. Reload and try again.', {
      key: 'errors.stale',
    });
  }
  po.status = to;
  po.version++;
}

export async function writePoLines(
  db: Sql,
  poId: number,
  lines: Array<{ partId: number; qty: number; unitCostCents?: number }>,
): Promise<void> {
  await db.run('DELETE FROM po_line WHERE po_id = ?', poId);
  const merged = new Map<number, { qty: number; cost?: number }>();
  for (const l of lines) {
    const m = merged.get(l.partId);
    merged.set(l.partId, { qty: (m?.qty ?? 0) + l.qty, cost: l.unitCostCents ?? m?.cost });
  }
  for (const [partId, l] of merged) {
    const part = await db.get<{ cost_cents: number }>(
      'SELECT cost_cents FROM part WHERE id = ?',
      partId,
    );
    if (!part) throw notFound('Part', 'errors.partNotFound');
    await db.run(
      'INSERT INTO po_line (po_id, part_id, qty_ordered, qty_received, unit_cost_cents) VALUES (?, ?, ?, 0, ?)',
      poId,
      partId,
      l.qty,
      l.cost ?? part.cost_cents,
    );
  }
}

export async function createPo(
  db: Sql,
  supplierId: number,
  lines: Array<{ partId: number; qty: number; unitCostCents?: number }>,
  staffId: number,
  now: number,
): Promise<number> {
  if (!(await db.get('SELECT id FROM supplier WHERE id = ?', supplierId)))
    throw notFound('Supplier', 'errors.supplierNotFound');
  const id = await insertId(
    db,
    `INSERT INTO purchase_order (number, supplier_id, status, created_by, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?)`,
    await nextPoNumber(db),
    supplierId,
    staffId,
    now,
    now,
  );
  await writePoLines(db, id, lines);
  return id;
}
