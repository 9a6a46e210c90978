import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { IntakePage } from './pages/IntakePage';
import { SafetyPage } from './pages/SafetyPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

/**
 * A manager backs up, takes walk-ins in (their tags are printed), restores the backup: the
 * dialog says how many tickets the restore drops, progress shows while it runs, and the next
 * walk-in gets a number above every number issued before.
 */
describe('restoring a backup, as a manager does it', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let safety: SafetyPage;
  let intake: IntakePage;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [{ name: 'Qian Manager', role: 'manager', pin: '4731' }]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(60_000);
    page.on('console', (m: ConsoleMessage) => consoleLines.push(m.text()));
    safety = new SafetyPage(page);
    intake = new IntakePage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, name) });
  const walkIn = async (i: number) => {
    await page.getByTestId('nav-intake').click();
    await intake.ready();
    return intake.takeNew({
      name: `Restore Customer ${i}`,
      phone: `+86 138 0013 80${String(i).padStart(2, '0')}`,
      brand: 'Xiaomi',
      model: '13',
      problem: 'Screen stays black after charging.',
    });
  };

  it('says how many tickets a restore drops, shows progress, and never issues a number twice', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn('Qian Manager', '4731');
    const before = [await walkIn(1)];
    await intake.nextWalkIn();

    await safety.open();
    await safety.watchProgress();
    await safety.backupNow();
    // the backup's progress reached the screen and ended at 100 %
    const backupSteps = await safety.progressSeen();
    expect(backupSteps.at(-1)).toBe('Backing up · done · 100%');
    await expect(page.getByTestId('safety-progress').getAttribute('data-phase')).resolves.toBe(
      'done',
    );

    // after the backup: three walk-ins, their tags printed
    const after = [await walkIn(2)];
    await intake.nextWalkIn();
    after.push(await walkIn(3));
    await intake.nextWalkIn();
    after.push(await walkIn(4));
    await intake.nextWalkIn();
    expect([...before, ...after]).toEqual(['R-000001', 'R-000002', 'R-000003', 'R-000004']);

    await safety.open();
    const impact = await safety.openRestore(0);
    expect(impact).toContain('3 tickets taken in after this backup will be dropped.');
    expect(impact).toContain('the next new ticket will be R-000005');
    await shot('safety-restore-impact-en.png');
    await safety.watchProgress();
    await safety.confirmRestore();
    const restoreSteps = await safety.progressSeen();
    expect(restoreSteps.some((s) => s.startsWith('Restoring ·'))).toBe(true);
    expect(restoreSteps.at(-1)).toBe('Restoring · done · 100%');
    await shot('safety-restore-done-en.png');

    // the next walk-in continues above every number issued, not at R-000002 again
    const next = await walkIn(5);
    expect(next).toBe('R-000005');
    await intake.nextWalkIn();
  });

  it('says the same in Chinese', async () => {
    await new ShellPage(page).switchLanguage('zh');
    await safety.open();
    // the pre-restore copy is the newest; the manual backup from before is the oldest
    const rows = await safety.backupRows().count();
    const impact = await safety.openRestore(rows - 1);
    expect(impact).toContain('此备份之后收取的 1 张工单将被删除。');
    expect(impact).toContain('下一张新工单的编号为 R-000006');
    await shot('safety-restore-impact-zh.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('restore-impact').waitFor({ state: 'detached' });
  });

  it('a backup made by hand stays until the manager deletes it', async () => {
    const rows = await safety.backupRows().count();
    await safety.deleteBackup(rows - 1);
    await page.getByText(/备份已删除：workstation-.*-manual\.sqlite/).waitFor();
    await expect(safety.backupRows().count()).resolves.toBe(rows - 1);
    await expect(page.getByTestId('backup-list').innerText()).resolves.not.toContain('手动');
  });

  it('the page loads without CSP complaints (the policy comes as a header)', () => {
    expect(consoleLines.filter((l) => /Content Security Policy|frame-ancestors/i.test(l))).toEqual(
      [],
    );
  });
});
