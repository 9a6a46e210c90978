import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { InventoryPage } from './pages/InventoryPage';
import { BenchDetailPage } from './pages/BenchDetailPage';

const TECH = { name: 'Wang Tech', role: 'technician', pin: '3579' };
const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2468' };

const partInput = (
  sku: string,
  name: string,
  barcode: string,
  extra: Record<string, unknown> = {},
) => ({
  sku,
  barcodes: [barcode],
  name,
  category: 'Phone parts',
  models: ['Mate 60 Pro'],
  bin: 'A-01',
  costCents: 5000,
  priceCents: 12900,
  reorderPoint: 1,
  reorderQty: 5,
  ...extra,
});

describe('spare parts in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let shell: ShellPage;
  let inv: InventoryPage;
  let manager: string;
  const ids: Record<string, number> = {};
  let ticket: { id: number; number: string };
  let poId: number;

  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true, animations: 'disabled' });
  const level = (sku: string) =>
    harness.api<{ onHand: number; reserved: number; available: number }>(
      'stock.level',
      { partId: ids[sku] },
      manager,
    );
  const switchUser = async (who: { name: string; pin: string }) => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-ready').waitFor();
    await signIn.choose(who.name);
    await signIn.signIn(who.name, who.pin);
  };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [TECH, MANAGER]);
    manager = await login(MANAGER);
    const supplier = await harness.api<{ id: number }>(
      'suppliers.save',
      { name: '深圳华强配件' },
      manager,
    );
    for (const [sku, name, code, extra] of [
      ['SCR-M60P', 'Mate 60 Pro OLED 屏幕总成', '6900000000011', {}],
      ['BAT-M60P', 'Mate 60 Pro 电池 Battery', '6900000000028', { serialTracked: true }],
      ['CAB-USBC', 'USB-C 充电线 cable', '6900000000035', { models: [], priceCents: 3900 }],
    ] as const) {
      ids[sku] = (
        await harness.api<{ id: number }>(
          'parts.save',
          { ...partInput(sku, name, code, extra), supplierId: supplier.id },
          manager,
        )
      ).id;
    }
    // Five cables already on the shelf (counted later), and an order for screens and a battery.
    await harness.api(
      'stock.adjust',
      { partId: ids['CAB-USBC'], qty: 5, reason: 'opening stock' },
      manager,
    );
    const po = await harness.api<{ id: number; version: number }>(
      'po.create',
      {
        supplierId: supplier.id,
        lines: [
          { partId: ids['SCR-M60P'], qty: 2 },
          { partId: ids['BAT-M60P'], qty: 1 },
        ],
      },
      manager,
    );
    await harness.api('po.order', { id: po.id, version: po.version }, manager);
    poId = po.id;
    const r = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      {
        idempotencyKey: 'inv-e2e-1',
        customer: { name: '王小明', phone: '13800000009', channel: 'our_store' },
        device: {
          type: 'phone',
          brand: 'Huawei',
          model: 'Mate 60 Pro',
          purchaseDate: '2025-03-01',
          proof: 'invoice',
        },
        ticket: {
          category: 'fault',
          priority: 'normal',
          serviceMode: 'carry_in',
          problem: 'Battery swells; 电池鼓包',
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
    ticket = r.ticket;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
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

  it('receives a purchase order by scanning barcodes and the battery’s serial', async () => {
    await inv.open();
    await inv.tab('receive');
    await inv.pickOption('receive-po', 'PO-000001 · 深圳华强配件 · Ordered');
    await inv.scanInto('receive-scan', '6900000000011');
    await inv.scanInto('receive-scan', '6900000000011');
    await inv.scanInto('receive-scan', '6900000000028');
    await inv
      .byTestId('receive-scan')
      .page()
      .getByText('Scan the serial of BAT-M60P')
      .first()
      .waitFor();
    await inv.scanInto('receive-scan', 'BAT-SN-0001');
    await expect(inv.byTestId('receive-now-SCR-M60P').innerText()).resolves.toBe('2');
    await expect(inv.byTestId('receive-now-BAT-M60P').innerText()).resolves.toBe('1');
    await inv.byTestId('receive-submit').click();
    await page.getByText('Goods received on PO-000001').waitFor();
    await expect(
      harness.api<{ status: string }>('po.get', { id: poId }, manager),
    ).resolves.toMatchObject({ status: 'received' });
    await expect(level('SCR-M60P')).resolves.toMatchObject({ onHand: 2 });
    await expect(level('BAT-M60P')).resolves.toMatchObject({ onHand: 1 });
  });

  it('a technician reserves the battery on the ticket and fits it, recording the removed battery’s serial', async () => {
    await switchUser(TECH);
    await page.getByTestId('nav-bench').click();
    await page.getByTestId(`bench-card-${ticket.number}`).click();
    const panel = page.getByTestId('parts-panel');
    await panel.waitFor();
    await page.getByTestId('parts-search-ticket').click();
    await page.getByRole('option', { name: /BAT-M60P/ }).click();
    await page.getByTestId('parts-reserve').click();
    const line = page.getByTestId('ticket-part-BAT-M60P');
    await page.locator('[data-testid="ticket-part-BAT-M60P"][data-state="reserved"]').waitFor();
    await expect(line.innerText()).resolves.toContain('BAT-SN-0001');
    await expect(level('BAT-M60P')).resolves.toMatchObject({
      onHand: 1,
      reserved: 1,
      available: 0,
    });
    // The part's price is on the estimate now.
    await page
      .getByTestId('estimate-panel')
      .getByText('Mate 60 Pro 电池 Battery (BAT-M60P)')
      .waitFor();

    await page.getByTestId('part-fit-BAT-M60P').click();
    await page.getByTestId('part-old-serial').fill('OLD-HW-778899');
    await page.getByTestId('part-fit-confirm').click();
    await page.locator('[data-testid="ticket-part-BAT-M60P"][data-state="consumed"]').waitFor();
    await expect(line.innerText()).resolves.toContain('OLD-HW-778899');
    await expect(level('BAT-M60P')).resolves.toMatchObject({ onHand: 0, reserved: 0 });
    const parts = await harness.api<Array<{ oldSerial: string; serial: string }>>(
      'ticketParts.list',
      { ticketId: ticket.id },
      manager,
    );
    expect(parts).toEqual([
      expect.objectContaining({ serial: 'BAT-SN-0001', oldSerial: 'OLD-HW-778899' }),
    ]);
    await new BenchDetailPage(page).close();
  });

  it('counts bin A-01 with one variance, which the manager approves', async () => {
    await switchUser(MANAGER);
    await inv.open();
    await inv.tab('count');
    await inv.pickOption('count-scope-value', 'A-01');
    await inv.byTestId('count-start').click();
    await inv.byTestId('count-sheet').waitFor();
    await inv.scanInto('count-scan', '6900000000011');
    await inv.scanInto('count-scan', '6900000000011');
    for (let i = 0; i < 4; i++) await inv.scanInto('count-scan', '6900000000035');
    await page.locator('[data-testid="count-variance-SCR-M60P"]', { hasText: /^0$/ }).waitFor();
    await page.locator('[data-testid="count-variance-CAB-USBC"]', { hasText: '-1' }).waitFor();
    await expect(inv.byTestId('count-variance-BAT-M60P').innerText()).resolves.toBe('0');
    await shot('inventory-count-en.png');
    await inv.byTestId('count-approve').click();
    await page.locator('[data-testid="count-sheet"][data-status="approved"]').waitFor();
    await expect(level('CAB-USBC')).resolves.toMatchObject({ onHand: 4 });
    await expect(level('SCR-M60P')).resolves.toMatchObject({ onHand: 2 });
  });

  it('shows the parts list and a part’s history in English and Chinese', async () => {
    await inv.tab('parts');
    await inv.byTestId('part-row-BAT-M60P').waitFor();
    await shot('inventory-parts-en.png');
    await inv.openPart('BAT-M60P');
    await inv.byTestId('movement-history').getByText('Removed part: OLD-HW-778899').waitFor();
    await shot('inventory-history-en.png');
    await inv.closeDrawer();
    await shell.switchLanguage('zh');
    await inv.byTestId('parts-search').fill('');
    await page.getByText('共 3 个备件').waitFor();
    await shot('inventory-parts-zh.png');
    await inv.openPart('BAT-M60P');
    await inv.byTestId('movement-history').getByText('拆下旧件：OLD-HW-778899').waitFor();
    await shot('inventory-history-zh.png');
    await inv.closeDrawer();
    await shell.switchLanguage('en');
  });
});
