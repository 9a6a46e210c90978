import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { BenchDetailPage } from './pages/BenchDetailPage';
import { BenchPage } from './pages/BenchPage';
import { fieldError, focusedTestId } from './pages/fields';
import { IntakePage } from './pages/IntakePage';
import { PickupPage } from './pages/PickupPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

const LIN = { name: 'Lin Counter', role: 'counter', pin: '1397' };
const MEI = { name: 'Mei Counter', role: 'counter', pin: '5172' };
const TECH = { name: 'Wang Tech', role: 'technician', pin: '3816' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4927' };

/**
 * Issue 11 §3, 4, 6, 7, 8 walked as a person at the counter and the bench, at 1366×768:
 * sign-in retype, the intake draft, the purchase date, money refused on its field, and the
 * tax-inclusive total that the estimate, the approval and the pickup desk all agree on.
 */
describe('intake drafts, dates and money as a person walks them', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let intake: IntakePage;
  let shell: ShellPage;
  let tokens: { counter: string; tech: string; qc: string };
  let inShop: { id: number; number: string };
  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  const ticketCount = async () =>
    (await harness.api<{ total: number }>('tickets.list', { limit: 1 }, tokens.counter)).total;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [LIN, MEI, TECH, QC]);
    tokens = { counter: await login(LIN), tech: await login(TECH), qc: await login(QC) };
    // A Xiaomi already in the shop (open ticket): teaches the brand list, and is the duplicate.
    const r = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      {
        idempotencyKey: 'intake-money-e2e-1',
        customer: { name: 'Alice Smith', phone: '13800000001', channel: 'our_store' },
        device: {
          type: 'phone',
          brand: 'Xiaomi',
          model: 'Redmi Note 12',
          serial: 'DUP-SN-1',
          purchaseDate: '2019-03-01',
          proof: 'invoice',
        },
        ticket: {
          category: 'fault',
          priority: 'normal',
          serviceMode: 'carry_in',
          problem: 'Screen cracked',
          accessories: [],
          conditionNotes: '',
          backupAck: true,
          exclusion: 'none',
        },
      },
      tokens.counter,
    );
    inShop = r.ticket;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(30_000);
    signIn = new SignInPage(page);
    intake = new IntakePage(page);
    shell = new ShellPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('after a wrong PIN the field is cleared and focused: retype + Enter signs in', async () => {
    await signIn.open(harness.url);
    await expect(signIn.wrongPin(LIN.name, '9999')).resolves.toMatch(/Wrong PIN/);
    const pin = page.getByTestId('pin-input');
    await expect(pin.inputValue()).resolves.toBe('');
    await expect(focusedTestId(pin)).resolves.toBe('pin-input');
    await signIn.retype(LIN.pin);
    await intake.ready();
  });

  it('refuses a purchase date in the future on the field and saves nothing; a past date stays exact', async () => {
    const before = await ticketCount();
    await intake.newCustomer('王小明', '13912345678');
    // "Xia" + Enter takes the brand offered, and Enter moves on to the model.
    await intake.byTestId('device-brand').click();
    await page.keyboard.type('Xia');
    await page.getByRole('option', { name: 'Xiaomi' }).waitFor();
    await page.keyboard.press('Enter');
    await expect(intake.byTestId('device-brand').inputValue()).resolves.toBe('Xiaomi');
    await expect(focusedTestId(page.locator('body'))).resolves.toBe('device-model');
    await page.keyboard.type('Redmi Note 13');
    await intake.typePurchaseDate('2030-01-01');
    await expect(fieldError(intake.byTestId('device-purchase-date'))).resolves.toBe(
      'The purchase date is in the future.',
    );
    await expect(intake.byTestId('device-purchase-date').inputValue()).resolves.toBe('2030-01-01');
    // Enter moves on through the proof-of-purchase select instead of stalling on it.
    await page.keyboard.press('Enter');
    await expect(focusedTestId(page.locator('body'))).resolves.toBe('device-proof');
    await page.keyboard.press('Enter');
    await expect(focusedTestId(page.locator('body'))).resolves.toBe('ticket-problem');
    await intake.problem('Phone restarts by itself; 自动重启');
    await intake.byTestId('ticket-passcode').fill('246810');
    await page.keyboard.press('Control+Enter');
    await intake.byTestId('intake-error').waitFor();
    expect(await ticketCount()).toBe(before);
    await intake.byTestId('device-purchase-date').scrollIntoViewIfNeeded();
    await shot('intake-date-refused-en.png');

    await intake.typePurchaseDate('2024-03-15');
    await expect(intake.byTestId('device-purchase-date').inputValue()).resolves.toBe('2024-03-15');
    await expect(
      intake.byTestId('device-purchase-date').getAttribute('aria-invalid'),
    ).resolves.not.toBe('true');
  });

  it('keeps the half-typed intake across another screen and a reload, never the passcode', async () => {
    await page.keyboard.press('Control+4');
    await page.getByTestId('pickup-page').waitFor();
    await page.keyboard.press('Control+1');
    await intake.draftNote().waitFor();
    await expect(intake.byTestId('customer-name').inputValue()).resolves.toBe('王小明');
    await expect(intake.byTestId('device-purchase-date').inputValue()).resolves.toBe('2024-03-15');

    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await intake.draftNote().waitFor();
    await expect(intake.byTestId('customer-name').inputValue()).resolves.toBe('王小明');
    await expect(intake.byTestId('device-model').inputValue()).resolves.toBe('Redmi Note 13');
    await expect(intake.byTestId('ticket-problem').inputValue()).resolves.toContain('自动重启');
    await expect(intake.byTestId('ticket-passcode').inputValue()).resolves.toBe('');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('王小明');
    expect(stored).not.toContain('246810');
    await shot('intake-draft-restored-en.png');
    await shell.switchLanguage('zh');
    await intake.draftNote().getByText('已恢复草稿').waitFor();
    await shot('intake-draft-restored-zh.png');
    await shell.switchLanguage('en');
  });

  it('another staff member does not see the draft; its owner gets it back and can discard it', async () => {
    await signIn.switchTo(MEI);
    await intake.ready();
    await expect(intake.draftNote().count()).resolves.toBe(0);
    await expect(intake.byTestId('customer-name').count()).resolves.toBe(0);

    await signIn.switchTo(LIN);
    await intake.draftNote().waitFor();
    await expect(intake.byTestId('customer-name').inputValue()).resolves.toBe('王小明');
    await intake.discardDraft();
    await expect(intake.byTestId('customer-name').count()).resolves.toBe(0);
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await intake.ready();
    await expect(intake.draftNote().count()).resolves.toBe(0);
  });

  it('warns before a second open ticket for the same device and saves it only on purpose', async () => {
    await intake.newCustomer('Alice Smith', '13800000099');
    await intake.newDevice('Xiaomi', 'Redmi Note 12');
    await intake.byTestId('device-serial').fill('DUP-SN-1');
    await intake.problem('Battery swells');
    // The rough estimate is shown back as the customer will pay it, and printed so.
    await intake.byTestId('ticket-estimate').fill('570');
    await expect(
      page
        .getByTestId('intake-estimate-to-pay')
        .getByText('644.10', { exact: false })
        .first()
        .waitFor(),
    ).resolves.toBeUndefined();
    const number = await intake.saveSecondTicket(inShop.number);
    expect(number).not.toBe(inShop.number);
    const receipt = page.getByTestId('preview-receipt');
    await receipt.getByText('Estimated total to pay').waitFor();
    await receipt.getByText('644.10').waitFor();
    await shot('intake-receipt-tax-en.png');
    await intake.nextWalkIn();
  });

  it('an estimate of −100 × −3 is refused on its fields; 570.00 shows tax and the total pickup charges', async () => {
    await signIn.switchTo(TECH);
    const bench = new BenchPage(page);
    const detail = new BenchDetailPage(page);
    await bench.open();
    await bench.blur();
    await bench.scan(inShop.number);
    await detail.waitFor(inShop.number, 'received');

    await detail.tryEstimateLine('Screen', '-3', '-100');
    await expect(fieldError(detail.byTestId('estimate-qty'))).resolves.toBe(
      'Enter a quantity of 1 or more',
    );
    await expect(fieldError(detail.byTestId('estimate-price'))).resolves.toBe(
      'An amount cannot be negative',
    );
    await expect(detail.byTestId('estimate-line').count()).resolves.toBe(0);
    await expect(detail.byTestId('estimate-price').inputValue()).resolves.toBe('-100');
    await detail.byTestId('estimate-add').scrollIntoViewIfNeeded();
    await shot('bench-estimate-refused-en.png');

    await detail.addEstimateLine('Screen assembly', 1, '570');
    await expect(detail.byTestId('estimate-total').innerText()).resolves.toBe('570.00');
    await expect(detail.byTestId('estimate-tax').innerText()).resolves.toBe('74.10');
    await expect(detail.byTestId('estimate-total-pay').innerText()).resolves.toBe('644.10');
    await shot('bench-estimate-tax-en.png');
    // The drawer covers the language switch: close it, switch, scan the tag again.
    const reopen = async (status: string) => {
      await bench.blur();
      await bench.scan(inShop.number);
      await detail.waitFor(inShop.number, status);
    };
    await detail.close();
    await shell.switchLanguage('zh');
    await reopen('received');
    await detail.byTestId('estimate-totals').getByText('应付合计').waitFor();
    await detail.byTestId('estimate-total-pay').scrollIntoViewIfNeeded();
    await shot('bench-estimate-tax-zh.png');
    await detail.close();
    await shell.switchLanguage('en');
    await reopen('received');

    const version = async () =>
      (
        await harness.api<{ ticket: { version: number } }>(
          'bench.detail',
          { id: inShop.id },
          tokens.tech,
        )
      ).ticket.version;
    const move = async (to: string) =>
      harness.api<{ status: string }>(
        'bench.transition',
        { id: inShop.id, version: await version(), to },
        tokens.tech,
      );
    await move('diagnosing');
    await move('awaiting_approval');
    await detail.waitFor(inShop.number, 'awaiting_approval');
    await detail.recordApproval('approved', 'in_person', 'Agreed at the counter');
    const approved = (await detail.byTestId('approval-total').innerText()).trim();
    expect(approved).toBe('644.10');
    await expect(detail.byTestId('approval-record').innerText()).resolves.toContain(
      'incl. tax 74.10',
    );
    await shot('bench-approval-tax-en.png');

    await move('in_repair');
    if ((await move('quality_check')).status === 'quality_check') {
      await harness.api(
        'qc.record',
        {
          ticketId: inShop.id,
          version: await version(),
          procedure: 95,
          effectiveness: 95,
          communication: 95,
        },
        tokens.qc,
      );
    }
    await detail.close();
    await signIn.switchTo(LIN);
    const pickup = new PickupPage(page);
    await pickup.open();
    await pickup.find(inShop.number);
    // What the customer approved is what the pickup desk charges, to the cent.
    await expect(page.getByTestId('invoice-total').innerText()).resolves.toBe(approved);
    // Take payment stays reachable at 1366×768: in the window, with its shortcut on it.
    const complete = page.getByTestId('pickup-complete');
    const box = (await complete.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await expect(complete.innerText()).resolves.toContain('Ctrl');
    await shot('pickup-take-payment-1366-en.png');
  });
});
