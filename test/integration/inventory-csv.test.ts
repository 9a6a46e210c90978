import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../main/api/contract';
import { openTestShop, type TestShop } from '../helpers/workstation';
import { supplier } from '../helpers/inventory';

let shop: TestShop;
let manager: string;
beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  await supplier(shop, manager, '华强北配件');
  await shop.call(manager, 'parts.save', {
    sku: 'EXISTING-1',
    name: 'Existing',
    category: 'Misc',
    bin: 'Z-1',
    costCents: 1,
    priceCents: 2,
    reorderPoint: 0,
    reorderQty: 0,
  });
  // a fresh shop (on PostgreSQL: a database from the template) takes over 10 s on a busy machine
}, 60_000);
afterAll(() => shop.close());

const HEADER =
  'sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty,supplier,serial_tracked,active';
const parts = () => shop.count('part');

describe('CSV import of parts', () => {
  const csv = [
    HEADER,
    'BAT-M60,6901111111111|6902222222222,Mate 60 电池,Batteries,Mate 60|Mate 60 Pro,B-01,45.00,129,2,5,华强北配件,yes,',
    'SCR-X,,"Screen, OLED ""premium""",Screens,iPhone X,S-02,12.5,80,1,3,,no,1',
    'BAD-COST,,Cable,Cables,,C-01,twelve,5,0,0,,,', // line 4: wrong number
    'BAT-M60,,Duplicate in file,Batteries,,B-02,1,2,0,0,,,', // line 5: duplicate SKU
    ',,No SKU,Misc,,M-1,1,2,0,0,,,', // line 6: missing field
    'existing-1,,Already in the catalogue,Misc,,M-1,1,2,0,0,,,', // line 7
    'NEW-SUP,,Unknown supplier,Misc,,M-1,1,2,0,0,Nobody Ltd,,', // line 8
  ].join('\n');

  it('reports every bad row with its line number and reason, and imports nothing', async () => {
    const before = parts();
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'all' })) as ImportReport;
    expect(r).toMatchObject({ rows: 7, good: 2, bad: 5, imported: 0 });
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [4, 'cost'],
      [5, 'sku'],
      [6, 'sku'],
      [7, 'sku'],
      [8, 'supplier'],
    ]);
    expect(r.issues[1].reason).toMatch(/duplicate/i);
    expect(parts()).toBe(before);
  });

  it('imports the good rows when asked, Chinese names and quoted commas intact', async () => {
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'good' })) as ImportReport;
    expect(r).toMatchObject({ imported: 2, bad: 5 });
    const bat = (await shop.call(manager, 'parts.byBarcode', { code: '6902222222222' })) as {
      name: string;
      serialTracked: boolean;
      priceCents: number;
    };
    expect(bat).toMatchObject({ name: 'Mate 60 电池', serialTracked: true, priceCents: 12900 });
    const scr = (await shop.call(manager, 'parts.byBarcode', { code: 'SCR-X' })) as {
      name: string;
      costCents: number;
    };
    expect(scr).toMatchObject({ name: 'Screen, OLED "premium"', costCents: 1250 });
    const again = (await shop.call(manager, 'parts.import', {
      csv: `${HEADER}\nSCR-X,,x,y,,b,1,1,0,0,,,`,
      mode: 'all',
    })) as ImportReport;
    expect(again.issues).toEqual([expect.objectContaining({ line: 2, field: 'sku' })]);
  });

  it('exports parts as a stream that reads back', async () => {
    const r = (await shop.call(manager, 'parts.export', { what: 'parts' })) as {
      path: string;
      rows: number;
    };
    const text = fs.readFileSync(r.path, 'utf8');
    expect(text.split('\n')[0]).toBe(`${HEADER},on_hand,reserved`);
    expect(text).toContain('"Screen, OLED ""premium"""');
    expect(r.rows).toBe(parts());
    const m = (await shop.call(manager, 'parts.export', { what: 'movements' })) as { rows: number };
    expect(m.rows).toBe(shop.count('stock_movement'));
  });

  it('writes each imported part whole (stock balance at 0, its codes, its model keys), a code that is the SKU of a row written before it is refused at that row, and text with a NUL character is not valid (both engines)', async () => {
    const rows = Array.from(
      { length: 260 },
      (_, i) =>
        `BULK-${i},69100${String(i).padStart(8, '0')},Bulk ${i},Bulk,Mate 60|P60 Pro,K-1,1.00,2.00,1,0,,,`,
    );
    // line 262: its code is the SKU of line 2, written in the same batch
    rows.push('BULK-CLASH,bulk-0,Clash,Bulk,,K-1,1.00,2.00,0,0,,,');
    const csv = [HEADER, ...rows].join('\n');
    const before = parts();
    // Text with a NUL character: not valid, on both engines (PostgreSQL cannot store it)
    const nul = await shop.ws.dispatcher.call(
      'parts.import',
      { csv: `${csv}\nBULK-NUL,,Bad\u0000name,Bulk,,K-1,1.00,2.00,0,0,,,`, mode: 'good' },
      { token: manager, origin: 'test' },
    );
    expect(nul.ok ? null : [nul.error.code, nul.error.details?.field]).toEqual([
      'VALIDATION',
      'csv',
    ]);
    expect(parts()).toBe(before);
    const checked = (await shop.call(manager, 'parts.import', {
      csv,
      mode: 'check',
    })) as ImportReport;
    // the clash is found only when written: until then the SKU is new
    expect(checked).toMatchObject({ good: 261, bad: 0 });
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'good' })) as ImportReport;
    expect(r.imported).toBe(260);
    expect(r.issues.map((i) => [i.line, i.key])).toEqual([[262, 'errors.barcodeTaken']]);
    const got = await shop.sql.get<Record<string, number>>(
      `SELECT count(*) AS parts,
         (SELECT count(*) FROM stock_balance b JOIN part p ON p.id = b.part_id
           WHERE p.sku LIKE 'BULK-%' AND b.on_hand = 0 AND b.reserved = 0 AND b.avg_cost_cents = 100 AND b.reorder_point = 1) AS balances,
         (SELECT count(*) FROM part_barcode c JOIN part p ON p.id = c.part_id
           WHERE p.sku LIKE 'BULK-%' AND c.code LIKE '69100%') AS codes,
         (SELECT count(*) FROM part_model m JOIN part p ON p.id = m.part_id WHERE p.sku LIKE 'BULK-%') AS models
       FROM part WHERE sku LIKE 'BULK-%'`,
    );
    expect(Object.fromEntries(Object.entries(got!).map(([k, v]) => [k, Number(v)]))).toEqual({
      parts: 260,
      balances: 260,
      codes: 260,
      models: 520,
    });
    // found by a compatible model, as a part saved one at a time is
    const byModel = (await shop.call(manager, 'parts.search', { q: 'BULK-17' })) as unknown;
    expect(JSON.stringify(byModel)).toContain('BULK-17');
  });
});
