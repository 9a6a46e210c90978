import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { VirtualScanner } from '../../main/devices/emulator/virtual-scanner';
import { VirtualZplPrinter } from '../../main/devices/emulator/virtual-zpl-printer';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  createStaff,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { IntakePage } from './pages/IntakePage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { waitFor } from './wait';
import { createCanvas } from '@napi-rs/canvas';

/** A small two-tone logo: a black badge with the shop's initials knocked out in white. */
function shopLogo(): Buffer {
  const canvas = createCanvas(360, 120);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#111';
  ctx.beginPath();
  ctx.roundRect(0, 0, 360, 120, 24);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 72px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('SC 维修', 180, 62);
  return canvas.toBuffer('image/png');
}

describe('serial devices with the emulators attached', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let zpl: VirtualZplPrinter;
  let escpos: VirtualEscPosPrinter;
  let scanner: VirtualScanner;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-devices-'));
    zpl = new VirtualZplPrinter(path.join(dir, 'label-printer'), path.join(dir, '.label-dev'), {
      dir: path.join(dir, 'labels'),
      render: true,
    });
    escpos = new VirtualEscPosPrinter(
      path.join(dir, 'receipt-printer'),
      path.join(dir, '.receipt-dev'),
      {
        dir: path.join(dir, 'receipts'),
        render: true,
      },
    );
    scanner = new VirtualScanner(path.join(dir, 'scanner'), path.join(dir, '.scanner-dev'));
    await Promise.all([zpl.plug(), escpos.plug(), scanner.plug()]);
    harness = await startHarness();
    await createStaff(harness, []); // the bootstrap Admin sets TEST_ADMIN's PIN
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await Promise.all([zpl, escpos, scanner].map((d) => d?.unplug()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true });

  async function addDevice(
    kind: 'label_printer' | 'receipt_printer' | 'scanner',
    name: string,
    devicePath: string,
  ) {
    await page.getByTestId('device-add').click();
    const form = page.getByTestId('device-form');
    await form.waitFor();
    await form
      .getByTestId('device-kind')
      .getByText(
        kind === 'scanner'
          ? 'Scanner'
          : kind === 'label_printer'
            ? 'Label printer (ZPL)'
            : 'Receipt printer (ESC/POS)',
      )
      .click();
    await form.getByTestId('device-name').fill(name);
    await form.getByTestId('device-path').fill(devicePath);
    await page.keyboard.press('Escape');
    await form.getByTestId('device-save').click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid^="device-row-"]', { hasText: name });
    await row.locator('[data-state="online"]').waitFor();
  }

  it('an admin adds the three emulated devices by typing their paths; they come online', async () => {
    await new SignInPage(page).open(harness.url);
    await new SignInPage(page).signIn(TEST_ADMIN.name, TEST_ADMIN.pin);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('devices-panel').waitFor();
    await addDevice('label_printer', 'Tag printer', zpl.path);
    await addDevice('receipt_printer', 'Counter receipts', escpos.path);
    await addDevice('scanner', 'Counter scanner', scanner.path);
    // The shop's logo, chosen as a file: receipts print it from now on.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('shop-logo-choose').click();
    await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: shopLogo() });
    await page.getByTestId('shop-logo-image').waitFor();
    await page.getByTestId('devices-panel').scrollIntoViewIfNeeded();
    await page
      .getByTestId('devices-panel')
      .screenshot({ path: path.join(RESULTS_DIR, 'settings-devices-en.png') });
  });

  it('intake in Chromium: the device tag PNG lands in the emulator folder and its barcode reads back', async () => {
    await page.getByTestId('nav-intake').click();
    const intake = new IntakePage(page);
    await intake.ready();
    const number = await intake.takeNew({
      name: '陈静',
      phone: '13700001111',
      brand: 'Apple',
      model: 'iPhone 14',
      imei: '490154203237518',
      problem: '屏幕碎裂，触摸失灵 / cracked screen',
    });
    const png = await waitFor('the rendered device tag', () => {
      const files = fs.existsSync(path.join(dir, 'labels'))
        ? fs.readdirSync(path.join(dir, 'labels'))
        : [];
      const f = files.find((n) => n.endsWith('.png'));
      return f ? path.join(dir, 'labels', f) : null;
    });
    await zpl.settled();
    expect(execFileSync('zbarimg', ['--quiet', '--raw', png], { encoding: 'utf8' }).trim()).toBe(
      number,
    );
    fs.copyFileSync(png, path.join(RESULTS_DIR, 'device-tag-emulator.png'));
    const receipt = await waitFor('the rendered receipt', () => {
      const files = fs.existsSync(path.join(dir, 'receipts'))
        ? fs.readdirSync(path.join(dir, 'receipts'))
        : [];
      const f = files.find((n) => n.endsWith('.png'));
      return f ? path.join(dir, 'receipts', f) : null;
    });
    await escpos.settled();
    fs.copyFileSync(receipt, path.join(RESULTS_DIR, 'intake-receipt-emulator.png'));
    expect(escpos.receipts[0].text).toContain(number);
    expect(escpos.receipts[0].text.split('\n')[0]).toMatch(/^\[image \d+×\d+\]$/);

    // The serial scanner reads the tag: the app takes it like a keyboard-wedge scan.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await scanner.scan(number);
    await page.waitForFunction(
      (n) => document.documentElement.dataset.lastSerialScan === n,
      number,
    );
    // …and opens the ticket on the bench, as a wedge scan of the tag does.
    await page.getByTestId('bench-detail-number').getByText(number, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('bench-detail-number').waitFor({ state: 'hidden' });
  });

  it('the screen decides what a serial scan means: on the parts list it opens the part', async () => {
    const { token } = await harness.api<{ token: string }>('auth.login', TEST_ADMIN);
    await harness.api(
      'parts.save',
      {
        sku: 'SCR-M60P',
        barcodes: ['6900000000011'],
        name: 'Mate 60 Pro OLED 屏幕总成',
        category: 'Phone parts',
        models: ['Mate 60 Pro'],
        bin: 'A-01',
        costCents: 5000,
        priceCents: 12900,
        reorderPoint: 1,
        reorderQty: 5,
      },
      token,
    );
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('parts-search').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await scanner.scan('6900000000011');
    await page.getByTestId('part-detail-sku').getByText('SCR-M60P').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('part-detail').waitFor({ state: 'detached' });
  });

  it('an unplugged printer shows offline; its test print stays queued in the print queue', async () => {
    await page.getByTestId('nav-settings').click();
    await zpl.unplug();
    const row = page.locator('[data-testid^="device-row-"]', { hasText: 'Tag printer' });
    await row.locator('[data-state="offline"]').waitFor();
    await row.getByRole('button', { name: 'Test print' }).click();
    await page.getByText(/Printer “Tag printer” is offline/).waitFor();
    await page.getByTestId('print-queue-open').click();
    await page.getByTestId('print-queue-panel').waitFor();
    await page.getByTestId('print-queue-panel').locator('[data-status="queued"]').first().waitFor();
    await shot('print-queue-en.png');
    await page.keyboard.press('Escape');
    await new ShellPage(page).switchLanguage('zh');
    await page.getByTestId('devices-panel').getByText('离线').waitFor();
    await page
      .getByTestId('devices-panel')
      .screenshot({ path: path.join(RESULTS_DIR, 'settings-devices-zh.png') });
    await page.getByTestId('print-queue-open').click();
    await page.getByTestId('print-queue-panel').waitFor();
    await shot('print-queue-zh.png');
    await page.keyboard.press('Escape');
    await new ShellPage(page).switchLanguage('en');
    // Replugged: the queued test label prints by itself.
    await zpl.plug();
    await waitFor('the test label after replug', () =>
      zpl.labels.find((l) => l.zpl.includes('TEST-')),
    );
  });
});
