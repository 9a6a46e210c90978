import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExportChunk,
  ImportReport,
  PartDetail,
  PoDetail,
  TicketPartDto,
} from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';
import { part, stockUp, supplier } from '../helpers/inventory';

// The renderer's messages, loaded at run time: the node tsconfig does not take renderer files.
const messages = async (lang: 'en' | 'zh'): Promise<object> =>
  (
    (await import(/* @vite-ignore */ `../../renderer/src/i18n/${lang}.ts`)) as Record<
      string,
      object
    >
  )[lang];

const text = (messages: object, key: string) =>
  key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

let shop: TestShop;
let manager: string;
let tech: string;
beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  tech = await shop.as('technician');
});
afterAll(() => shop.close());

const HEADER =
  'sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty,supplier,serial_tracked,active';

describe('CSV import check, then the good rows', () => {
  const csv = [
    HEADER,
    'ADM-1,6907000000011,屏幕 Screen,Screens,P40,S-1,10.00,30,1,2,,,',
    'ADM-2,,Battery,Batteries,,B-1,ten,30,1,2,,,', // line 3: not a price
    'ADM-3,6907000000011,Cable,Cables,,C-1,1,3,0,0,,,', // line 4: barcode twice in the file
  ].join('\n');

  it('check reports each bad row with its line and an i18n key, and writes nothing', async () => {
    const before = shop.count('part');
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'check' })) as ImportReport;
    expect(r).toMatchObject({ rows: 3, good: 1, bad: 2, imported: 0 });
    expect(r.issues).toEqual([
      expect.objectContaining({ line: 3, field: 'cost', key: 'inventory.import.reason.notPrice' }),
      expect.objectContaining({
        line: 4,
        field: 'barcodes',
        key: 'inventory.import.reason.duplicateBarcode',
        params: { code: '6907000000011' },
      }),
    ]);
    expect(shop.count('part')).toBe(before);
  });

  it('a clean file is still only checked in check mode; good mode imports the good rows', async () => {
    const before = shop.count('part');
    const clean = [HEADER, 'ADM-9,,Clean,Misc,,M-1,1,2,0,0,,,'].join('\n');
    const checked = (await shop.call(manager, 'parts.import', {
      csv: clean,
      mode: 'check',
    })) as ImportReport;
    expect(checked).toMatchObject({ rows: 1, bad: 0, imported: 0 });
    expect(shop.count('part')).toBe(before);
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'good' })) as ImportReport;
    expect(r).toMatchObject({ good: 1, imported: 1 });
    expect(shop.count('part')).toBe(before + 1);
  });

  it('a SKU already in the catalogue carries its value for the translated reason', async () => {
    const again = [HEADER, 'adm-1,,Again,Misc,,M-1,1,2,0,0,,,'].join('\n');
    const r = (await shop.call(manager, 'parts.import', {
      csv: again,
      mode: 'check',
    })) as ImportReport;
    expect(r.issues).toEqual([
      expect.objectContaining({ line: 2, key: 'errors.skuTaken', params: { value: 'ADM-1' } }),
    ]);
  });
});

describe('import reasons on screen', () => {
  it('every kind of bad row has an English and a Chinese text', async () => {
    const csv = [
      HEADER,
      'R-1,,,Misc,,M-1,1,2,0,0,,,', // missing name
      'R-2,,Two,Misc,,M-1,x,2,0,0,,,', // not a price
      'R-3,,Three,Misc,,M-1,1,2,0,0,Nobody,,', // unknown supplier
      'R-4,6907000000999,Four,Misc,,M-1,1,2,0,0,,,',
      'R-4,,Four again,Misc,,M-1,1,2,0,0,,,', // duplicate SKU
      'R-5,6907000000999,Five,Misc,,M-1,1,2,0,0,,,', // duplicate barcode
      'bad sku!,,Six,Misc,,M-1,1,2,0,0,,,', // schema: SKU format
    ].join('\n');
    const r = (await shop.call(manager, 'parts.import', { csv, mode: 'check' })) as ImportReport;
    expect(r.issues.map((i) => i.line)).toEqual([2, 3, 4, 6, 7, 8]);
    const [en, zh] = [await messages('en'), await messages('zh')];
    for (const i of r.issues) {
      expect(text(en, i.key), i.key).toEqual(expect.any(String));
      expect(text(zh, i.key), i.key).toEqual(expect.any(String));
    }
  });
});

describe('a file that is not CSV', () => {
  it('is refused with its line and a translated reason, and nothing is imported', async () => {
    const before = await shop.counts(['part']);
    const csv = `${HEADER}\nQ-1,,Quote,Misc,,M-1,1,2,0,0,,,\n"half "quoted,,x,Misc,,M-1,1,2,0,0,,,`;
    for (const mode of ['check', 'good'] as const) {
      const e = await shop.fail(manager, 'parts.import', { csv, mode });
      expect([e.code, e.details?.key, e.details?.params]).toEqual([
        'VALIDATION',
        'partsImport.errors.notCsv',
        { line: 3 },
      ]);
    }
    const opening = await shop.fail(manager, 'parts.import', {
      csv: '{{constructor.constructor("return process")()}}',
      mode: 'check',
    });
    expect([opening.code, opening.details?.key]).toEqual([
      'VALIDATION',
      'partsImport.errors.notCsv',
    ]);
    expect(await shop.counts(['part'])).toEqual(before);
    const [en, zh] = [await messages('en'), await messages('zh')];
    expect(text(en, 'partsImport.errors.notCsv')).toContain('{{line}}');
    expect(text(zh, 'partsImport.errors.notCsv')).toContain('{{line}}');
  });
});

describe('export download in slices', () => {
  it('reads back exactly the exported file', async () => {
    await part(shop, manager, { name: '中文名 with "quotes", commas' });
    const out = (await shop.call(manager, 'parts.export', { what: 'parts' })) as {
      path: string;
      rows: number;
    };
    const file = out.path.split(/[\\/]/).pop()!;
    const chunk = (await shop.call(manager, 'parts.exportRead', {
      file,
      offset: 0,
    })) as ExportChunk;
    expect(chunk.done).toBe(true);
    const text = Buffer.from(chunk.base64, 'base64').toString('utf8');
    expect(text.split('\n')[0]).toMatch(/^sku,barcodes,name/);
    expect(text).toContain('"中文名 with ""quotes"", commas"');
    expect(chunk.size).toBe(Buffer.byteLength(text));
    const tail = (await shop.call(manager, 'parts.exportRead', {
      file,
      offset: chunk.size,
    })) as ExportChunk;
    expect(tail).toMatchObject({ base64: '', done: true, nextOffset: chunk.size });
  });

  it('refuses paths, unknown files and other roles', async () => {
    for (const file of ['../shop.db', 'parts-/../../x.csv', '/etc/passwd', 'parts.csv']) {
      expect((await shop.fail(manager, 'parts.exportRead', { file, offset: 0 })).code).toBe(
        'VALIDATION',
      );
    }
    const bad = await shop.fail(manager, 'parts.exportRead', {
      file: 'parts-2020-01-01T00-00-00-000Z.csv',
      offset: 0,
    });
    expect(bad).toMatchObject({ code: 'NOT_FOUND', details: { key: 'errors.exportNotFound' } });
    expect(
      (await shop.fail(manager, 'parts.exportRead', { file: 'parts-2020-01-01.csv', offset: -1 }))
        .code,
    ).toBe('VALIDATION');
    expect(
      (await shop.fail(tech, 'parts.exportRead', { file: 'parts-2020-01-01.csv', offset: 0 })).code,
    ).toBe('FORBIDDEN');
  });
});

describe('hand-built purchase orders', () => {
  it('edits a draft’s lines, orders it, and then refuses edits', async () => {
    const sid = await supplier(shop, manager);
    const a = await part(shop, manager);
    const b = await part(shop, manager);
    let po = (await shop.call(manager, 'po.create', {
      supplierId: sid,
      lines: [{ partId: a.id, qty: 2, unitCostCents: 700 }],
    })) as PoDetail;
    po = (await shop.call(manager, 'po.setLines', {
      id: po.id,
      version: po.version,
      lines: [{ partId: b.id, qty: 3, unitCostCents: 250 }],
    })) as PoDetail;
    expect(po.lines.map((l) => [l.partId, l.qtyOrdered, l.unitCostCents])).toEqual([
      [b.id, 3, 250],
    ]);
    expect(po.totalCents).toBe(750);
    const stale = await shop.fail(manager, 'po.order', { id: po.id, version: po.version - 1 });
    expect(stale.details?.key).toBe('errors.stale');
    po = (await shop.call(manager, 'po.order', { id: po.id, version: po.version })) as PoDetail;
    expect(po.status).toBe('ordered');
    const late = await shop.fail(manager, 'po.setLines', {
      id: po.id,
      version: po.version,
      lines: [{ partId: a.id, qty: 1 }],
    });
    expect(late).toMatchObject({ code: 'CONFLICT', details: { key: 'errors.poNotDraft' } });
  });
});

describe('returns from the part’s view', () => {
  it('lists fitted lines, returns one faulty, then sends that unit to the supplier', async () => {
    const p = await part(shop, manager, { serialTracked: true });
    await stockUp(shop, manager, p.id, 1, { serials: ['RET-1'] });
    const res = (await shop.call(manager, 'intake.commit', validWalkIn())) as {
      ticket: { id: number };
    };
    await shop.call(tech, 'bench.detail', { id: res.ticket.id });
    let tp = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: res.ticket.id,
      partId: p.id,
    })) as TicketPartDto;
    tp = (await shop.call(tech, 'ticketParts.consume', {
      id: tp.id,
      version: tp.version,
      oldSerial: 'OLD-1',
    })) as TicketPartDto;
    let d = (await shop.call(tech, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.fitted).toEqual([
      expect.objectContaining({ id: tp.id, version: tp.version, serial: 'RET-1', qty: 1 }),
    ]);
    await shop.call(tech, 'ticketParts.returnToStock', {
      id: tp.id,
      version: tp.version,
      sound: false,
      reason: 'dead on arrival',
    });
    d = (await shop.call(tech, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.fitted).toEqual([]);
    expect(d.units).toEqual([expect.objectContaining({ serial: 'RET-1', state: 'returned' })]);
    await shop.call(manager, 'stock.returnToSupplier', {
      partId: p.id,
      qty: 1,
      reason: 'RMA',
      serials: ['RET-1'],
    });
    d = (await shop.call(tech, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.units).toEqual([expect.objectContaining({ serial: 'RET-1', state: 'supplier' })]);
    expect(d.level.onHand).toBe(0);
  });
});
