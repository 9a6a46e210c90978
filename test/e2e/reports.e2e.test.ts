import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { ReportsPage } from './pages/ReportsPage';

const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '2222' };
const TECH = { name: '王师傅', role: 'technician', pin: '3333' };
const QC = { name: 'Chen Inspector', role: 'inspector', pin: '4444' };

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
    harness = await startHarness();
    await createStaff(harness, [MANAGER, TECH, QC]);
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
    await expect(reports.stat('stat-received').innerText()).resolves.toBe('4');
    await expect(reports.byTestId('daily-by-device').innerText()).resolves.toMatch(/Laptop\s+1/);
    await expect(reports.byTestId('daily-pending').innerText()).resolves.toContain('inventory');
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
    await expect(reports.stat('kpi-completed').innerText()).resolves.toMatch(/^[12]$/);
    await reports.byTestId('kpi-technicians').getByText(TECH.name).waitFor();
    await shot('reports-dashboard-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await reports.byTestId('chart-backlog').getByText('在修工单（按状态）').waitFor();
    await shot('reports-dashboard-zh.png');
    await reports.tab('daily');
    await reports.byTestId('daily-technicians').getByText(TECH.name).waitFor();
    await shot('reports-daily-zh.png');
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
      .getByText(/已写入 4 行/)
      .waitFor();
    await shot('reports-export-zh.png');
  });
});
