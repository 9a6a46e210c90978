import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { BenchPage } from './pages/BenchPage';
import { validWalkIn } from '../helpers/walk-in';

const TECH = { name: 'Wang Tech', role: 'technician', pin: '2468' };
const MANAGER = { name: 'Zhou Manager', role: 'manager', pin: '4680' };
const COUNTER = { name: 'Lin Counter', role: 'counter', pin: '1357' };

/**
 * Issue 15, concurrency as people see it: two stations have the same ticket's analysis open;
 * the first saves, the second's save is refused with "Changed by <name> at <time>", in English
 * and in Chinese, and what the second person typed is still in the form; Reload takes the saved
 * ticket and keeps the typing, and the next save lands.
 */
describe('two stations edit the same ticket', () => {
  let harness: Harness;
  let browser: Browser;
  let tech: Page;
  let office: Page;
  let ticket: { id: number; number: string };

  const login = async (who: { name: string; pin: string }) =>
    (await harness.api<{ token: string }>('auth.login', { name: who.name, pin: who.pin })).token;

  const openTicket = async (page: Page, who: { name: string; pin: string }) => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(who.name, who.pin);
    const bench = new BenchPage(page);
    await bench.open();
    await bench.card(ticket.number).click();
    await page.getByTestId('diagnosis-cause').waitFor();
  };
  const cause = (page: Page) => page.getByTestId('bench-detail').getByTestId('diagnosis-cause');
  const saveCause = async (page: Page, text: string) => {
    await cause(page).fill(text);
    await page.getByTestId('diagnosis-save').click();
  };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [TECH, MANAGER, COUNTER]);
    const r = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      validWalkIn(),
      await login(COUNTER),
    );
    const token = await login(TECH);
    ticket = r.ticket;
    const d = await harness.api<{ ticket: { version: number } }>('bench.detail', { id: ticket.id }, token);
    await harness.api('bench.transition', { id: ticket.id, version: d.ticket.version, to: 'diagnosing' }, token);
    browser = await launchChromium();
    // Two stations: two browser contexts (each its own session), the shop's usual 1366×768.
    const page = async () => {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const p = await ctx.newPage();
      p.setDefaultTimeout(60_000);
      return p;
    };
    tech = await page();
    office = await page();
  }, 180_000);

  afterAll(async () => {
    // What each station showed last (a failure's picture).
    await tech?.screenshot({ path: path.join(RESULTS_DIR, 'edit-conflict-last-tech.png') }).catch(() => undefined);
    await office?.screenshot({ path: path.join(RESULTS_DIR, 'edit-conflict-last-office.png') }).catch(() => undefined);
    await browser?.close();
    await harness?.stop();
  });

  it('the second save says who changed it and when (EN), keeps the typing, and lands after Reload', async () => {
    await openTicket(tech, TECH);
    await openTicket(office, MANAGER);
    // The office starts typing, then the bench saves first.
    await office.getByTestId('responsible-customer_use').check();
    await office.getByTestId('plan-repair').click();
    await cause(office).fill('Dropped: frame bent, 客户摔落');
    await tech.getByTestId('responsible-product_quality').check();
    await tech.getByTestId('plan-replace_part').click();
    await saveCause(tech, 'Battery swollen, replace it');
    await tech.getByTestId('diagnosis-saved').waitFor();

    await office.getByTestId('diagnosis-save').click();
    const notice = office.getByTestId('diagnosis-conflict');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toMatch(/Changed by Wang Tech at \d\d:\d\d — reload to see it\./);
    await expect(cause(office).inputValue()).resolves.toBe('Dropped: frame bent, 客户摔落');
    await office.screenshot({ path: path.join(RESULTS_DIR, 'edit-conflict-en.png'), animations: 'disabled' });

    await office.getByTestId('diagnosis-reload').click();
    await office.getByTestId('diagnosis-reloaded').waitFor();
    await expect(cause(office).inputValue()).resolves.toBe('Dropped: frame bent, 客户摔落');
    await office.getByTestId('diagnosis-save').click();
    await office.getByTestId('diagnosis-saved').waitFor();
    const row = await harness.api<{ cause: string | null }>(
      'bench.detail',
      { id: ticket.id },
      await login(MANAGER),
    );
    expect(row.cause).toBe('Dropped: frame bent, 客户摔落');
  }, 400_000);

  it('the same in Chinese', async () => {
    // The technician's window picks the manager's save up (nothing typed there).
    await expect.poll(() => cause(tech).inputValue()).toBe('Dropped: frame bent, 客户摔落');
    await office.keyboard.press('Escape');
    await office.getByTestId('bench-detail').waitFor({ state: 'detached' });
    await new ShellPage(office).switchLanguage('zh');
    await new BenchPage(office).card(ticket.number).click();
    await cause(office).fill('屏幕排线断裂');
    await saveCause(tech, 'Battery swollen after all');
    await tech.getByTestId('diagnosis-saved').waitFor();

    await office.getByTestId('diagnosis-save').click();
    const notice = office.getByTestId('diagnosis-conflict');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/已由 Wang Tech 于 \d\d:\d\d 修改 — 请重新加载查看。/);
    await expect(cause(office).inputValue()).resolves.toBe('屏幕排线断裂');
    await office.screenshot({ path: path.join(RESULTS_DIR, 'edit-conflict-zh.png'), animations: 'disabled' });
  }, 300_000);
});
