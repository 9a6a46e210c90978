import { ApiError } from '../../api/errors';
import type { LoadedPo } from './purchase-orders';
import { setPoStatus } from './purchase-orders';
import { requireSerials, unitIn } from './serial-units';
import type { Sql } from '../../db/sql';
import { applyMovement, type Actor } from './stock-ledger';

type ReceiveLine = { partId: number; qty: number; serials?: string[] };

const lineIssue = (path: string, key: string, message: string, params?: Record<string, number>) =>
  new ApiError('VALIDATION', message, {
    key,
    params,
    issues: [{ path, key, params, message }],
  });

/**
 * Goods receipt on an ordered purchase order: one receive movement per line (one per serial for
 * serial-tracked parts, each unit put on the shelf), the line's received count and the part's
 * last cost updated, and the order moved to partly received or received. Returns the parts touched.
 */
export async function receiveGoods(
  db: Sql,
  actor: Actor,
  po: LoadedPo,
  lines: ReceiveLine[],
): Promise<number[]> {
  if (po.status !== 'ordered' && po.status !== 'partly_received') {
    throw new ApiError('CONFLICT', 'Only an ordered purchase order can be received.', {
      key: 'errors.poNotOrdered',
    });
  }
  const touched: number[] = [];
  for (const [i, l] of lines.entries()) {
    const line = await db.get<{
      id: number;
      qty_ordered: number;
      qty_received: number;
      unit_cost_cents: number;
      serial_tracked: number;
    }>(
      `SELECT l.id, l.qty_ordered, l.qty_received, l.unit_cost_cents, p.serial_tracked FROM po_line l
       JOIN part p ON p.id = l.part_id WHERE l.po_id = ? AND l.part_id = ?`,
      po.id,
      l.partId,
    );
    if (!line)
      throw lineIssue(`lines.${i}.partId`, 'errors.notOnOrder', 'This part is not on the order.');
    const outstanding = line.qty_ordered - line.qty_received;
    if (l.qty > outstanding) {
      throw lineIssue(
        `lines.${i}.qty`,
        'errors.overReceipt',
        `Only ${outstanding} outstanding on this line.`,
        { outstanding },
      );
    }
    const base = {
      partId: l.partId,
      kind: 'receive' as const,
      unitCostCents: line.unit_cost_cents,
      poId: po.id,
    };
    if (line.serial_tracked === 1) {
      for (const serial of requireSerials(l.serials, l.qty)) {
        const { id: movementId } = await applyMovement(db, actor, { ...base, qty: 1, serial });
        await unitIn(db, actor, l.partId, serial, line.unit_cost_cents, {
          poId: po.id,
          movementId,
        });
      }
    } else await applyMovement(db, actor, { ...base, qty: l.qty });
    await db.run('UPDATE po_line SET qty_received = qty_received + ? WHERE id = ?', l.qty, line.id);
    await db.run(
      'UPDATE part SET cost_cents = ?, updated_at = ? WHERE id = ?',
      line.unit_cost_cents,
      actor.now,
      l.partId,
    );
    touched.push(l.partId);
  }
  const left = Number(
    (
      await db.get<{ n: number }>(
        'SELECT coalesce(sum(qty_ordered - qty_received), 0) AS n FROM po_line WHERE po_id = ?',
        po.id,
      )
    )?.n ?? 0,
  );
  await setPoStatus(db, po, left === 0 ? 'received' : 'partly_received', actor.now);
  return touched;
}
