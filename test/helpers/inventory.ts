import type { PartDto, PoDetail } from '../../main/api/contract';
import type { TestShop } from './workstation';

let seq = 0;

export async function supplier(
  shop: TestShop,
  token: string,
  name = `Supplier ${++seq}`,
): Promise<number> {
  return ((await shop.call(token, 'suppliers.save', { name })) as { id: number }).id;
}

export async function part(
  shop: TestShop,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<PartDto> {
  const n = ++seq;
  return (await shop.call(token, 'parts.save', {
    sku: `SKU-${n}`,
    barcodes: [`690000${String(n).padStart(6, '0')}`],
    name: `Part ${n}`,
    category: 'Screens',
    models: ['iPhone 13'],
    bin: 'A-01',
    costCents: 1000,
    priceCents: 2500,
    reorderPoint: 2,
    reorderQty: 5,
    ...overrides,
  })) as PartDto;
}

/** Orders and receives `qty` of a part through a purchase order (serials for tracked parts). */
export async function stockUp(
  shop: TestShop,
  token: string,
  partId: number,
  qty: number,
  opts: { supplierId?: number; unitCostCents?: number; serials?: string[] } = {},
): Promise<PoDetail> {
  const supplierId = opts.supplierId ?? (await supplier(shop, token));
  let po = (await shop.call(token, 'po.create', {
    supplierId,
    lines: [{ partId, qty, unitCostCents: opts.unitCostCents ?? 1000 }],
  })) as PoDetail;
  po = (await shop.call(token, 'po.order', { id: po.id, version: po.version })) as PoDetail;
  return (await shop.call(token, 'po.receive', {
    id: po.id,
    version: po.version,
    lines: [{ partId, qty, serials: opts.serials }],
  })) as PoDetail;
}
