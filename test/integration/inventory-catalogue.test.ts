import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartDetail, PartDto, PartRow } from '../../main/api/contract';
import { openTestShop, type TestShop } from '../helpers/workstation';
import { part, stockUp, supplier } from '../helpers/inventory';

let shop: TestShop;
let manager: string;
let counter: string;
beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  counter = await shop.as('counter');
});
afterAll(() => shop.close());

describe('the parts catalogue', () => {
  it('finds a part by SKU, scanned barcode, Chinese name piece and compatible model', async () => {
    const p = await part(shop, manager, {
      sku: 'scr-ip13-oled',
      barcodes: ['6901234567892', 'ALT-13'],
      name: 'iPhone 13 OLED 屏幕总成',
      models: ['iPhone 13', 'iPhone 13 Pro'],
    });
    expect(p.sku).toBe('SCR-IP13-OLED');
    const byCode = (await shop.call(counter, 'parts.byBarcode', {
      code: '6901234567892',
    })) as PartRow;
    expect(byCode.id).toBe(p.id);
    expect(
      ((await shop.call(counter, 'parts.byBarcode', { code: 'scr-ip13-oled' })) as PartRow).id,
    ).toBe(p.id);
    const zh = (await shop.call(counter, 'parts.list', { q: '屏幕总' })) as { rows: PartRow[] };
    expect(zh.rows.map((r) => r.id)).toContain(p.id);
    const fits = (await shop.call(counter, 'parts.search', { model: 'iphone13pro' })) as PartRow[];
    expect(fits.map((r) => r.id)).toEqual([p.id]);
    const miss = await shop.fail(counter, 'parts.byBarcode', { code: 'nope' });
    expect(miss.details?.key).toBe('errors.unknownBarcode');
  });

  it('refuses a duplicate SKU or a barcode another part uses, and a stale edit', async () => {
    const a = await part(shop, manager);
    const dup = await shop.fail(manager, 'parts.save', {
      ...strip(a),
      id: undefined,
      version: undefined,
      barcodes: [],
    });
    expect(dup.details?.key).toBe('errors.skuTaken');
    const b = await part(shop, manager);
    const code = await shop.fail(manager, 'parts.save', { ...strip(b), barcodes: a.barcodes });
    expect(code.details?.key).toBe('errors.barcodeTaken');
    await shop.call(manager, 'parts.save', { ...strip(b), name: 'Renamed' });
    const stale = await shop.fail(manager, 'parts.save', { ...strip(b), name: 'Again' });
    expect(stale.code).toBe('CONFLICT');
  });

  it('keeps a moving weighted-average cost across receipts', async () => {
    const p = await part(shop, manager, { costCents: 1000 });
    await stockUp(shop, manager, p.id, 2, { unitCostCents: 1000 });
    await stockUp(shop, manager, p.id, 2, { unitCostCents: 2000 });
    const d = (await shop.call(manager, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.level).toMatchObject({ onHand: 4, avgCostCents: 1500 });
    await shop.call(manager, 'stock.adjust', { partId: p.id, qty: -1, reason: 'dropped' });
    await stockUp(shop, manager, p.id, 1, { unitCostCents: 3000 });
    // (3 × 15.00 + 1 × 30.00) / 4 = 18.75
    expect(
      ((await shop.call(manager, 'stock.level', { partId: p.id })) as { avgCostCents: number })
        .avgCostCents,
    ).toBe(1875);
  });

  it('lists low stock counting reservations and open orders, and turns it into a draft order', async () => {
    const sid = await supplier(shop, manager, 'Low Stock Supplier');
    const p = await part(shop, manager, {
      reorderPoint: 3,
      reorderQty: 10,
      supplierId: sid,
      category: 'Low',
    });
    await stockUp(shop, manager, p.id, 4, { supplierId: sid });
    let low = (await shop.call(manager, 'stock.lowList', {})) as Array<{
      partId: number;
      suggestQty: number;
    }>;
    expect(low.map((r) => r.partId)).not.toContain(p.id);
    await shop.call(manager, 'stock.adjust', { partId: p.id, qty: -1, reason: 'broken' });
    low = (await shop.call(manager, 'stock.lowList', {})) as Array<{
      partId: number;
      suggestQty: number;
    }>;
    const row = low.find((r) => r.partId === p.id);
    expect(row?.suggestQty).toBe(10);
    const res = (await shop.call(manager, 'stock.lowToPo', { partIds: [p.id] })) as {
      orders: Array<{ status: string; supplierId: number }>;
    };
    expect(res.orders).toEqual([expect.objectContaining({ status: 'draft', supplierId: sid })]);
    // The draft counts as on order: the part is no longer low.
    low = (await shop.call(manager, 'stock.lowList', {})) as typeof low;
    expect(low.map((r) => r.partId)).not.toContain(p.id);
  });

  it('walks a purchase order through partial receipt, receipt, close; a cancel needs a reason', async () => {
    const sid = await supplier(shop, manager);
    const p = await part(shop, manager, { serialTracked: true });
    let po = (await shop.call(manager, 'po.create', {
      supplierId: sid,
      lines: [{ partId: p.id, qty: 3 }],
    })) as { id: number; version: number; status: string };
    po = (await shop.call(manager, 'po.order', { id: po.id, version: po.version })) as typeof po;
    const noSerial = await shop.fail(manager, 'po.receive', {
      id: po.id,
      version: po.version,
      lines: [{ partId: p.id, qty: 1 }],
    });
    expect(noSerial.details?.key).toBe('errors.serialsNeeded');
    po = (await shop.call(manager, 'po.receive', {
      id: po.id,
      version: po.version,
      lines: [{ partId: p.id, qty: 1, serials: ['SN-1'] }],
    })) as typeof po;
    expect(po.status).toBe('partly_received');
    const over = await shop.fail(manager, 'po.receive', {
      id: po.id,
      version: po.version,
      lines: [{ partId: p.id, qty: 5, serials: ['a', 'b', 'c', 'd', 'e'] }],
    });
    expect(over.details?.key).toBe('errors.overReceipt');
    po = (await shop.call(manager, 'po.receive', {
      id: po.id,
      version: po.version,
      lines: [{ partId: p.id, qty: 2, serials: ['SN-2', 'SN-3'] }],
    })) as typeof po;
    expect(po.status).toBe('received');
    po = (await shop.call(manager, 'po.close', { id: po.id, version: po.version })) as typeof po;
    expect(po.status).toBe('closed');
    const d = (await shop.call(manager, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.units.map((u) => [u.serial, u.state]).sort()).toEqual([
      ['SN-1', 'in_stock'],
      ['SN-2', 'in_stock'],
      ['SN-3', 'in_stock'],
    ]);
    const other = (await shop.call(manager, 'po.create', {
      supplierId: sid,
      lines: [{ partId: p.id, qty: 1 }],
    })) as typeof po;
    const noReason = await shop.fail(manager, 'po.cancel', {
      id: other.id,
      version: other.version,
    });
    expect(noReason.code).toBe('VALIDATION');
    expect(
      (
        (await shop.call(manager, 'po.cancel', {
          id: other.id,
          version: other.version,
          reason: 'found elsewhere',
        })) as typeof po
      ).status,
    ).toBe('cancelled');
  });

  it('queues a shelf label with barcode, name, bin and price', async () => {
    const p = await part(shop, manager, { name: '电池 Battery', bin: 'b-07', priceCents: 12900 });
    const job = (await shop.call(manager, 'parts.printLabel', { partId: p.id })) as {
      kind: string;
      status: string;
      document: { lines: unknown[] };
    };
    expect(job).toMatchObject({ kind: 'shelf_label', status: 'queued' });
    expect(job.document.lines).toEqual(
      expect.arrayContaining([
        { type: 'barcode', symbology: 'code128', data: p.barcodes[0] },
        { type: 'text', text: '电池 Battery', bold: true },
        { type: 'pair', left: p.sku, right: '129.00' },
        { type: 'pair', left: 'BIN', right: 'B-07' },
      ]),
    );
  });
});

function strip(p: PartDto) {
  return {
    id: p.id,
    version: p.version,
    sku: p.sku,
    barcodes: p.barcodes,
    name: p.name,
    category: p.category,
    models: p.modelList,
    bin: p.bin,
    costCents: p.costCents,
    priceCents: p.priceCents,
    reorderPoint: p.reorderPoint,
    reorderQty: p.reorderQty,
    supplierId: p.supplierId,
    serialTracked: p.serialTracked,
    active: p.active,
  };
}
