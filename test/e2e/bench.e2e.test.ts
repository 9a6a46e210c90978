import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { BenchPage } from './pages/BenchPage';
import { BenchDetailPage } from './pages/BenchDetailPage';

const TECH = { name: 'Wang Tech', role: 'technician', pin: '3579' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4680' };
const COUNTER = { name: 'Lin Counter', role: 'counter', pin: '1357' };
const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2468' };

/** A complaint (always quality-checked) on a device out of warranty, so the customer must approve. */
const walkIn = (phone: string, name: string, model: string) => ({
  idempotencyKey: `bench-e2e-${phone}`,
  customer: { name, phone, channel: 'our_store' },
  device: { type: 'phone', brand: 'Huawei', model, purchaseDate: '2019-03-01', proof: 'invoice' },
  ticket: {
    category: 'complaint',
    priority: 'normal',
    serviceMode: 'carry_in',
    problem: 'Screen flickers after the last repair; 屏幕闪烁',
    accessories: [],
    conditionNotes: '',
    backupAck: true,
    exclusion: 'none',
    estimateCents: 0,
    depositCents: 0,
  },
});

interface Ticket {
  id: number;
  number: string;
}

describe('repair bench in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let signIn: SignInPage;
  let shell: ShellPage;
  let bench: BenchPage;
  let detail: BenchDetailPage;
  const tickets: Ticket[] = [];
  let adminToken: string;

  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true, animations: 'disabled' });
  const version = async (id: number, token: string) =>
    (await harness.api<{ ticket: { version: number } }>('bench.detail', { id }, token)).ticket
      .version;
  const move = async (id: number, to: string, token: string) =>
    harness.api<{ status: string }>(
      'bench.transition',
      { id, version: await version(id, token), to },
      token,
    );
  const switchUser = async (who: { name: string; pin: string }) => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-ready').waitFor();
    await signIn.choose(who.name);
    await signIn.signIn(who.name, who.pin);
    await bench.open();
    await bench.blur();
  };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    adminToken = await createStaff(harness, [COUNTER, TECH, QC, MANAGER]);
    const counter = await login(COUNTER);
    for (const [phone, name, model] of [
      ['13800000001', '王小明', 'Mate 60 Pro'],
      ['13800000002', 'Alice Smith', 'P60'],
    ]) {
      const r = await harness.api<{ ticket: Ticket }>(
        'intake.commit',
        walkIn(phone, name, model),
        counter,
      );
      tickets.push({ id: r.ticket.id, number: r.ticket.number });
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    signIn = new SignInPage(page);
    shell = new ShellPage(page);
    bench = new BenchPage(page);
    detail = new BenchDetailPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows the board to the technician with both tickets received', async () => {
    await signIn.open(harness.url);
    await signIn.signIn(TECH.name, TECH.pin);
    await bench.open();
    await bench.card(tickets[0].number).waitFor();
    await bench.card(tickets[1].number).waitFor();
    await expect(
      bench.column('received').getByTestId('bench-count-received').innerText(),
    ).resolves.toBe('2');
    await shot('bench-board-en.png');
  });

  it('ignores slow typing and fast typing inside a field (no scan)', async () => {
    await bench.blur();
    await bench.scan(tickets[0].number, 150);
    await page.getByTestId('bench-filter-technician').click();
    await bench.scan(tickets[0].number, 5);
    await page.keyboard.press('Escape');
    expect(await bench.lastScan()).toBeNull();
    await expect(page.getByTestId('bench-detail').count()).resolves.toBe(0);
  });

  it('opens a ticket from a wedge scan and works it to quality check by keyboard', async () => {
    const [t1] = tickets;
    await bench.blur();
    await bench.scan(t1.number);
    await detail.waitFor(t1.number, 'received');
    expect(await bench.lastScan()).toBe(t1.number);

    await detail.pressMove('t', 'received');
    await detail.byTestId('bench-assignee').getByText(TECH.name).waitFor();
    await detail.pressMove('d', 'diagnosing');

    await detail.diagnose('Display flex cable cracked at the hinge', 'product_quality', [
      'replace_part',
    ]);
    await detail.addEstimateLine('Replace display assembly', 1, '450.50');
    await expect(detail.byTestId('estimate-total').innerText()).resolves.toContain('450.50');

    await detail.pressMove('a', 'awaiting_approval');
    await expect(detail.byTestId('sla-paused').innerText()).resolves.toContain(
      'waiting for customer approval',
    );
    await shot('bench-detail-approval.png');

    await detail.recordApproval('approved', 'phone', 'Customer agreed on the phone');
    await expect(detail.byTestId('approval-record').innerText()).resolves.toMatch(
      // 450.50 + 13 % tax, the total the customer will pay at pickup
      /Approved.*Phone.*509\.07/s,
    );
    await expect(detail.byTestId('approval-record').innerText()).resolves.toContain(TECH.name);

    await detail.logMinutes(20, 'Opened the device, replaced the display');
    await detail.byTestId('work-total').getByText('20 min total').waitFor();

    await detail.pressMove('r', 'in_repair');
    await detail.pressMove('q', 'quality_check');
    await shot('bench-detail-qc-en.png');
    await detail.close();
  });

  it('the inspector scores it 92 (excellent) and it becomes ready for pickup', async () => {
    const [t1] = tickets;
    await switchUser(QC);
    await bench.card(t1.number).click();
    await detail.waitFor(t1.number, 'quality_check');
    await detail.score(90, 95, 88);
    await expect(detail.byTestId('qc-total').innerText()).resolves.toBe('92');
    await expect(detail.byTestId('qc-band').getAttribute('data-band')).resolves.toBe('excellent');
    await shot('bench-qc-sheet.png');
    await detail.byTestId('qc-save').click();
    await detail.waitFor(t1.number, 'ready');
    await detail.byTestId('qc-passed').waitFor();
    await detail.close();
  });

  it('a second ticket scores 60: feedback is required and it goes back to the technician', async () => {
    const [, t2] = tickets;
    const tech = await login(TECH);
    await move(t2.id, 'diagnosing', tech);
    await harness.api(
      'bench.diagnose',
      {
        id: t2.id,
        version: await version(t2.id, tech),
        cause: 'Battery swollen',
        responsible: 'product_quality',
        plan: ['replace_part'],
      },
      tech,
    );
    await harness.api(
      'bench.estimateAdd',
      { ticketId: t2.id, kind: 'part', description: 'Battery', qty: 1, unitCents: 19900 },
      tech,
    );
    await move(t2.id, 'awaiting_approval', tech);
    await harness.api(
      'bench.approval',
      { ticketId: t2.id, decision: 'approved', channel: 'in_person' },
      tech,
    );
    await harness.api('bench.workAdd', { ticketId: t2.id, minutes: 20 }, tech);
    await move(t2.id, 'in_repair', tech);
    expect((await move(t2.id, 'quality_check', tech)).status).toBe('quality_check');

    // The inspector is still signed in: open it by scanning its label, once the board has
    // caught up with the moves above (a scan typed during that re-render burst on a loaded
    // machine fails the scanner's timing test).
    await bench.column('quality_check').getByText(t2.number).waitFor();
    await bench.blur();
    await bench.scan(t2.number);
    await detail.waitFor(t2.number, 'quality_check');
    await detail.score(60, 60, 60);
    await expect(detail.byTestId('qc-band').getAttribute('data-band')).resolves.toBe('fail');
    await expect(detail.byTestId('qc-save').isDisabled()).resolves.toBe(true);
    await detail
      .byTestId('qc-feedback')
      .fill('Battery connector not seated; device still shuts down at 20 %.');
    await detail.byTestId('qc-save').click();
    await detail.waitFor(t2.number, 'in_repair');
    await detail.close();
  });

  it('the technician sees the failed check, its feedback and the rework deadline', async () => {
    const [, t2] = tickets;
    await switchUser(TECH);
    await bench.card(t2.number).getByTestId('flag-rework').waitFor();
    await bench.scan(t2.number);
    await detail.waitFor(t2.number, 'in_repair');
    await expect(detail.byTestId('qc-failed').innerText()).resolves.toContain('60');
    await expect(detail.byTestId('qc-feedback-text').innerText()).resolves.toContain(
      'Battery connector not seated',
    );
    await expect(detail.byTestId('qc-rework-due').innerText()).resolves.toMatch(
      /Rework due \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    await shot('bench-detail-rework-en.png');
    await detail.close();
  });

  it('a manager sees near-due work in the overdue view and reassigns it with a reason', async () => {
    const [, t2] = tickets;
    // Make every open ticket "near due" so the overdue view has work in it.
    await harness.api('settings.update', { key: 'sla.nearDueMinutes', value: 10_000 }, adminToken);
    await switchUser(MANAGER);
    await bench.view('overdue');
    await page.getByTestId(`bench-row-${t2.number}`).waitFor();
    await page.getByTestId(`reassign-${t2.number}`).click();
    await page.getByTestId('reassign-staff').click();
    await page.getByRole('option', { name: new RegExp(MANAGER.name) }).click();
    await page.getByTestId('reassign-save').click();
    // Nobody had it yet, so no reason is needed; now moving it on to the technician needs one.
    await page.getByTestId('reassign-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('bench-list').getByText(MANAGER.name).first().waitFor();
    await page.getByTestId(`reassign-${t2.number}`).click();
    await page.getByTestId('reassign-staff').click();
    await page.getByRole('option', { name: new RegExp(TECH.name) }).click();
    await page.getByTestId('reassign-save').click();
    await page.getByTestId('reassign-modal').getByText('Say why.').waitFor();
    await page
      .getByTestId('reassign-reason')
      .fill('Wang did the first repair; rework goes back to him');
    await page.getByTestId('reassign-save').click();
    await page.getByTestId('reassign-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('bench-list').getByText(TECH.name).first().waitFor();
    await shot('bench-overdue-en.png');
    await bench.view('all');
  });

  it('shows the board in Simplified Chinese', async () => {
    await shell.switchLanguage('zh');
    await page.getByText('维修队列').waitFor();
    await bench.column('in_repair').getByText('维修中').waitFor();
    await page.getByTestId('bench-view-mine').getByText('我的工单').waitFor();
    await shot('bench-board-zh.png');
    await bench.blur();
    await bench.scan(tickets[1].number);
    await detail.waitFor(tickets[1].number, 'in_repair');
    await detail.byTestId('qc-failed').getByText('质检不合格', { exact: false }).waitFor();
    await shot('bench-detail-zh.png');
    await detail.close();
    await shell.switchLanguage('en');
  });
});
