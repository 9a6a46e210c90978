import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PartDetail, PartRow, PoDetail, SupplierDto } from '../../main/api/contract';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { InventoryPage } from './pages/InventoryPage';

const MANAGER = { name: 'Qian Manager', role: 'manager', pin: '2468' };
const COUNTER = { name: 'Sun Counter', role: 'counter', pin: '1357' };

const CSV = [
  'sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty,supplier,serial_tracked,active',
  'CSV-GLASS,6908100000010,钢化膜 Tempered glass,Accessories,P40|P40 Pro,D-02,1.20,15,5,20,,,',
  'CSV-SCREW,,螺丝套装 Screw set,Tools,,D-03,twelve,8,0,0,,,',
  'CSV-TAPE,,屏幕胶 Adhesive tape,Accessories,,D-02,0.80,5,2,10,,,',
].join('\n');

describe('spare-parts administration in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let shell: ShellPage;
  let inv: InventoryPage;
  let manager: string;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const partBySku = async (sku: string) =>
    (await harness.api<{ rows: PartRow[] }>('parts.list', { q: sku }, manager)).rows.find(
      (r) => r.sku === sku,
    );

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [MANAGER, COUNTER]);
    manager = await login(MANAGER);
    // A cable already in the catalogue: a second line for the hand-built order, removed again.
    await harness.api(
      'parts.save',
      {
        sku: 'CAB-USBC',
        barcodes: ['6908000000999'],
        name: 'USB-C 充电线',
        category: 'Cables',
        bin: 'C-01',
        costCents: 500,
        priceCents: 1900,
        reorderPoint: 0,
        reorderQty: 0,
      },
      manager,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    signIn = new SignInPage(page);
    shell = new ShellPage(page);
    inv = new InventoryPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(MANAGER.name, MANAGER.pin);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('adds a supplier and edits it', async () => {
    await inv.open();
    await inv.tab('suppliers');
    await inv.byTestId('supplier-add').click();
    await inv.byTestId('supplier-form-name').fill('深圳华强北配件行');
    await inv.byTestId('supplier-form-name').press('Enter');
    await inv.byTestId('supplier-form').waitFor({ state: 'detached' });
    const [s] = await harness.api<SupplierDto[]>('suppliers.list', {}, manager);
    expect(s).toMatchObject({ name: '深圳华强北配件行', leadDays: 3 });
    await inv.byTestId(`supplier-row-${s.id}`).click();
    await page.getByLabel('Lead time (days)').fill('5');
    await inv.byTestId('supplier-form-save').click();
    await inv.byTestId('supplier-form').waitFor({ state: 'detached' });
    await expect(harness.api<SupplierDto[]>('suppliers.list', {}, manager)).resolves.toEqual([
      expect.objectContaining({ name: '深圳华强北配件行', leadDays: 5, version: 2 }),
    ]);
    await shot('inventory-suppliers-en.png');
  });

  it('creates a part with two scanned barcodes, errors shown on the fields, and finds it by scanning', async () => {
    await inv.tab('parts');
    await inv.byTestId('parts-search').focus();
    await page.keyboard.press('Alt+N');
    await inv.byTestId('part-form').waitFor();
    await inv.formField('sku').fill('bad sku!');
    await inv.byTestId('part-form-save').click();
    await expect(inv.fieldError('part-form-sku')).resolves.toMatch(/Letters, digits/);
    await expect(inv.fieldError('part-form-name')).resolves.toBe('Required');
    await shot('inventory-part-form-errors-en.png');

    await inv.formField('sku').fill('BAT-P40');
    await inv.formField('name').fill('P40 电池 Battery');
    await inv.scanTag(inv.formField('barcodes'), '6908000000012');
    await inv.scanTag(inv.formField('barcodes'), '6908000000029');
    await inv.formField('category').fill('Batteries');
    await inv.formField('bin').fill('B-07');
    await inv.searchAndPick('part-form-supplier', '华强北', '深圳华强北配件行');
    await inv.scanTag(inv.formField('models'), 'P40');
    await inv.scanTag(inv.formField('models'), 'P40 Pro');
    await inv.formField('cost').fill('45.5');
    await inv.formField('price').fill('129');
    await inv.formField('reorder-point').fill('1');
    await inv.formField('reorder-qty').fill('4');
    await inv.formField('serial').check();
    await shot('inventory-part-form-en.png');
    await inv.byTestId('part-form-save').click();
    await inv.byTestId('part-form').waitFor({ state: 'detached' });
    // Saving opens the new part.
    await expect(inv.byTestId('part-detail-sku').innerText()).resolves.toBe('BAT-P40');
    await inv.closeDrawer();

    const row = await partBySku('BAT-P40');
    const d = await harness.api<PartDetail>('parts.get', { partId: row!.id }, manager);
    expect(d.part).toMatchObject({
      barcodes: ['6908000000012', '6908000000029'],
      modelList: ['P40', 'P40 Pro'],
      costCents: 4550,
      priceCents: 12900,
      reorderPoint: 1,
      reorderQty: 4,
      serialTracked: true,
      supplierName: '深圳华强北配件行',
      active: true,
    });

    // A scanner types the second barcode into the search and presses Enter.
    await inv.scanInto('parts-search', '6908000000029');
    await inv.byTestId('part-detail').waitFor();
    await expect(inv.byTestId('part-detail-sku').innerText()).resolves.toBe('BAT-P40');

    // Editing refuses a barcode another part has, on the barcodes field.
    await inv.byTestId('part-edit').click();
    await inv.scanTag(inv.formField('barcodes'), '6908000000999');
    await inv.byTestId('part-form-save').click();
    await expect(inv.fieldError('part-form-barcodes')).resolves.toBe(
      'Barcode 6908000000999 is used by another part.',
    );
    await inv.closeModal();
    await inv.closeDrawer();
  });

  it('builds a purchase order by hand and orders it', async () => {
    await inv.tab('orders');
    await inv.byTestId('po-new').click();
    await inv.searchAndPick('po-edit-supplier', '华强北', '深圳华强北配件行');
    await inv.searchAndPick('po-edit-part', '6908000000012', /BAT-P40/);
    await inv.searchAndPick('po-edit-part', 'CAB', /CAB-USBC/);
    await inv.byTestId('po-line-CAB-USBC').waitFor();
    await inv.byTestId('po-line-remove-CAB-USBC').click();
    await inv.byTestId('po-line-CAB-USBC').waitFor({ state: 'detached' });
    await inv.byTestId('po-line-qty-BAT-P40').fill('2');
    await inv.byTestId('po-line-cost-BAT-P40').fill('44');
    await expect(inv.byTestId('po-edit-total').innerText()).resolves.toBe('Total 88.00');
    await shot('inventory-po-editor-en.png');
    await inv.byTestId('po-edit-order').click();
    await inv.byTestId('po-editor').waitFor({ state: 'detached' });
    // The list refreshes from the events of both steps (created, then ordered).
    await page.locator('[data-testid="po-status-PO-000001"]', { hasText: /^Ordered$/ }).waitFor();
    const po = await harness.api<PoDetail>('po.get', { id: 1 }, manager);
    expect(po).toMatchObject({ status: 'ordered', supplierName: '深圳华强北配件行' });
    expect(po.lines.map((l) => [l.sku, l.qtyOrdered, l.unitCostCents])).toEqual([
      ['BAT-P40', 2, 4400],
    ]);
    await harness.api(
      'po.receive',
      {
        id: po.id,
        version: po.version,
        lines: [{ partId: po.lines[0].partId, qty: 2, serials: ['P40-SN-1', 'P40-SN-2'] }],
      },
      manager,
    );
  });

  it('returns one serial unit to the supplier from the part drawer', async () => {
    await inv.tab('parts');
    await inv.openPart('BAT-P40');
    await inv.byTestId('part-return-supplier').click();
    await inv.pickOption('return-supplier-unit', 'P40-SN-2 · In stock');
    await inv.byTestId('return-supplier-reason').fill('屏幕闪烁 flickers');
    await shot('inventory-return-supplier-en.png');
    await inv.byTestId('return-supplier-reason').press('Enter');
    await inv.byTestId('return-supplier').waitFor({ state: 'detached' });
    // The drawer refreshes from the stock event: on hand drops to 1.
    await page.locator('[data-testid="level-onhand"]', { hasText: /^1$/ }).waitFor();
    const row = await partBySku('BAT-P40');
    const d = await harness.api<PartDetail>('parts.get', { partId: row!.id }, manager);
    expect(d.units.map((u) => [u.serial, u.state])).toEqual(
      expect.arrayContaining([
        ['P40-SN-1', 'in_stock'],
        ['P40-SN-2', 'supplier'],
      ]),
    );
    expect(d.movements[0]).toMatchObject({
      kind: 'return_to_supplier',
      qty: -1,
      serial: 'P40-SN-2',
    });
    await inv.closeDrawer();
  });

  it('takes a fitted unit back from a ticket as faulty, from the part drawer', async () => {
    const row = await partBySku('BAT-P40');
    const { ticket } = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      {
        idempotencyKey: 'inv-admin-e2e-1',
        customer: { name: '李小红', phone: '13800000077', channel: 'our_store' },
        device: { type: 'phone', brand: 'Huawei', model: 'P40', proof: 'none' },
        ticket: {
          category: 'fault',
          priority: 'normal',
          serviceMode: 'carry_in',
          problem: 'Battery drains; 耗电快',
          accessories: [],
          conditionNotes: '',
          backupAck: true,
          exclusion: 'none',
          estimateCents: 0,
          depositCents: 0,
        },
      },
      manager,
    );
    const tp = await harness.api<{ id: number; version: number }>(
      'ticketParts.reserve',
      { ticketId: ticket.id, partId: row!.id },
      manager,
    );
    await harness.api(
      'ticketParts.consume',
      { id: tp.id, version: tp.version, oldSerial: 'OLD-P40-1' },
      manager,
    );
    await inv.openPart('BAT-P40');
    await inv.byTestId('part-return-stock').click();
    // The only fitted line is chosen already; the unit turned out faulty.
    await expect(inv.byTestId('return-stock-line').inputValue()).resolves.toBe(
      `${ticket.number} ×1 · P40-SN-1`,
    );
    await page.getByText('Faulty: set aside for the supplier').click();
    await inv.byTestId('return-stock-reason').fill('DOA 开机即坏');
    await shot('inventory-return-stock-en.png');
    await inv.byTestId('return-stock-reason').press('Enter');
    await inv.byTestId('return-stock').waitFor({ state: 'detached' });
    await inv.byTestId('part-return-stock').waitFor({ state: 'detached' });
    const d = await harness.api<PartDetail>('parts.get', { partId: row!.id }, manager);
    expect(d.units.find((u) => u.serial === 'P40-SN-1')).toMatchObject({ state: 'returned' });
    expect(d.level.onHand).toBe(0);
    expect(d.movements[0]).toMatchObject({ kind: 'return_to_stock', qty: 0, serial: 'P40-SN-1' });
    await inv.closeDrawer();
  });

  it('imports a CSV: the report names the bad line, then the good rows go in', async () => {
    await inv.tab('io');
    await page
      .getByTestId('import-dropzone')
      .locator('input[type=file]')
      .setInputFiles({ name: 'parts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await inv.byTestId('import-report').waitFor();
    await expect(inv.byTestId('import-summary').innerText()).resolves.toBe(
      'parts.csv: 3 rows, 2 good, 1 with problems',
    );
    await expect(inv.byTestId('import-issue-3').innerText()).resolves.toBe(
      'Not a price (use 12.50)',
    );
    await expect(inv.byTestId('import-all').count()).resolves.toBe(0);
    await shot('inventory-import-report-en.png');
    expect(await partBySku('CSV-GLASS')).toBeUndefined();
    await inv.byTestId('import-good').click();
    await expect(inv.byTestId('import-done').innerText()).resolves.toBe('2 parts imported');
    expect(await partBySku('CSV-GLASS')).toMatchObject({ name: '钢化膜 Tempered glass' });
    expect(await partBySku('CSV-TAPE')).toMatchObject({ bin: 'D-02' });
    expect(await partBySku('CSV-SCREW')).toBeUndefined();
  });

  it('exports the parts as a download', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      inv.byTestId('export-parts').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^parts-.*\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^sku,barcodes,name/);
    expect(text).toContain('BAT-P40,6908000000012|6908000000029,P40 电池 Battery');
  });

  it('shows the new screens in Chinese', async () => {
    await shell.switchLanguage('zh');
    await page
      .getByTestId('import-dropzone')
      .locator('input[type=file]')
      .setInputFiles({ name: 'parts2.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByText('不是有效价格（例如 12.50）').waitFor();
    await shot('inventory-import-report-zh.png');
    await inv.tab('suppliers');
    await shot('inventory-suppliers-zh.png');
    await inv.tab('parts');
    await inv.byTestId('part-new').click();
    await inv.byTestId('part-form-save').click();
    await expect(inv.fieldError('part-form-name')).resolves.toBe('必填');
    await shot('inventory-part-form-zh.png');
    await inv.closeModal();
    await inv.tab('orders');
    await inv.byTestId('po-new').click();
    await inv.searchAndPick('po-edit-part', 'CAB', /CAB-USBC/);
    await shot('inventory-po-editor-zh.png');
    await inv.closeModal();
    await inv.openPart('BAT-P40');
    await inv.byTestId('part-return-supplier').click();
    await shot('inventory-return-supplier-zh.png');
    await inv.closeModal();
    await inv.closeDrawer();
    await inv.tab('count');
    await inv.pickOption('count-scope-value', 'B-07');
    await inv.byTestId('count-start').click();
    await inv.byTestId('count-sheet').waitFor();
    await shot('inventory-count-zh.png');
    await shell.switchLanguage('en');
    await page.getByText('Expected', { exact: true }).first().waitFor();
    await shot('inventory-count-en-wide.png');
  });

  it('a counter sees the catalogue but no editing buttons', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-ready').waitFor();
    await signIn.choose(COUNTER.name);
    await signIn.signIn(COUNTER.name, COUNTER.pin);
    await inv.open();
    await inv.byTestId('part-row-BAT-P40').waitFor();
    await expect(inv.byTestId('part-new').count()).resolves.toBe(0);
    await expect(inv.byTestId('inv-tab-io').count()).resolves.toBe(0);
    await inv.openPart('BAT-P40');
    for (const id of ['part-edit', 'part-return-supplier', 'adjust-stock']) {
      await expect(inv.byTestId(id).count()).resolves.toBe(0);
    }
    await inv.closeDrawer();
    await inv.tab('suppliers');
    await inv.byTestId('supplier-list').waitFor();
    await expect(inv.byTestId('supplier-add').count()).resolves.toBe(0);
  });
});
