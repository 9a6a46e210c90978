import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { IntakePage } from './pages/IntakePage';
import { PrintQueuePage } from './pages/PrintQueuePage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

/** A shop with no serial printer at all: the print queue is how the customer gets a receipt. */
describe('the print queue without a printer (EN/ZH)', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let queue: PrintQueuePage;
  let number: string;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [{ name: 'Mei Counter', role: 'counter', pin: '3579' }]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page.setDefaultTimeout(45_000);
    queue = new PrintQueuePage(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, name) });

  it('takes an intake, and the queue says no printer is set up, with both jobs waiting', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn('Mei Counter', '3579');
    const intake = new IntakePage(page);
    await intake.ready();
    number = await intake.takeNew({
      name: '张伟 Zhang Wei',
      phone: '13800138000',
      brand: 'Xiaomi',
      model: 'Redmi Note 12',
      problem: 'Does not charge; 不能充电',
    });
    await queue.open();
    await queue.noPrinterHint().waitFor();
    await queue.job('Intake receipt').waitFor();
    await queue.job('Device tag').waitFor();
    await expect(queue.job('Intake receipt').innerText()).resolves.toMatch(/no printer/i);
    await shot('print-queue-actions-en.png');
  });

  it('PDF: a real PDF of the receipt with the ticket number and the customer name', async () => {
    const download = await queue.pdf(queue.job('Intake receipt'));
    const file = path.join(RESULTS_DIR, 'print-queue-receipt.pdf');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^intake_receipt-\d+\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(number);
    expect(text).toContain('张伟 Zhang Wei');
  });

  it('Print…: the system print dialog gets only the receipt, from the preview layout', async () => {
    // The OS dialog cannot be driven headless: record what the page hands to it instead.
    await page.evaluate(() => {
      const w = window as unknown as { printed: string[] };
      w.printed = [];
      window.print = () => {
        const area = document.querySelector('[data-testid="system-print-area"]');
        const shown = area ? getComputedStyle(area).display : 'none';
        w.printed.push(`${shown}|${area?.textContent ?? ''}`);
      };
    });
    await page.emulateMedia({ media: 'print' });
    await queue.systemPrint(queue.job('Intake receipt'));
    await page.waitForFunction(() => (window as unknown as { printed: string[] }).printed.length);
    await page.emulateMedia({ media: 'screen' });
    const [printed] = await page.evaluate(
      () => (window as unknown as { printed: string[] }).printed,
    );
    expect(printed.startsWith('block|')).toBe(true);
    expect(printed).toContain(number);
    expect(printed).toContain('张伟 Zhang Wei');
    // The area is gone again after printing.
    await page.getByTestId('system-print-area').waitFor({ state: 'detached' });
  });

  it('cancels the waiting tag, then reprints it as a new job', async () => {
    const tag = queue.job('Device tag');
    const id = await queue.jobId(tag);
    await queue.cancel(tag);
    const cancelled = page.getByTestId(`print-job-${id}`);
    await expect
      .poll(() => cancelled.getAttribute('data-status'), { timeout: 30_000 })
      .toBe('cancelled');
    await expect(cancelled.textContent()).resolves.toContain('Cancelled');
    await queue.reprint(cancelled);
    const again = queue.job(`reprint of #${id}`);
    await again.waitFor();
    await expect(again.getAttribute('data-status')).resolves.toBe('queued');
  });

  it('printed history loads a page at a time: Load more', async () => {
    // Twenty receipts printed long ago, written straight into the shop's file (a printer would
    // have taken a while to print them).
    const db = new Database(path.join(harness.dataDir, 'workstation.sqlite'));
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `INSERT INTO print_job (kind, payload, status, idempotency_key, attempts, created_at, updated_at, printed_at)
       VALUES ('intake_receipt', ?, 'done', ?, 1, ?, ?, ?)`,
    );
    for (let i = 0; i < 20; i++) {
      const doc = { kind: 'receipt', widthMm: 80, lines: [{ type: 'text', text: `Old ${i}` }] };
      insert.run(JSON.stringify(doc), `e2e-old-${i}`, 1_700_000_000_000 + i, 1, 1);
    }
    db.close();
    // No event announced them: the screen shows them after a reload.
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await queue.open();
    const printed = page.getByTestId('print-queue-printed');
    await expect.poll(() => printed.getByTestId(/^print-job-\d+$/).count()).toBe(15);
    await expect(printed.innerText()).resolves.toMatch(/Recently printed \(15\+\)/);
    await page.getByTestId('print-queue-more').click();
    await expect.poll(() => printed.getByTestId(/^print-job-\d+$/).count()).toBe(20);
    await expect(page.getByTestId('print-queue-more').count()).resolves.toBe(0);
    await expect(printed.innerText()).resolves.toMatch(/Recently printed \(20\)/);
  });

  it('in Chinese: the same actions, translated', async () => {
    await page.keyboard.press('Escape');
    await new ShellPage(page).switchLanguage('zh');
    await queue.open();
    await queue.noPrinterHint().waitFor();
    const receipt = queue.job('受理单');
    await receipt.waitFor();
    await expect(receipt.innerText()).resolves.toMatch(/打印…/);
    await expect(queue.panel().innerText()).resolves.toMatch(/已取消/);
    await expect(queue.noPrinterHint().innerText()).resolves.toContain('未设置小票或标签打印机');
    await shot('print-queue-actions-zh.png');
    const download = await queue.pdf(receipt);
    const file = path.join(RESULTS_DIR, 'print-queue-receipt-zh.pdf');
    await download.saveAs(file);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(number);
  });
});
