import { In } from 'typeorm';
import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import {
  Part,
  PartBarcode,
  PoLine,
  PurchaseOrder,
  StockBalance,
  StockMovement,
} from '../db/entities';
import { sectionCall } from './bench-ctx';
import { measure, type BenchLine } from './bench-measure';
import { prep, type RawDb } from './bench-raw-db';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  n: number;
  warm: number;
  want: (name: string) => boolean;
  print: (line: BenchLine) => void;
}

const OPEN = `'draft', 'ordered', 'partly_received'`;

/** Spare parts' hot paths: a scan at the counter, a stock level, the low-stock list. */
export async function benchInventory({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  want,
  print,
}: Ctx): Promise<void> {
  const raw = { prepare: (text: string) => prep(rawDb.sql, text) };
  const ds = ws.services.dataSource;
  const call = sectionCall(ws, meta);
  const counts = (await raw
    .prepare(
      'SELECT (SELECT count(*) FROM part) AS parts, (SELECT max(id) FROM stock_movement) AS movements',
    )
    .get()) as { parts: number; movements: number | null };
  if (!counts.parts) {
    console.error('bench: no parts (seed with --parts N to bench inventory)');
    return;
  }
  console.error(`bench: ${counts.parts} parts, ${counts.movements ?? 0} stock movements`);
  const sample = (await raw
    .prepare('SELECT code, part_id FROM part_barcode ORDER BY random() LIMIT ?')
    .all(n + warm)) as Array<{
    code: string;
    part_id: number;
  }>;

  if (want('part.byBarcode')) {
    const one = raw.prepare(
      `SELECT p.*, b.on_hand, b.reserved FROM part_barcode c JOIN part p ON p.id = c.part_id
       JOIN stock_balance b ON b.part_id = p.id WHERE c.code = ?`,
    );
    print(
      await measure('part.byBarcode', n, warm, {
        app: (i) => () => call('parts.byBarcode', { code: sample[i % sample.length].code }),
        raw: (i) => () => one.get(sample[i % sample.length].code),
        naive: (i) => async () => {
          const c = await ds
            .getRepository(PartBarcode)
            .findOneByOrFail({ code: sample[i % sample.length].code });
          return [
            await ds.getRepository(Part).findOneBy({ id: c.partId }),
            await ds.getRepository(StockBalance).findOneBy({ partId: c.partId }),
          ];
        },
      }),
    );
  }

  if (want('stock.level')) {
    const bal = raw.prepare(
      'SELECT on_hand, reserved, avg_cost_cents FROM stock_balance WHERE part_id = ?',
    );
    const onOrder = raw.prepare(
      `SELECT sum(l.qty_ordered - l.qty_received) AS n FROM po_line l JOIN purchase_order o ON o.id = l.po_id
       WHERE l.part_id = ? AND o.status IN (${OPEN})`,
    );
    print(
      await measure('stock.level', n, warm, {
        app: (i) => () => call('stock.level', { partId: sample[i % sample.length].part_id }),
        raw: (i) => async () => {
          const id = sample[i % sample.length].part_id;
          return [await bal.get(id), await onOrder.get(id)];
        },
        naive: (i) => async () => {
          const id = sample[i % sample.length].part_id;
          const lines = await ds.getRepository(PoLine).findBy({ partId: id });
          const orders = lines.length
            ? await ds.getRepository(PurchaseOrder).findBy({ id: In(lines.map((l) => l.poId)) })
            : [];
          // The naive way: load the part's whole ledger and add it up, instead of reading the
          // cached balance.
          const moves = await ds.getRepository(StockMovement).findBy({ partId: id });
          const level = moves.reduce(
            (a, m) => ({ onHand: a.onHand + m.qty, reserved: a.reserved + m.reservedDelta }),
            { onHand: 0, reserved: 0 },
          );
          return [level, orders];
        },
      }),
    );
    console.error(
      "bench: stock.level naive = the part's movements loaded through TypeORM and summed (what the cached balance saves)",
    );
  }

  if (want('stock.lowList')) {
    const low = raw.prepare(
      `SELECT p.id, p.sku, p.name, b.on_hand, b.reserved, coalesce(oo.n, 0) AS on_order, p.reorder_point
       FROM part p JOIN stock_balance b ON b.part_id = p.id
       LEFT JOIN (SELECT l.part_id, sum(l.qty_ordered - l.qty_received) AS n FROM po_line l
                  JOIN purchase_order o ON o.id = l.po_id WHERE o.status IN (${OPEN}) GROUP BY l.part_id) oo ON oo.part_id = p.id
       WHERE p.active = 1 AND p.reorder_point > 0 AND b.on_hand - b.reserved + coalesce(oo.n, 0) <= p.reorder_point
       ORDER BY b.on_hand - b.reserved - p.reorder_point, p.sku LIMIT 200`,
    );
    print(
      await measure('stock.lowList', n, warm, {
        app: () => () => call('stock.lowList', { limit: 200 }),
        raw: () => () => low.all(),
        naive: () => async () => {
          const [parts, balances] = await Promise.all([
            ds.getRepository(Part).find(),
            ds.getRepository(StockBalance).find(),
          ]);
          const byId = new Map(balances.map((b) => [b.partId, b]));
          return parts.filter((p) => {
            const b = byId.get(p.id);
            return p.reorderPoint > 0 && b && b.onHand - b.reserved <= p.reorderPoint;
          });
        },
      }),
    );
  }
}
