import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PartRow } from '../../main/api/contract';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { InventoryPage } from './pages/InventoryPage';

const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '3579' };
const HEADER = 'sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty';
/** About 3.5 MB: the screen sends it in four 1 MiB slices. */
const ROWS = 46_000;
const BIG = Buffer.from(
  [
    HEADER,
    ...Array.from(
      { length: ROWS },
      (_, i) =>
        `BULK-${i + 1},69099${String(i + 1).padStart(8, '0')},批量配件 Bulk part ${i + 1},Bulk,,B-${i % 50},1.00,2.50,0,0`,
    ),
  ].join('\n'),
);

describe('a big parts CSV imported on the screen', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let inv: InventoryPage;
  let manager: string;
  const slices: number[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [MANAGER]);
    manager = (
      await harness.api<{ token: string }>('auth.login', { name: MANAGER.name, pin: MANAGER.pin })
    ).token;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(60_000);
    page.on('request', (r) => {
      if (r.url().endsWith('/api/parts.importUpload')) slices.push(r.postData()?.length ?? 0);
    });
    await new SignInPage(page).open(harness.url);
    await new SignInPage(page).signIn(MANAGER.name, MANAGER.pin);
    inv = new InventoryPage(page);
    await inv.open();
    await inv.tab('io');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('sends the file in slices with progress, checks it, and imports every row', async () => {
    expect(BIG.length).toBeGreaterThan(3 * 1024 * 1024); // four slices or more
    await inv.chooseImportFile('bulk.csv', BIG);
    await inv.byTestId('import-progress').waitFor();
    await expect(inv.byTestId('import-progress-text').innerText()).resolves.toMatch(
      /^(Sending bulk\.csv: \d+%|Checking every row of bulk\.csv…)$/,
    );
    await shot('parts-import-progress-en.png');
    await inv.byTestId('import-report').waitFor({ timeout: 120_000 });
    // 1 MiB slices: no request carried the whole file.
    expect(slices.length).toBe(Math.ceil(BIG.length / (1024 * 1024)));
    expect(Math.max(...slices)).toBeLessThan(1.5 * 1024 * 1024);
    await expect(inv.byTestId('import-summary').innerText()).resolves.toBe(
      `bulk.csv: ${ROWS} rows, ${ROWS} good, 0 with problems`,
    );
    await inv.byTestId('import-all').click();
    await inv.byTestId('import-done').waitFor({ timeout: 180_000 });
    await expect(inv.byTestId('import-done').innerText()).resolves.toBe(`${ROWS} parts imported`);
    const last = await harness.api<{ rows: PartRow[] }>(
      'parts.list',
      { q: `BULK-${ROWS}` },
      manager,
    );
    expect(last.rows.map((r) => r.sku)).toContain(`BULK-${ROWS}`);
  }, 300_000);

  it('the same file again: every row is already there, nothing to import', async () => {
    await inv.chooseImportFile('bulk.csv', BIG);
    await inv.byTestId('import-report').waitFor({ timeout: 120_000 });
    await expect(inv.byTestId('import-already').innerText()).resolves.toBe(
      `${ROWS} rows are already in the catalogue and are skipped.`,
    );
    await expect(inv.byTestId('import-all').isDisabled()).resolves.toBe(true);
    await shot('parts-import-already-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await inv.byTestId('import-already').getByText('行已在配件目录中，将跳过').waitFor();
    await shot('parts-import-already-zh.png');
  }, 300_000);
});
