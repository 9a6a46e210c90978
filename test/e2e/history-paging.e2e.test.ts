import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { PickupPage } from './pages/PickupPage';
import { SignInPage } from './pages/SignInPage';
import { validWalkIn } from '../helpers/workstation';

/** Done manager tasks and all callbacks grow forever: the screen shows a page, then more. */
describe('follow-up history a page at a time', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    const token = await createStaff(harness, [
      { name: 'Ann Manager', role: 'manager', pin: '8642' },
    ]);
    // Sixty callbacks handled by a manager over the past months, written into the shop's file.
    const { ticket } = await harness.api<{ ticket: { customerId: number } }>(
      'intake.commit',
      validWalkIn(),
      token,
    );
    const db = new Database(path.join(harness.dataDir, 'workstation.sqlite'));
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `INSERT INTO manager_task (kind, customer_id, summary, due_at, status, plan, outcome, done_by, done_at, created_at, version)
       VALUES ('callback', ?, ?, ?, 'done', 'Called back', 'Resolved',
               (SELECT id FROM staff WHERE name = 'Ann Manager'), ?, ?, 1)`,
    );
    const start = Date.parse('2026-06-01T10:00:00+08:00');
    for (let i = 0; i < 60; i++) {
      const at = start + i * 3_600_000;
      insert.run(ticket.customerId, `Neutral on the callback #${i}`, at, at + 600_000, at);
    }
    db.close();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(45_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('done manager tasks: fifty, then Load more shows the rest, newest first', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn('Ann Manager', '8642');
    const pickup = new PickupPage(page);
    await pickup.open();
    await pickup.tab('tasks');
    const panel = page.getByTestId('manager-tasks-panel');
    await panel.getByText('Done', { exact: true }).click();
    const tasks = panel.getByTestId('manager-task');
    await expect.poll(() => tasks.count()).toBe(50);
    await expect(tasks.first().innerText()).resolves.toContain('#59');
    await expect(tasks.first().innerText()).resolves.toContain('Done by Ann Manager');
    await expect(page.getByTestId('tasks-more').innerText()).resolves.toContain('Load more');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'tasks-done-paged-en.png') });
    await page.getByTestId('tasks-more').click();
    await expect.poll(() => tasks.count()).toBe(60);
    await expect(tasks.last().innerText()).resolves.toContain('#0');
    await expect(page.getByTestId('tasks-more').count()).resolves.toBe(0);
  });
});
