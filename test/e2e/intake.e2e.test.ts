import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { IntakePage } from './pages/IntakePage';
import { ShellPage } from './pages/ShellPage';

const VALID_IMEI = '490154203237518';
const BAD_IMEI = '490154203237519';
const PHONE = '13912345678';

describe('counter intake in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  let intake: IntakePage;
  let shell: ShellPage;
  const numbers: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    adminToken = await createStaff(harness, [
      { name: 'Lin Counter', role: 'counter', pin: '1357' },
      { name: 'Zhou Manager', role: 'manager', pin: '2468' },
    ]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    intake = new IntakePage(page);
    shell = new ShellPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true });
  const ticketCount = async () =>
    (await harness.api<{ total: number }>('tickets.list', { limit: 1 }, adminToken)).total;

  it('signs counter staff in with a PIN', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await expect(signIn.wrongPin('Lin Counter', '9999')).resolves.toMatch(
      /Wrong PIN\. 4 attempts left/,
    );
    await signIn.signIn('Lin Counter', '1357');
    await intake.ready();
    await expect(page.getByTestId('current-staff').innerText()).resolves.toContain('Lin Counter');
    await shot('intake-en.png');
  });

  it('takes a new walk-in in and shows both print previews', async () => {
    const number = await intake.takeNew({
      name: '王小明',
      phone: PHONE,
      brand: 'Apple',
      model: 'iPhone 13',
      imei: VALID_IMEI,
      problem: 'Screen flickers after a drop; touch stops working at the top edge.',
    });
    expect(number).toMatch(/^R-\d{6}$/);
    numbers.push(number);
    await expect(page.getByTestId('print-job').count()).resolves.toBe(2);
    await page.getByTestId('preview-receipt').waitFor();
    await page.getByTestId('preview-label').waitFor();
    await expect(page.getByTestId('preview-barcode').count()).resolves.toBeGreaterThanOrEqual(2);
    await shot('intake-success.png');
  });

  it('takes a returning customer in with their earlier device', async () => {
    await intake.nextWalkIn();
    const number = await intake.takeReturning(PHONE, 'Battery drains in two hours.', numbers[0]);
    expect(number).not.toBe(numbers[0]);
    numbers.push(number);
    await expect(page.getByTestId('print-job').count()).resolves.toBe(2);
    const detail = await harness.api<{ customer: { name: string }; device: { imei: string } }>(
      'tickets.get',
      {
        id: (
          await harness.api<{ rows: Array<{ id: number; number: string }> }>(
            'tickets.list',
            {},
            adminToken,
          )
        ).rows.find((r) => r.number === number)!.id,
      },
      adminToken,
    );
    expect(detail.customer.name).toBe('王小明');
    expect(detail.device.imei).toBe(VALID_IMEI);
  });

  it('finds a ticket by phone (Spotlight) and by number (progress lookup)', async () => {
    await intake.nextWalkIn();
    const hit = await shell.searchTicket(PHONE, numbers[0]);
    await hit.click();
    await shell.drawer().getByText(numbers[0]).first().waitFor();
    await page.keyboard.press('Escape');
    await shell.drawer().waitFor({ state: 'hidden' });

    const status = await intake.progress(numbers[1]);
    expect(status).toBe('Received');
  });

  it('refuses an invalid IMEI with a translated error and saves nothing', async () => {
    const before = await ticketCount();
    await intake.newCustomer('Alice Smith', '+44 20 7946 0958');
    await intake.newDevice('Samsung', 'Galaxy S23', BAD_IMEI);
    await intake.problem('Does not charge.');
    await page.getByText('This IMEI fails its check digit').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('intake-save').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('intake-success').count()).resolves.toBe(0);
    expect(await ticketCount()).toBe(before);
  });

  it('shows the intake screen in Simplified Chinese', async () => {
    await shell.switchLanguage('zh');
    await expect(page.getByTestId('intake-title').innerText()).resolves.toBe('前台接待登记');
    await page.getByText('IMEI 校验位不正确').waitFor();
    await page.getByText('故障描述（客户原话）').waitFor();
    await page.getByTestId('nav-pickup').getByText('取机').waitFor();
    await shot('intake-zh.png');
    await shell.switchLanguage('en');
  });

  it('moves between screens with Ctrl+1…6, as the Go menu does (only to screens the role has)', async () => {
    await page.keyboard.press('Control+4');
    await page.getByTestId('pickup-page').waitFor();
    await expect(page.getByTestId('intake-page').count()).resolves.toBe(0);
    // The counter has no bench: Ctrl+2 leaves the screen as it is.
    await page.keyboard.press('Control+2');
    await page.keyboard.press('Control+1');
    await page.getByTestId('intake-page').waitFor();
    await expect(page.getByTestId('bench-page').count()).resolves.toBe(0);
  });
});
