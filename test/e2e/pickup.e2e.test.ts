import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { workToReady } from './bench-api';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { PickupPage } from './pages/PickupPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: '1357' };
const TECH = { name: 'Wang Tech', role: 'technician', pin: '3579' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4680' };
const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2468' };

/** Shop time (Asia/Shanghai, the harness's TZ), controlled through the harness's clock file. */
const at = (s: string) => new Date(`${s}+08:00`).getTime();

describe('pickup and follow-up in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let pickup: PickupPage;
  let shell: ShellPage;
  let clockFile: string;
  let ticket: { id: number; number: string };
  let second: { id: number; number: string };
  const setClock = (ms: number) => fs.writeFileSync(clockFile, String(ms));
  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true, animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    clockFile = path.join(fs.mkdtempSync(path.join(RESULTS_DIR, 'clock-')), 'now');
    harness = await startHarness({ clockFile });
    setClock(at('2026-11-23T10:00'));
    await createStaff(harness, [COUNTER, TECH, QC, MANAGER]);
    const [counter, tech, qc] = [await login(COUNTER), await login(TECH), await login(QC)];
    /** A walk-in out of warranty worked through the bench by API to ready (QC passed). */
    const readyTicket = async (n: number, name: string) => {
      const r = await harness.api<{ ticket: { id: number; number: string } }>(
        'intake.commit',
        {
          idempotencyKey: `pickup-e2e-${n}`,
          customer: { name, phone: `1380000000${n}`, channel: 'our_store' },
          device: {
            type: 'phone',
            brand: 'Huawei',
            model: 'Mate 60 Pro',
            serial: `E2E-SN-${n}`,
            purchaseDate: '2019-03-01',
            proof: 'invoice',
          },
          ticket: {
            category: 'fault',
            priority: 'normal',
            serviceMode: 'carry_in',
            problem: 'Screen cracked; 屏幕碎裂',
            accessories: [],
            conditionNotes: '',
            backupAck: true,
            exclusion: 'none',
            estimateCents: 45000,
            depositCents: 10000,
          },
        },
        counter,
      );
      await workToReady(harness, { counter, tech, qc }, r.ticket.id, {
        cause: 'Display cracked by a drop',
        estimate: [
          { kind: 'labour', description: 'Replace screen', unitCents: 12000 },
          { kind: 'part', description: 'OLED screen assembly', unitCents: 33000 },
        ],
      });
      return r.ticket;
    };
    ticket = await readyTicket(1, '王小明');
    second = await readyTicket(2, 'Alice Smith');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    signIn = new SignInPage(page);
    pickup = new PickupPage(page);
    shell = new ShellPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('hands the device over: invoice, split payment with change, signature, receipt queued', async () => {
    await signIn.open(harness.url);
    await signIn.signIn(COUNTER.name, COUNTER.pin);
    await pickup.open();
    await pickup.find(ticket.number);
    // 450.00 + 13 % = 508.50 − 100.00 deposit
    expect(await pickup.due()).toBe('408.50');
    await page.getByTestId('parts-replaced').getByText('OLED screen assembly').waitFor();
    await page.getByTestId('warranty-until').getByText('2027-02-20').waitFor();
    await pickup.setPayment(0, 'WeChat Pay', '300');
    await pickup.setPayment(1, 'Cash', '200');
    await expect(page.getByTestId('payment-change').innerText()).resolves.toContain('91.50');
    await pickup.sign();
    await shot('pickup-desk-en.png');
    await pickup.complete();
    await expect(page.getByTestId('pickup-done').innerText()).resolves.toContain('INV-000001');
    const preview = page.getByTestId('preview-receipt');
    await preview.getByText('Pickup receipt').waitFor();
    await preview.getByText('OLED screen assembly').first().waitFor();
    await shot('pickup-receipt-en.png');

    const token = await login(COUNTER);
    const jobs = await harness.api<Array<{ kind: string; status: string }>>(
      'printJobs.list',
      { ticketId: ticket.id },
      token,
    );
    expect(jobs.map((j) => [j.kind, j.status])).toContainEqual(['pickup_receipt', 'queued']);
    const view = await harness.api<{ ticket: { status: string }; pickup: { signed: boolean } }>(
      'pickup.lookup',
      { number: ticket.number },
      token,
    );
    expect(view.ticket.status).toBe('collected');
    expect(view.pickup.signed).toBe(true);
  });

  it('a dissatisfied callback the next day makes a manager task that shows overdue an hour later', async () => {
    await page.getByTestId('pickup-next').click();
    setClock(at('2026-11-24T10:00'));
    // A new day: yesterday's session has run out (auth.sessionHours, 12 h), so the counter
    // is back at sign-in with the reason, and signs in again.
    await expect(signIn.endedMessage()).resolves.toMatch(/ran out of time/);
    await signIn.signIn(COUNTER.name, COUNTER.pin);
    await pickup.open();
    await pickup.tab('callbacks');
    const row = page.getByTestId('callback-row').filter({ hasText: ticket.number });
    await row.getByTestId('callback-open').click();
    await page.getByTestId('callback-form').getByText('Dissatisfied', { exact: true }).click();
    await page.getByTestId('callback-comments').fill('Took too long, nobody called me');
    await page.getByTestId('callback-save').click();
    await page.getByTestId('callback-form').waitFor({ state: 'detached' });

    await signIn.switchTo(MANAGER);
    await pickup.open();
    await pickup.tab('tasks');
    const task = page.getByTestId('manager-task').filter({ hasText: ticket.number });
    await task.waitFor();
    expect(await task.getAttribute('data-overdue')).toBe('false');
    await expect(task.innerText()).resolves.toContain('Dissatisfied');

    setClock(at('2026-11-24T11:01'));
    await pickup.tab('desk');
    await pickup.tab('tasks');
    await task.getByTestId('task-overdue').waitFor();
    expect(await task.getAttribute('data-overdue')).toBe('true');
    await shot('pickup-manager-task-overdue-en.png');
    await shell.switchLanguage('zh');
    await task.getByText('已逾期').waitFor();
    await shot('pickup-manager-task-overdue-zh.png');

    await page
      .getByTestId('task-plan')
      .fill('Apologise, free screen protector, priority next time');
    await page.getByTestId('task-outcome').fill('Customer accepted');
    await page.getByTestId('task-resolve').click();
    await task.waitFor({ state: 'detached' });
  });

  it('shows the pickup screen in Chinese, with a discount that needs a manager', async () => {
    await pickup.tab('desk');
    await pickup.find(second.number);
    await page.getByTestId('discount').fill('60');
    await page.getByTestId('discount-reason').fill('老客户');
    await page.getByTestId('manager-pin').waitFor();
    await page.getByTestId('invoice-due').getByText('340.70').waitFor();
    await pickup.sign();
    await shot('pickup-desk-zh.png');
    await shell.switchLanguage('en');
  });
  it('records a complaint about the collected ticket from the counter', async () => {
    await pickup.tab('complaints');
    await page.getByTestId('complaint-add').click();
    await page.getByTestId('complaint-ticket').fill(ticket.number);
    await page.getByTestId('complaint-description').fill('Screen flickers again after the repair');
    await page.getByTestId('complaint-create').click();
    const row = page.getByTestId('complaint-row').filter({ hasText: ticket.number });
    await row.waitFor();
    await expect(row.getByTestId('complaint-status').textContent()).resolves.toBe('Open');
    await shot('pickup-complaints-en.png');
  });
});
