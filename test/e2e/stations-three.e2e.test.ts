import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { VirtualScanner } from '../../main/devices/emulator/virtual-scanner';
import { VirtualZplPrinter } from '../../main/devices/emulator/virtual-zpl-printer';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { PINS } from '../helpers/pins';
import { workToReady } from './bench-api';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  createStaff,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { cutLiveLink, keepAway, ownRole } from './live-link';
import { BenchDetailPage } from './pages/BenchDetailPage';
import { BenchPage } from './pages/BenchPage';
import { IntakePage } from './pages/IntakePage';
import { LivePage } from './pages/LivePage';
import { PickupPage } from './pages/PickupPage';
import { ReportsPage } from './pages/ReportsPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { waitFor } from './wait';

/** The bench PC signs in to the server as its own role (see ownRole). */
const BENCH_ROLE = 'bench_pc';
const COUNTER = { name: 'Lin Counter', role: 'counter', pin: PINS.counter };
const TECH = { name: 'Wang Tech', role: 'technician', pin: PINS.technician };
const QC = { name: 'Zhao Inspector', role: 'inspector', pin: PINS.inspector };
const MANAGER = { name: 'Grace Manager', role: 'manager', pin: PINS.manager };

/**
 * A shop of three PCs on one PostgreSQL database, each its own harness process with its own
 * data folder, station name and emulated serial devices: the counter (tag printer, receipt
 * printer), the bench (scanner, a receipt printer of its own that must stay silent) and the
 * office. A walk-in taken at the counter shows on the bench board without a reload; the
 * technician scans its tag on the bench's scanner, which opens it there only, and moves it;
 * the counter's screen follows; the pickup's receipt comes out of the counter's printer once;
 * the office sees the money on the daily report; the bench's link is cut and comes back.
 */
describe.skipIf(!pgAvailable())('three stations, one shop database (PostgreSQL)', () => {
  let cluster: PgCluster;
  let counter: Harness;
  let bench: Harness;
  let office: Harness;
  let dir: string;
  let tagPrinter: VirtualZplPrinter;
  let counterReceipts: VirtualEscPosPrinter;
  let benchReceipts: VirtualEscPosPrinter;
  let benchScanner: VirtualScanner;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let cPage: Page;
  let bPage: Page;
  let oPage: Page;
  let db: pg.Client;
  let number = '';
  const heardOnBench = new Map<string, number>();

  const open = async (
    h: Harness,
    who: { name: string; pin: string },
    before?: (page: Page) => void,
  ) => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    before?.(page);
    const signIn = new SignInPage(page);
    await signIn.open(h.url);
    await signIn.signIn(who.name, who.pin);
    return page;
  };
  const login = async (h: Harness, who: { name: string; pin: string }) =>
    (await h.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  /** The counter's and the bench's screens side by side, as two PCs stand on the counter. */
  const sideBySide = async (name: string) => {
    const [left, right] = await Promise.all(
      [cPage, bPage].map((p) => p.screenshot({ animations: 'disabled' })),
    );
    const ctx = await browser.newContext({ viewport: { width: 1366 * 2 + 16, height: 768 } });
    const page = await ctx.newPage();
    const img = (b: Buffer) => `<img src="data:image/png;base64,${b.toString('base64')}">`;
    await page.setContent(
      `<body style="margin:0;background:#555;display:flex;gap:16px">${img(left)}${img(right)}</body>`,
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, name) });
    await ctx.close();
  };
  const cutBench = () => cutLiveLink(db, bench.dataDir);

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-three-'));
    const at = (f: string) => [path.join(dir, f), path.join(dir, `.${f}-dev`)] as const;
    tagPrinter = new VirtualZplPrinter(...at('counter-tags'), { dir: path.join(dir, 'tags') });
    counterReceipts = new VirtualEscPosPrinter(...at('counter-receipts'), {
      dir: path.join(dir, 'counter-receipts-out'),
    });
    benchReceipts = new VirtualEscPosPrinter(...at('bench-receipts'), {
      dir: path.join(dir, 'bench-receipts-out'),
    });
    benchScanner = new VirtualScanner(...at('bench-scanner'));
    await Promise.all(
      [tagPrinter, counterReceipts, benchReceipts, benchScanner].map((d) => d.plug()),
    );

    cluster = await startPgCluster();
    const url = await freshPgDatabase(cluster, 'three');
    db = new pg.Client({ connectionString: url });
    await db.connect();
    const benchUrl = await ownRole(db, url, BENCH_ROLE);
    counter = await startHarness({ db: url, stationName: 'Counter 1' });
    await createStaff(counter, [COUNTER, TECH, QC, MANAGER]);
    [bench, office] = await Promise.all([
      startHarness({ db: benchUrl, stationName: 'Bench 1' }),
      startHarness({ db: url, stationName: 'Office' }),
    ]);
    // Each PC's admin plugs in its own devices: they belong to the station they are saved on.
    const device = (h: Harness, token: string, kind: string, name: string, p: string) =>
      h.api('hardware.save', { kind, name, path: p }, token);
    const counterAdmin = await login(counter, TEST_ADMIN);
    await device(counter, counterAdmin, 'label_printer', 'Counter tags', tagPrinter.path);
    await device(
      counter,
      counterAdmin,
      'receipt_printer',
      'Counter receipts',
      counterReceipts.path,
    );
    const benchAdmin = await login(bench, TEST_ADMIN);
    await device(bench, benchAdmin, 'scanner', 'Bench scanner', benchScanner.path);
    await device(bench, benchAdmin, 'receipt_printer', 'Bench receipts', benchReceipts.path);

    browser = await launchChromium();
    [cPage, bPage, oPage] = await Promise.all([
      open(counter, COUNTER),
      // when the bench's page hears of a ticket on its event socket: the cross-station trip
      open(bench, TECH, (p) =>
        p.on('websocket', (ws) =>
          ws.on('framereceived', (f) => {
            const m = /"ticket\.created".*"number":"([^"]+)"/.exec(String(f.payload));
            if (m && !heardOnBench.has(m[1])) heardOnBench.set(m[1], Date.now());
          }),
        ),
      ),
      open(office, MANAGER),
    ]);
    for (const p of [cPage, bPage, oPage])
      await p.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await db?.end();
    await Promise.all([office, bench, counter].map((h) => h?.stop()));
    cluster?.stop();
    await Promise.all(
      [tagPrinter, counterReceipts, benchReceipts, benchScanner].map((d) => d?.unplug()),
    );
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a walk-in at the counter shows on the bench board without a reload; its tag prints at the counter', async () => {
    const board = new BenchPage(bPage);
    await board.open();
    await cPage.getByTestId('nav-intake').click();
    const intake = new IntakePage(cPage);
    await intake.ready();
    await intake.newCustomer('周明 Zhou Ming', '13911112222');
    await intake.newDevice('Xiaomi', '14 Pro', '490154203237518');
    await intake.problem('Does not charge; 无法充电');
    // from the counter's Ctrl+Enter: its commit, the trip, the bench board's refetch
    const t0 = Date.now();
    number = await intake.save();
    await board.card(number).waitFor({ timeout: 5_000 });
    const onBoard = Date.now() - t0;
    const onSocket = heardOnBench.get(number)! - t0;
    console.log(
      `three stations: ${number} on the bench's event socket ${onSocket} ms, on its board ${onBoard} ms after the counter's Ctrl+Enter (load ${os.loadavg()[0].toFixed(1)})`,
    );
    // the station-to-station trip; the board's refetch and render are reported above
    expect(onSocket).toBeLessThanOrEqual(1_000);

    // The tag comes out of the counter's label printer; nothing reaches the bench's printer.
    const tag = await waitFor('the tag at the counter', () =>
      tagPrinter.labels.find((l) => l.zpl.includes(number)),
    );
    expect(tag.zpl).toContain(number);
    expect(benchReceipts.receipts).toHaveLength(0);
  });

  it("the bench's scanner opens the ticket on the bench only; the move shows on the counter's screen", async () => {
    const intake = new IntakePage(cPage);
    await intake.nextWalkIn();
    const received = await intake.progress(number);
    expect(received).toMatch(/Received/);

    await new BenchPage(bPage).blur();
    await benchScanner.scan(number);
    const detail = new BenchDetailPage(bPage);
    await detail.waitFor(number, 'received');
    // the counter's screen heard nothing of the bench's scanner
    expect(await cPage.getByTestId('bench-detail').count()).toBe(0);
    expect(await cPage.evaluate(() => document.documentElement.dataset.lastSerialScan)).toBe(
      undefined,
    );
    await detail.pressMove('d', 'diagnosing');
    const status = cPage.getByTestId('progress-status');
    await cPage.waitForFunction(
      (before) =>
        (document.querySelector('[data-testid="progress-status"]')?.textContent ?? '').trim() !==
        before,
      received,
      { timeout: 5_000 },
    );
    expect(await status.textContent()).toBe('Diagnosing');
    await sideBySide('three-stations-en.png');

    // The same two screens in Chinese: the technician closes the drawer (it covers the
    // language switch), switches, and scans the tag again.
    await bPage.keyboard.press('Escape');
    await detail.root().waitFor({ state: 'detached' });
    for (const p of [cPage, bPage]) await new ShellPage(p).switchLanguage('zh');
    await cPage.getByTestId('progress-status').getByText('检测中').waitFor();
    await benchScanner.scan(number);
    await detail.waitFor(number, 'diagnosing');
    await sideBySide('three-stations-zh.png');
    await bPage.keyboard.press('Escape');
    await detail.root().waitFor({ state: 'detached' });
    for (const p of [cPage, bPage]) await new ShellPage(p).switchLanguage('en');
  });

  it("the pickup's receipt comes out of the counter's printer, once; the office sees the money", async () => {
    const id = (
      await counter.api<{ ticket: { id: number } }>(
        'pickup.lookup',
        { number },
        await login(counter, COUNTER),
      )
    ).ticket.id;
    await workToReady(
      bench,
      {
        counter: await login(bench, COUNTER),
        tech: await login(bench, TECH),
        qc: await login(bench, QC),
      },
      id,
      {
        cause: 'Charging port corroded',
        estimate: [
          { kind: 'labour', description: 'Replace charging port', unitCents: 8000 },
          { kind: 'part', description: 'USB-C charging port', unitCents: 12000 },
        ],
      },
    );
    const receiptsBefore = counterReceipts.receipts.length;
    const pickup = new PickupPage(cPage);
    await pickup.open();
    await pickup.find(number);
    const due = await pickup.due();
    await pickup.setPayment(0, 'Cash', due);
    await pickup.sign();
    await pickup.complete();
    const invoice = /INV-\d+/.exec(await cPage.getByTestId('pickup-done').innerText())![0];

    const printed = await waitFor('the pickup receipt at the counter', () =>
      counterReceipts.receipts.slice(receiptsBefore).find((r) => r.text.includes(invoice)),
    );
    expect(printed.text).toContain(number);
    // Give a wrongly routed job time to print before saying none did: the bench's worker
    // polls its queue every few hundred ms.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(counterReceipts.receipts.filter((r) => r.text.includes(invoice))).toHaveLength(1);
    expect(benchReceipts.receipts).toHaveLength(0);
    const jobs = await db.query<{ station: string; status: string }>(
      `SELECT s.name AS station, j.status FROM print_job j JOIN station s ON s.id = j.station_id
       WHERE j.kind = 'pickup_receipt'`,
    );
    expect(jobs.rows).toEqual([{ station: 'Counter 1', status: 'done' }]);

    const reports = new ReportsPage(oPage);
    await reports.open();
    await reports.tab('daily');
    await expect(reports.stat('stat-taken').innerText()).resolves.toBe(due);
    await oPage.screenshot({
      path: path.join(RESULTS_DIR, 'three-stations-office-en.png'),
      animations: 'disabled',
    });
  });

  it("the bench's link to the database is cut: it says it is reconnecting, then comes back without a reload", async () => {
    const live = new LivePage(bPage);
    const board = new BenchPage(bPage);
    await bPage.keyboard.press('Escape');
    await board.open();
    // kept from connecting again until the screens are checked, however slow the machine
    await keepAway(db, BENCH_ROLE, true);
    try {
      expect(await cutBench()).toBe(1);
      await live.banner().waitFor({ timeout: 5_000 });
      expect(await live.readOnly()).toBe(true);
      await sideBySide('three-stations-reconnecting-en.png');
    } finally {
      await keepAway(db, BENCH_ROLE, false);
    }
    await live.banner().waitFor({ state: 'detached', timeout: 20_000 });
    expect(await live.readOnly()).toBe(false);
    for (const p of [cPage, bPage, oPage])
      expect(await p.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });
});
