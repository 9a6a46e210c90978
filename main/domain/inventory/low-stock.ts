import type { LowStockRow } from '../../api/contract';
import type { SignedInContext } from '../../api/method';
import { marks, type Q } from './sql';

const OPEN = `'draft', 'ordered', 'partly_received'`;

/** At or below the reorder point, counting reservations (available) and open orders. */
export function lowStock(db: Q, limit: number, partIds?: number[]): LowStockRow[] {
  const only = partIds?.length ? `AND p.id IN (${marks(partIds.length)})` : '';
  const rows = db.all<{
    id: number;
    sku: string;
    name: string;
    bin: string;
    on_hand: number;
    reserved: number;
    on_order: number;
    reorder_point: number;
    reorder_qty: number;
    supplier_id: number | null;
    supplier_name: string | null;
  }>(
    `SELECT p.id, p.sku, p.name, p.bin, b.on_hand, b.reserved, coalesce(oo.n, 0) AS on_order, p.reorder_point,
       p.reorder_qty, p.supplier_id, s.name AS supplier_name
     FROM part p JOIN stock_balance b ON b.part_id = p.id
     LEFT JOIN (SELECT l.part_id, sum(l.qty_ordered - l.qty_received) AS n FROM po_line l
                JOIN purchase_order o ON o.id = l.po_id WHERE o.status IN (${OPEN}) GROUP BY l.part_id) oo ON oo.part_id = p.id
     LEFT JOIN supplier s ON s.id = p.supplier_id
     WHERE p.active = 1 AND p.reorder_point > 0 AND b.on_hand - b.reserved + coalesce(oo.n, 0) <= p.reorder_point ${only}
     ORDER BY b.on_hand - b.reserved - p.reorder_point, p.sku LIMIT ?`,
    ...(partIds ?? []),
    limit,
  );
  return rows.map((r) => {
    const available = r.on_hand - r.reserved;
    const gap = r.reorder_point + 1 - (available + r.on_order);
    return {
      partId: r.id,
      sku: r.sku,
      name: r.name,
      bin: r.bin,
      onHand: r.on_hand,
      reserved: r.reserved,
      onOrder: r.on_order,
      available,
      reorderPoint: r.reorder_point,
      reorderQty: r.reorder_qty,
      suggestQty: Math.max(r.reorder_qty, gap),
      supplierId: r.supplier_id,
      supplierName: r.supplier_name,
    };
  });
}

/** After stock moved: tell screens, and raise the low-stock alert when a part just crossed its point. */
export function noteStockChange(ctx: SignedInContext, db: Q, partIds: number[]): void {
  const unique = [...new Set(partIds)];
  ctx.emit('stock.changed', { partIds: unique });
  for (const row of lowStock(db, unique.length, unique)) {
    ctx.emit('stock.low', { partId: row.partId, sku: row.sku, available: row.available });
  }
}
