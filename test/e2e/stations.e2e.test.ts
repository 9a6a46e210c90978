import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { PrintQueuePage } from './pages/PrintQueuePage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { StationsPage } from './pages/StationsPage';

/**
 * Stations as a manager meets them: asked once to name this PC after signing in, Settings →
 * Stations in English and Chinese (this station and another PC that is not running), and a
 * receipt waiting for that other PC sent to this station's printer from the print queue.
 */
describe('stations (EN/ZH)', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let stations: StationsPage;
  let db: Database.Database;
  let waitingJob: number;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // A new PC: nobody has named it yet.
    harness = await startHarness({ stationName: null });
    await createStaff(harness, [{ name: 'Lin Manager', role: 'manager', pin: '4680' }]);
    const me = JSON.parse(fs.readFileSync(path.join(harness.dataDir, 'station.json'), 'utf8')) as {
      id: string;
    };
    db = new Database(path.join(harness.dataDir, 'workstation.sqlite'));
    db.pragma('busy_timeout = 5000');
    // Another PC of the shop, last seen 10 minutes ago, with its receipt printer and a receipt
    // that waits for it; this PC has a receipt printer too (not plugged in).
    const seen = Date.now() - 600_000;
    db.prepare(
      `INSERT INTO station (id, name, app_version, default_printers, created_at, last_seen_at) VALUES ('bench-2', 'Bench 2', '0.1.0', '{}', ?, ?)`,
    ).run(seen, seen);
    const printer = db.prepare(
      `INSERT INTO peripheral (kind, name, path, baud_rate, data_bits, parity, stop_bits, options, enabled, created_at, updated_at, station_id)
       VALUES ('receipt_printer', ?, ?, 9600, 8, 'none', 1, '{"paperMm":80}', ?, 0, 0, ?)`,
    );
    printer.run('Bench receipts', '/dev/ttyBENCH2', 1, 'bench-2');
    // Not plugged in: the re-routed job stays in the queue, now for this station.
    printer.run('Counter receipts', '/dev/ttyNONE', 1, me.id);
    const doc = {
      kind: 'receipt',
      widthMm: 80,
      lines: [{ type: 'text', text: 'Receipt for bench' }],
    };
    waitingJob = Number(
      db
        .prepare(
          `INSERT INTO print_job (kind, payload, status, idempotency_key, attempts, created_at, updated_at, station_id)
           VALUES ('pickup_receipt', ?, 'queued', 'e2e-bench-2', 0, ?, ?, 'bench-2')`,
        )
        .run(JSON.stringify(doc), seen, seen).lastInsertRowid,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(45_000);
    stations = new StationsPage(page);
  }, 180_000);

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await harness?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, name) });

  it('asks the manager once to name this new station; Enter saves it', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn('Lin Manager', '4680');
    await stations.nameInput().waitFor();
    await shot('stations-name-prompt-en.png');
    await stations.nameThisStation('Front counter');
    await page.getByText('This station is now “Front counter”.').waitFor();
    const file = JSON.parse(fs.readFileSync(path.join(harness.dataDir, 'station.json'), 'utf8'));
    expect(file).toMatchObject({ name: 'Front counter', named: true });
    // Asked once: a reload does not ask again.
    await page.reload();
    await page.getByTestId('nav-settings').waitFor();
    await page.waitForTimeout(1500);
    expect(await stations.nameInput().count()).toBe(0);
  });

  it('Settings → Stations lists this station and the other PC, in English and in Chinese', async () => {
    await stations.open();
    const mine = stations.row('Front counter');
    await mine.waitFor();
    await expect(mine.innerText()).resolves.toMatch(/This station[\s\S]*Running[\s\S]*0\.1\.0/i);
    const other = stations.row('Bench 2');
    await expect(other.innerText()).resolves.toMatch(/Not running[\s\S]*1\d minutes ago/i);
    await stations.panel().scrollIntoViewIfNeeded();
    await shot('stations-settings-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await stations.panel().getByText('工作站', { exact: true }).waitFor();
    await expect(mine.innerText()).resolves.toMatch(/本工作站[\s\S]*运行中/);
    await expect(other.innerText()).resolves.toMatch(/未运行[\s\S]*1\d 分钟前/);
    await shot('stations-settings-zh.png');
    await new ShellPage(page).switchLanguage('en');
  });

  it("a receipt waiting for the other PC shows its name in the queue; the manager sends it to this station's printer", async () => {
    const queue = new PrintQueuePage(page);
    await queue.open();
    const row = page.getByTestId(`print-job-${waitingJob}`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('Prints at Bench 2 (not running)');
    await page.getByTestId(`job-reroute-${waitingJob}`).click();
    await page.getByRole('option', { name: /Counter receipts · Front counter/ }).waitFor();
    await shot('stations-reroute-en.png');
    // keyboard-first: a few letters of the station, Enter
    await page.keyboard.type('front');
    await expect(page.getByRole('option').count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.getByText(`Job #${waitingJob} sent to Counter receipts (Front counter).`).waitFor();
    await expect
      .poll(() => row.innerText(), { timeout: 30_000 })
      .toContain('Prints at Front counter');
    const audit = db
      .prepare(
        `SELECT details FROM audit_entry WHERE action = 'printJobs.reroute' AND outcome = 'success'`,
      )
      .get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ fromStation: 'bench-2' });
    await shot('stations-rerouted-en.png');
  });
});
