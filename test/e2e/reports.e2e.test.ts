import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { ReportsPage } from './pages/ReportsPage';
import { paidPickup } from './report-money';

const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2468' };
const TECH = { name: '王师傅', role: 'technician', pin: '3579' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4680' };
const COUNTER = { name: 'Amy Counter', role: 'counter', pin: '5791' };

const walkIn = (i: number, model: string, problem: string) => ({
  idempotencyKey: `reports-e2e-${i}`,
  customer: {
    name: i % 2 ? `客户${i}` : `Customer ${i}`,
    phone: `1380000100${i}`,
    channel: 'our_store',
  },
  device: {
    type: i === 3 ? 'laptop' : 'phone',
    brand: 'Huawei',
    model,
    purchaseDate: '2026-06-01',
    proof: 'invoice',
  },
  ticket: {
    category: i === 2 ? 'complaint' : 'fault',
    priority: 'normal',
    serviceMode: 'carry_in',
    problem,
    accessories: [],
    conditionNotes: '',
    backupAck: true,
    exclusion: 'none',
    estimateCents: 0,
    depositCents: 0,
  },
});

describe('reports, dashboard, knowledge base and export in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let reports: ReportsPage;
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true, animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // The day's figures (callbacks due today, the day close) must not depend on the hour the
    // suite runs at: the shop's clock runs from 14:00 today (the test zone), a business hour.
    const afternoon = new Date();
    afternoon.setHours(14, 0, 0, 0);
    const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-clock-')), 'now');
    fs.writeFileSync(
      clockFile,
      `${afternoon.getTime() - Date.now() >= 0 ? '+' : ''}${afternoon.getTime() - Date.now()}`,
    );
    harness = await startHarness({ clockFile });
    await createStaff(harness, [MANAGER, TECH, QC, COUNTER]);
    const login = async (who: { name: string; pin: string }) =>
      (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;
    const manager = await login(MANAGER);
    const tech = await login(TECH);
    const qc = await login(QC);
    const ids: number[] = [];
    const models = ['Mate 60 Pro', 'Mate 60 Pro', 'P60', 'MateBook 14'];
    const problems = ['屏幕闪烁，摔过一次', 'Screen flickers', '充电没反应', 'Keyboard dead'];
    for (let i = 0; i < 4; i++) {
      ids.push(
        (
          await harness.api<{ ticket: { id: number } }>(
            'intake.commit',
            walkIn(i, models[i], problems[i]),
            manager,
          )
        ).ticket.id,
      );
    }
    const version = async (id: number) =>
      (await harness.api<{ ticket: { version: number } }>('bench.detail', { id }, tech)).ticket
        .version;
    const move = async (id: number, to: string) =>
      harness.api('bench.transition', { id, version: await version(id), to }, tech);
    // Two repairs finished today: one passes QC at 92, one fails at 60.
    for (const [id, score] of [
      [ids[0], 95],
      [ids[2], 55],
    ]) {
      await move(id, 'diagnosing');
      await harness.api(
        'bench.diagnose',
        {
          id,
          version: await version(id),
          cause: '屏幕排线松动',
          responsible: 'product_quality',
          plan: ['repair'],
        },
        tech,
      );
      await move(id, 'in_repair');
      await harness.api('bench.workAdd', { ticketId: id, minutes: 45, note: '重新插好排线' }, tech);
      await move(id, 'quality_check');
      const v = await version(id);
      await harness
        .api(
          'qc.record',
          {
            ticketId: id,
            version: v,
            procedure: score,
            effectiveness: score,
            communication: score,
            ...(score < 70 ? { feedback: '仍有闪烁' } : {}),
          },
          qc,
        )
        .catch(() => undefined); // sampled out of QC: already ready
    }
    await harness.api(
      'kb.save',
      {
        title: 'Mate 60 Pro 屏幕闪烁',
        symptoms: '摔后屏幕闪烁，偶尔黑屏 / screen flickers after a drop',
        cause: '屏幕排线松动',
        steps: ['拆后盖', '重新插好屏幕排线', '测试显示'],
        models: ['Mate 60 Pro'],
        tags: ['屏幕'],
      },
      tech,
    );
    const counter = await login(COUNTER);
    await paidPickup(harness, { counter, tech, qc, manager }, MANAGER);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(MANAGER.name, MANAGER.pin);
    reports = new ReportsPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("shows today's daily report with the day's figures", async () => {
    await reports.open();
    await reports.byTestId('daily-technicians').getByText(TECH.name).waitFor();
    await expect(reports.stat('stat-received').innerText()).resolves.toBe('5');
    await expect(reports.byTestId('daily-by-device').innerText()).resolves.toMatch(/Laptop\s+1/);
    // The money of the paid pickup and the refund.
    await expect(reports.stat('stat-taken').innerText()).resolves.toBe('500.00');
    await expect(reports.stat('stat-deposits').innerText()).resolves.toBe('100.00 (1)');
    await expect(reports.byTestId('close-takings').first().innerText()).resolves.toMatch(
      /WeChat Pay\s+300\.00\s+0\.00\s+300\.00\s+1/,
    );
    await expect(reports.byTestId('daily-refunds').innerText()).resolves.toMatch(
      /50\.00[\s\S]*Zhou Manager/,
    );
    await expect(reports.stat('stat-callbacks-due').innerText()).resolves.toBe('0');
    await expect(page.getByTestId('daily-pending').count()).resolves.toBe(0);
    // No customer here consented to messages: the outbox sent nothing, and says so per channel.
    await expect(reports.byTestId('daily-messages-email').innerText()).resolves.toMatch(
      /^E-mail\s+0\s+0\s+0$/,
    );
    await expect(reports.stat('stat-messages-queued').innerText()).resolves.toMatch(/0$/);
    await shot('reports-daily-en.png');
  });

  it('downloads the PDF', async () => {
    const download = page.waitForEvent('download');
    await reports.byTestId('daily-pdf').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^daily-report-\d{4}-\d{2}-\d{2}-en\.pdf$/);
  });

  it('shows the dashboard with charts, in English and Chinese', async () => {
    await reports.tab('dashboard');
    await reports.byTestId('chart-intake').locator('.recharts-surface').waitFor();
    await expect(reports.stat('kpi-completed').innerText()).resolves.toMatch(/^[123]$/);
    await expect(reports.stat('kpi-csat').innerText()).resolves.toBe('–');
    // Ready devices today whose customer heard within 15 min: none (nobody consented).
    await expect(reports.stat('kpi-told-15').innerText()).resolves.toBe('0.0 %');
    await reports.byTestId('kpi-technicians').getByText(TECH.name).waitFor();
    await shot('reports-dashboard-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await reports.byTestId('chart-backlog').getByText('在修工单（按状态）').waitFor();
    await shot('reports-dashboard-zh.png');
    await reports.tab('daily');
    await reports.byTestId('daily-technicians').getByText(TECH.name).waitFor();
    await shot('reports-daily-zh.png');
  });

  it('closes the day: counted cash against expected, a reason for the variance, then locked', async () => {
    await reports.tab('close');
    await expect(reports.stat('close-expected').innerText()).resolves.toBe('58.50');
    await reports.byTestId('close-counted').fill('50');
    await expect(reports.byTestId('close-variance').innerText()).resolves.toBe('-8.50');
    await reports.byTestId('close-submit').click();
    await reports.byTestId('close-error').getByText('实点现金与应有现金不符').waitFor();
    await shot('reports-dayclose-form-zh.png');
    await reports.byTestId('close-reason').fill('找零多给了 8.50');
    await reports.byTestId('close-submit').click();
    await reports.byTestId('close-closed').getByText('找零多给了 8.50').waitFor();
    await shot('reports-dayclose-zh.png');
    await new ShellPage(page).switchLanguage('en');
    await reports.byTestId('close-closed').getByText('Closed by Zhou Manager').waitFor();
    await shot('reports-dayclose-en.png');
    // The daily report now says who closed the day.
    await reports.tab('daily');
    await reports
      .byTestId('daily-close-state')
      .getByText(/Day closed by Zhou Manager/)
      .waitFor();
    await new ShellPage(page).switchLanguage('zh');
  });

  it('searches the knowledge base in Chinese and opens an article', async () => {
    await reports.tab('knowledge');
    await reports.byTestId('kb-search').fill('黑屏');
    await reports.byTestId('kb-hit').getByText('Mate 60 Pro 屏幕闪烁').click();
    await reports.byTestId('kb-article').getByText('重新插好屏幕排线').waitFor();
    await shot('reports-kb-zh.png');
    await page.keyboard.press('Escape');
  });

  it('exports tickets to CSV with a progress bar that reaches the end', async () => {
    await reports.tab('export');
    await reports.byTestId('export-start').click();
    await reports
      .byTestId('export-progress')
      .getByText(/已写入 5 行/)
      .waitFor();
    await shot('reports-export-zh.png');
  });
});
