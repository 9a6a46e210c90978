import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { PINS } from '../helpers/pins';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  createStaff,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { IntakePage } from './pages/IntakePage';
import { SignInPage } from './pages/SignInPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: PINS.counter };
const NEWER = '99.0.0';

/**
 * Two stations on one PostgreSQL database. The counter station runs this build; the office PC
 * starts a newer one (test-only `--test-newer-build`: one more migration). The office's browser
 * shows "Upgrade the shop's database" instead of migrating: the counter is listed; a wrong PIN
 * is refused (EN); the admin confirms (ZH), the steps tick off, the office goes on to sign-in;
 * the counter, still on the older app, refuses to save and says to update this PC.
 */
describe.skipIf(!pgAvailable())("upgrading the shop's database on the screen (PostgreSQL)", () => {
  let cluster: PgCluster;
  let url: string;
  let counter: Harness;
  let office: Harness;
  let browser: Browser;
  let officePage: Page;
  let counterPage: Page;
  let db: pg.Client;

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  const scalar = async (sql: string) => (await db.query(sql)).rows[0] as Record<string, unknown>;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    cluster = await startPgCluster();
    url = await freshPgDatabase(cluster, 'upgrade');
    counter = await startHarness({ db: url, stationName: 'Counter' });
    await createStaff(counter, [COUNTER]);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    browser = await launchChromium();
    counterPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const signIn = new SignInPage(counterPage);
    await signIn.open(counter.url);
    await signIn.signIn(COUNTER.name, COUNTER.pin);
    office = await startHarness({
      db: url,
      stationName: 'Office',
      args: ['--test-newer-build', NEWER],
    });
    officePage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await office?.stop();
    await counter?.stop();
    cluster?.stop();
  });

  it('an admin upgrades on the screen; the older station then asks to be updated', async () => {
    // the newer station did not migrate by itself
    expect(office.output()).toContain('an admin must confirm the upgrade');
    expect((await scalar("SELECT to_regclass('upgrade_probe') AS t")).t).toBeNull();

    await officePage.goto(office.url);
    await officePage.getByTestId('upgrade-db').waitFor();
    await officePage.getByTestId('lang-en').click();
    await officePage.getByText("Upgrade the shop's database").first().waitFor();
    const stations = officePage.getByTestId('upgrade-stations');
    await expect(stations.innerText()).resolves.toContain('Counter');
    await expect(officePage.getByTestId('upgrade-intro').innerText()).resolves.toContain(
      `This PC has version ${NEWER}`,
    );

    // a wrong PIN: refused in words, nothing changes
    await officePage.getByTestId('upgrade-name').fill(TEST_ADMIN.name);
    await officePage.getByTestId('upgrade-pin').fill('9753');
    await officePage.keyboard.press('Enter');
    await officePage.getByTestId('upgrade-refused').waitFor();
    await expect(officePage.getByTestId('upgrade-refused').innerText()).resolves.toMatch(/Wrong/);
    await shot(officePage, 'upgrade-refused-en.png');
    expect(
      (await scalar("SELECT count(*)::int AS n FROM app_version WHERE key = 'upgrade'")).n,
    ).toBe(0);

    // in Chinese, the admin confirms
    await officePage.getByTestId('lang-zh').click();
    await officePage.getByText('升级店铺数据库').first().waitFor();
    // the refusal follows the language
    await officePage.getByText('PIN 码错误').first().waitFor();
    await shot(officePage, 'upgrade-confirm-zh.png');
    await officePage.getByTestId('upgrade-pin').fill(TEST_ADMIN.pin);
    await officePage.keyboard.press('Enter');
    await officePage.getByTestId('upgrade-step-announced').waitFor();
    await shot(officePage, 'upgrade-progress-zh.png');
    await expect(officePage.getByTestId('upgrade-steps').innerText()).resolves.toContain(
      '已通知其他工作站停止保存',
    );
    // on to sign-in once upgraded (the wait for the other stations is one watch interval)
    await officePage.getByTestId('signin-ready').waitFor({ timeout: 90_000 });
    await shot(officePage, 'upgrade-done-signin-zh.png');
    expect((await scalar("SELECT to_regclass('upgrade_probe') AS t")).t).toBe('upgrade_probe');
    const audit = await scalar(
      "SELECT staff_name, details FROM audit_entry WHERE action = 'shop.upgrade'",
    );
    expect(audit.staff_name).toBe(TEST_ADMIN.name);
    const backup = (JSON.parse(String(audit.details)) as { backup: string }).backup;
    expect(fs.existsSync(path.join(office.dataDir, 'backups', backup))).toBe(true);

    // the counter, on the older app: a walk-in is refused with "update this PC"
    const intake = new IntakePage(counterPage);
    await intake.ready();
    await intake.newCustomer('Zhao Lei', '13800138000');
    await intake.newDevice('Apple', 'iPhone 13');
    await intake.problem('Battery drains in an hour.');
    await counterPage.keyboard.press('Control+Enter');
    await counterPage
      .getByText(/update this PC/)
      .first()
      .waitFor({ timeout: 30_000 });
    await shot(counterPage, 'upgrade-other-station-en.png');
  });
});
