import type { LowStockRow } from '../../api/contract';
import type { SignedInContext } from '../../api/method';
import { marks, type Sql } from '../../db/sql';

const OPEN = `'draft', 'ordered', 'partly_received'`;

/** At or below the reorder point, counting reservations (available) and open orders. */
export async function lowStock(db: Sql, limit: number, partIds?: number[]): Promise<LowStockRow[]> {
  const only = partIds?.length ? `AND b.part_id IN (${marks(partIds.length)})` : '';
  const rows = await db.all<{
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
    `SELECT p.id, p.sku, p.name, p.bin, b.on_hand, b.reserved, b.on_order, p.reorder_point, p.reorder_qty, p.supplier_id,
       s.name AS supplier_name
     FROM (SELECT b.part_id, b.on_hand, b.reserved, b.reorder_point,
             coalesce((SELECT sum(l.qty_ordered - l.qty_received) FROM po_line l JOIN purchase_order o ON o.id = l.po_id
                       WHERE l.part_id = b.part_id AND o.status IN (${OPEN})), 0) AS on_order
           FROM stock_balance b
           WHERE b.reorder_point > 0 AND b.active = 1 AND b.on_hand - b.reserved - b.reorder_point <= 0 ${only}
           ORDER BY b.on_hand - b.reserved - b.reorder_point, b.part_id) b
     JOIN part p ON p.id = b.part_id LEFT JOIN supplier s ON s.id = p.supplier_id
     WHERE b.on_hand - b.reserved + b.on_order <= b.reorder_point
     ORDER BY b.on_hand - b.reserved - b.reorder_point, b.part_id LIMIT ?`,
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
export async function noteStockChange(
  ctx: SignedInContext,
  db: Sql,
  partIds: number[],
): Promise<void> {
  const unique = [...new Set(partIds)];
  ctx.emit('stock.changed', { partIds: unique });
  for (const row of await lowStock(db, unique.length, unique)) {
    ctx.emit('stock.low', { partId: row.partId, sku: row.sku, available: row.available });
  }
}
