import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SafetyPage } from './pages/SafetyPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

const walkIn = (i: number) => ({
  idempotencyKey: `e2e-safety-${i}-${Date.now()}`,
  customer: { name: `Safety ${i}`, phone: `+86 139 0000 000${i}`, channel: 'our_store' },
  device: { type: 'phone', brand: 'Huawei', model: 'P60', proof: 'none' },
  ticket: {
    category: 'fault',
    priority: 'normal',
    serviceMode: 'carry_in',
    problem: 'No power',
    accessories: [],
    conditionNotes: '',
    backupAck: true,
    exclusion: 'none',
    estimateCents: 10000,
    depositCents: 0,
  },
});

describe('data safety in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let safety: SafetyPage;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    admin = await createStaff(harness, [{ name: 'Zhou Manager', role: 'manager', pin: '2468' }]);
    await harness.api('intake.commit', walkIn(1), admin);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    safety = new SafetyPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true });
  const tickets = async () =>
    (await harness.api<{ total: number }>('tickets.list', { limit: 1 }, admin)).total;

  it('a manager backs up, restores an older copy and sees the audit log intact', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn('Zhou Manager', '2468');
    await safety.open();
    await safety.backupNow();
    await expect(safety.backupRows().count()).resolves.toBe(1);

    await harness.api('intake.commit', walkIn(2), admin);
    expect(await tickets()).toBe(2);
    await safety.restore(0);
    expect(await tickets()).toBe(1);
    // the copy taken before the restore is listed and can bring the walk-in back
    await page.getByRole('button', { name: 'Undo last restore' }).waitFor();
    await expect(safety.verifyAudit()).resolves.toMatch(/Intact: \d+ entries verified/);
    await shot('safety-en.png');
  });

  it('names the broken audit entry after tampering, in Chinese too', async () => {
    const db = (await import('better-sqlite3')).default;
    const raw = new db(path.join(harness.dataDir, 'workstation.sqlite'));
    raw.exec('DROP TRIGGER audit_entry_no_update');
    raw.prepare(`UPDATE audit_entry SET staff_name = 'Mallory' WHERE id = 2`).run();
    raw.close();
    await new ShellPage(page).switchLanguage('zh');
    await expect(safety.verifyAudit()).resolves.toMatch(/第 2 条记录/);
    await shot('safety-zh.png');
  });
});
