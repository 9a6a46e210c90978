/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seed } from '../../main/cli/seed';
import { seedParts } from '../../main/cli/seed-parts';
import { DB_FILE } from '../../main/db/data-source';
import { VirtualScanner } from '../../main/devices/emulator/virtual-scanner';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { BenchPage } from './pages/BenchPage';
import { BenchDetailPage } from './pages/BenchDetailPage';
import { PickupPage } from './pages/PickupPage';
import { ReportsPage } from './pages/ReportsPage';

/**
 * The bench on a seeded shop (issue 11, blockers 1 and 2), walked as a technician does: more
 * open tickets than the old 300-ticket board held, parts with stock, barcodes and serial units.
 */
const TECH = { name: 'Bench Tech', role: 'technician', pin: '3838' };
const MANAGER = { name: 'Bench Manager', role: 'manager', pin: '4848' };
const COUNTER = { name: 'Bench Counter', role: 'counter', pin: '5858' };

interface PartPick {
  id: number;
  sku: string;
  code: string;
}

describe('the bench on a seeded shop', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let shell: ShellPage;
  let bench: BenchPage;
  let detail: BenchDetailPage;
  let db: Database.Database;
  let tech: string;
  let ticket: { id: number; number: string };
  let mouse: PartPick;
  let keyboard: PartPick;
  let scanned: PartPick;
  let serialPart: PartPick;
  let scanner: VirtualScanner;
  let ptyDir: string;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  const onHand = (id: number) =>
    (
      db.prepare('SELECT on_hand AS n FROM stock_balance WHERE part_id = ?').get(id) as {
        n: number;
      }
    ).n;
  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  /** Presses "Show more" until the column has none left; returns the cards it then holds. */
  const allCards = async (status: string) => {
    const more = page.getByTestId(`bench-more-${status}`);
    while (await more.isVisible()) {
      const before = await bench.column(status).locator('[data-testid^="bench-card-"]').count();
      // Scrolling the button into view may load the next page by itself (the column loads more
      // at its end) and take the button away: then there is nothing left to click.
      await more.click({ timeout: 5_000 }).catch(() => undefined);
      await page.waitForFunction(
        ([s, n]) =>
          document.querySelectorAll(
            `[data-testid="bench-column-${s}"] [data-testid^="bench-card-"]`,
          ).length > Number(n) || !document.querySelector(`[data-testid="bench-more-${s}"]`),
        [status, before],
      );
    }
    return bench.column(status).locator('[data-testid^="bench-card-"]');
  };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-shop-'));
    await seed({ dataDir, tickets: 20_000, seed: 5 });
    await seedParts({ dataDir, parts: 80, movements: 8_000, seed: 5 });
    // A serial scanner on a pty: its codes reach the screen through the scan bus.
    ptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-scan-'));
    scanner = new VirtualScanner(path.join(ptyDir, 'scanner'), path.join(ptyDir, '.scanner-dev'));
    await scanner.plug();
    harness = await startHarness({ dataDir });
    const admin = await createStaff(harness, [TECH, MANAGER, COUNTER]);
    await harness.api(
      'hardware.save',
      { kind: 'scanner', name: 'Bench scanner', path: scanner.path },
      admin,
    );
    db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
    const plain = db
      .prepare(
        `SELECT p.id, p.sku, (SELECT min(code) FROM part_barcode WHERE part_id = p.id) AS code
         FROM part p JOIN stock_balance b ON b.part_id = p.id
         WHERE p.active = 1 AND p.serial_tracked = 0 AND b.on_hand - b.reserved >= 3
           AND EXISTS (SELECT 1 FROM part_barcode WHERE part_id = p.id)
         ORDER BY p.sku LIMIT 3`,
      )
      .all() as PartPick[];
    [mouse, keyboard, scanned] = plain;
    serialPart = db
      .prepare(
        `SELECT p.id, p.sku, (SELECT min(code) FROM part_barcode WHERE part_id = p.id) AS code
         FROM part p JOIN stock_balance b ON b.part_id = p.id
         WHERE p.active = 1 AND p.serial_tracked = 1 AND b.on_hand - b.reserved >= 1
           AND EXISTS (SELECT 1 FROM serial_unit u WHERE u.part_id = p.id AND u.state = 'in_stock')
           AND EXISTS (SELECT 1 FROM part_barcode WHERE part_id = p.id)
         ORDER BY p.sku LIMIT 1`,
      )
      .get() as PartPick;
    expect([mouse, keyboard, scanned, serialPart].every(Boolean)).toBe(true);
    tech = await login(TECH);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(45_000);
    signIn = new SignInPage(page);
    shell = new ShellPage(page);
    bench = new BenchPage(page);
    detail = new BenchDetailPage(page);
  });

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await harness?.stop();
    await scanner?.unplug();
    if (ptyDir) fs.rmSync(ptyDir, { recursive: true, force: true });
  });

  it('shows a brand-new intake first in Received, with more open tickets than 300', async () => {
    const open = (
      db
        .prepare("SELECT count(*) AS n FROM ticket WHERE status NOT IN ('collected', 'cancelled')")
        .get() as { n: number }
    ).n;
    expect(open).toBeGreaterThan(300);
    const counter = await login(COUNTER);
    const r = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      {
        idempotencyKey: 'bench-shop-new',
        customer: { name: '新顾客 Zhang', phone: '13912345678', channel: 'our_store' },
        device: {
          type: 'phone',
          brand: 'Huawei',
          model: 'Mate 60 Pro',
          purchaseDate: '2020-03-01',
          proof: 'invoice',
        },
        ticket: {
          category: 'fault',
          priority: 'normal',
          serviceMode: 'carry_in',
          problem: 'Does not charge',
          accessories: [],
          conditionNotes: '',
          backupAck: true,
          passcode: '246810',
          exclusion: 'none',
          estimateCents: 0,
          depositCents: 0,
        },
      },
      counter,
    );
    ticket = r.ticket;

    await signIn.open(harness.url);
    await signIn.signIn(TECH.name, TECH.pin);
    await bench.open();
    const received = bench.column('received');
    await expect(
      received.locator('[data-testid^="bench-card-"]').first().getAttribute('data-testid'),
    ).resolves.toBe(`bench-card-${ticket.number}`);
    await expect(page.getByTestId('bench-total').innerText()).resolves.toContain(String(open + 1));
  });

  it('counts in every column the cards a person can reach', async () => {
    const counts = db
      .prepare(
        "SELECT status, count(*) AS n FROM ticket WHERE status NOT IN ('collected', 'cancelled') GROUP BY status",
      )
      .all() as Array<{ status: string; n: number }>;
    const busiest = [...counts].sort((a, b) => b.n - a.n)[0];
    expect(busiest.n).toBeGreaterThan(25); // more than the first page, so paging is exercised
    for (const status of ['received', busiest.status]) {
      const badge = Number(await page.getByTestId(`bench-count-${status}`).innerText());
      const cards = await allCards(status);
      await expect(cards.count()).resolves.toBe(badge);
    }
    // At 1366×768 nothing on a card or a column header is cut: each card fits its column, the
    // ticket number and its due time are never clipped, every badge shows its whole label.
    const cut = await page.evaluate(() => {
      const bad: string[] = [];
      for (const col of document.querySelectorAll('[data-testid^="bench-column-"]')) {
        const right = col.getBoundingClientRect().right;
        for (const card of col.querySelectorAll<HTMLElement>('[data-testid^="bench-card-"]')) {
          if (card.getBoundingClientRect().right > right + 0.5)
            bad.push(`${card.dataset.testid} overflows`);
          const number = card.querySelector<HTMLElement>('.mantine-Text-root');
          if (number && number.scrollWidth > number.clientWidth)
            bad.push(`${card.dataset.testid} number`);
          const due = card.querySelector<HTMLElement>('[data-testid="due-time"]');
          if (due && due.scrollWidth > due.clientWidth)
            bad.push(`${card.dataset.testid} due "${due.textContent}"`);
        }
        for (const label of col.querySelectorAll<HTMLElement>('.mantine-Badge-label')) {
          if (label.scrollWidth > label.clientWidth) bad.push(`badge "${label.textContent}"`);
        }
      }
      return bad;
    });
    expect(cut).toEqual([]);
    const ready = counts.find((c) => c.status === busiest.status)!.n;
    await expect(page.getByTestId(`bench-count-${busiest.status}`).innerText()).resolves.toBe(
      String(ready),
    );
  });

  it('shows a ticket the technician just sent to quality check in the QC column', async () => {
    // Complaints and repeat repairs are always checked, so the move cannot skip QC.
    const t = db
      .prepare(
        `SELECT id, number FROM ticket WHERE status = 'in_repair'
           AND (category = 'complaint' OR repeat_of_id IS NOT NULL) ORDER BY promised_at DESC LIMIT 1`,
      )
      .get() as { id: number; number: string };
    const qcBefore = Number(await page.getByTestId('bench-count-quality_check').innerText());
    await bench.blur();
    await bench.scan(t.number);
    await detail.waitFor(t.number, 'in_repair');
    await detail.pressMove('q', 'quality_check');
    await detail.close();
    await expect
      .poll(async () => Number(await page.getByTestId('bench-count-quality_check').innerText()), {
        timeout: 30_000,
      })
      .toBe(qcBefore + 1);
    const cards = await allCards('quality_check');
    await expect(cards.count()).resolves.toBe(qcBefore + 1);
    await bench.card(t.number).waitFor();
  });

  it('reserves a part picked with the mouse and fits it with the old serial (EN)', async () => {
    await bench.blur();
    await bench.scan(ticket.number);
    await detail.waitFor(ticket.number, 'received');
    // The drawer opens at the top, the passcode masked; a reveal shows it and is audited.
    const scrolled = await page.evaluate(
      () => document.querySelector('.mantine-Drawer-content')?.scrollTop ?? -1,
    );
    expect(scrolled).toBe(0);
    await detail.byTestId('bench-status').waitFor();
    const passcode = detail.byTestId('bench-passcode');
    await expect(passcode.getByTestId('passcode-value').innerText()).resolves.toBe('••••••');
    await passcode.getByTestId('passcode-reveal').click();
    await passcode.getByTestId('passcode-value').getByText('246810').waitFor();
    const reveals = db
      .prepare(
        "SELECT count(*) AS n FROM audit_entry WHERE action = 'tickets.revealPasscode' AND entity_id = ?",
      )
      .get(String(ticket.id)) as { n: number };
    expect(reveals.n).toBe(1);
    await passcode.getByTestId('passcode-hide').click();
    await expect(passcode.getByTestId('passcode-value').innerText()).resolves.toBe('••••••');
    const before = onHand(mouse.id);
    // A prefix lists several parts; the person clicks the one they want.
    await detail.pickPartWithMouse(mouse.sku.slice(0, -1), mouse.sku);
    await expect(detail.partsSearch().inputValue()).resolves.toMatch(new RegExp(`^${mouse.sku} `));
    const reserve = detail.byTestId('parts-reserve');
    await expect(reserve.isEnabled()).resolves.toBe(true);
    await reserve.click();
    await detail.partState(mouse.sku, 'reserved');
    await detail.fitPart(mouse.sku, 'OLD-A-0001');
    await detail.partState(mouse.sku, 'consumed');
    await expect(detail.partLine(mouse.sku).innerText()).resolves.toContain('OLD-A-0001');
    expect(onHand(mouse.id)).toBe(before - 1);
    await detail.root().locator('[data-testid="parts-panel"]').scrollIntoViewIfNeeded();
    await shot('bench-parts-fitted-en.png');
    await detail.close();
  });

  it('picks with the keyboard, reserves with Enter, reserves wedge and serial scans, fits a serial part (ZH)', async () => {
    await shell.switchLanguage('zh');
    await bench.blur();
    await bench.scan(ticket.number);
    await detail.waitFor(ticket.number, 'received');

    await detail.pickPartWithKeyboard(keyboard.sku, keyboard.sku);
    await expect(detail.partsSearch().inputValue()).resolves.toMatch(
      new RegExp(`^${keyboard.sku} `),
    );
    await page.keyboard.press('Enter'); // a second Enter reserves the picked part
    await detail.partState(keyboard.sku, 'reserved');
    await expect(detail.partsSearch().inputValue()).resolves.toBe('');

    // A keyboard-wedge scan of a part's barcode, with focus outside any field.
    const scannedBefore = onHand(scanned.id);
    await bench.blur();
    await bench.scan(scanned.code);
    await detail.partState(scanned.sku, 'reserved');
    expect(onHand(scanned.id)).toBe(scannedBefore); // reserved, not yet taken from the shelf

    // The serial scanner reads a serial-tracked part's barcode (through the scan bus); fitting
    // that part asks for the removed part's serial.
    const serialBefore = onHand(serialPart.id);
    await scanner.scan(serialPart.code);
    await page.waitForFunction(
      (c) => document.documentElement.dataset.lastSerialScan === c,
      serialPart.code,
    );
    await detail.partState(serialPart.sku, 'reserved');
    await detail.fitPart(serialPart.sku, '');
    const error = page.getByRole('dialog').locator('.mantine-TextInput-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]/); // translated, not a key
    await page.getByTestId('part-old-serial').pressSequentially('SN-OLD-77', { delay: 15 });
    await page.getByTestId('part-old-serial').press('Enter');
    await detail.partState(serialPart.sku, 'consumed');
    expect(onHand(serialPart.id)).toBe(serialBefore - 1);
    await detail.root().locator('[data-testid="parts-panel"]').scrollIntoViewIfNeeded();
    await shot('bench-parts-fitted-zh.png');
    await detail.close();

    const lines = await harness.api<
      Array<{ sku: string; state: string; oldSerial: string | null }>
    >('ticketParts.list', { ticketId: ticket.id }, tech);
    expect(lines.map((l) => [l.sku, l.state, l.oldSerial]).sort()).toEqual(
      [
        [mouse.sku, 'consumed', 'OLD-A-0001'],
        [keyboard.sku, 'reserved', null],
        [scanned.sku, 'reserved', null],
        [serialPart.sku, 'consumed', 'SN-OLD-77'],
      ].sort(),
    );
  });

  it("shows the fitted parts under the daily report's parts used", async () => {
    await shell.switchLanguage('en');
    await signIn.switchTo(MANAGER);
    const reports = new ReportsPage(page);
    await reports.open();
    await reports.tab('daily');
    const parts = reports.byTestId('daily-parts');
    await parts.getByText(mouse.sku, { exact: true }).waitFor();
    await parts.getByText(serialPart.sku, { exact: true }).waitFor();
    await expect(parts.getByText(keyboard.sku, { exact: true }).count()).resolves.toBe(0);
  });

  it('offers the message for where the ticket stands, not "ready for pickup"', async () => {
    const pickup = new PickupPage(page);
    await pickup.open();
    await pickup.find(ticket.number);
    const template = page.getByTestId('messages-card').getByTestId('messages-template');
    await expect(template.inputValue()).resolves.toBe('In progress');
    await expect
      .poll(() => page.getByTestId('message-text').inputValue(), { timeout: 30_000 })
      .toMatch(new RegExp(`we are working on your .*\\(ticket ${ticket.number}\\)`));
  });
});
