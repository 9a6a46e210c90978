import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../main/api/contract';
import {
  addPasswordLogin,
  pgAvailable,
  startPgCluster,
  type PgCluster,
} from '../helpers/pg-cluster';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/walk-in';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  createStaff,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { StationsPage } from './pages/StationsPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: PINS.counter };
const PASSWORD = 'right-pass-7';

/**
 * Issue 15 item 5 on screen: a shop on this PC's SQLite file moves to the shop's PostgreSQL
 * server from Settings → Stations (Test, Move, confirm, progress, verification); the station
 * then refuses writes, and started again on the same data folder it opens the server with the
 * moved tickets.
 */
describe.skipIf(!pgAvailable())('moving a SQLite shop to the database server (PostgreSQL)', () => {
  let browser: Browser;
  let cluster: PgCluster;
  let h: Harness;
  let again: Harness | undefined;
  let page: Page;
  let dataDir = '';
  let number = '';
  let counter = '';

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    cluster = await startPgCluster();
    // The shop's server asks a password over TCP, as a real one would.
    await addPasswordLogin(cluster, { user: 'clerk', password: PASSWORD, database: 'shop' });
    h = await startHarness({ stationName: 'Counter' });
    dataDir = h.dataDir;
    await createStaff(h, [COUNTER]);
    counter = (
      await h.api<{ token: string }>('auth.login', { name: COUNTER.name, pin: COUNTER.pin })
    ).token;
    const r = await h.api<IntakeResult>('intake.commit', validWalkIn(), counter);
    number = r.ticket.number;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await again?.stop();
    await h?.stop();
    cluster?.stop();
  });

  it('the admin tests the server, moves the shop with progress, sees the verification; writes are refused', async () => {
    const signIn = new SignInPage(page);
    await signIn.open(h.url);
    await new ShellPage(page).switchLanguage('en');
    await signIn.signIn(TEST_ADMIN.name, TEST_ADMIN.pin);
    await new StationsPage(page).open();
    const part = page.getByTestId('station-move');
    await part.scrollIntoViewIfNeeded();
    await part.getByText('Move this shop to a database server').waitFor();

    await page.getByTestId('station-move-host').fill('127.0.0.1');
    await page.getByTestId('station-move-port').fill(String(cluster.port));
    await page.getByTestId('station-move-database').fill('shop');
    await page.getByTestId('station-move-user').fill('clerk');
    // a wrong password: translated, under the fields
    await page.getByTestId('station-move-password').fill('wrong-pass');
    await page.getByTestId('station-move-test').click();
    await part.getByText(/refused the user name or password/).waitFor();

    await page.getByTestId('station-move-password').fill(PASSWORD);
    await page.getByTestId('station-move-test').click();
    await page.getByTestId('station-move-tested').waitFor();
    expect(await page.getByTestId('station-move-tested').innerText()).toMatch(
      /^Connected to 127\.0\.0\.1:\d+\/shop: an empty database, ready for the move\.$/,
    );
    // Enter submits: the confirmation says what happens to the other PCs and to this one
    await page.getByTestId('station-move-password').press('Enter');
    await page.getByTestId('station-move-confirm-text').waitFor();
    expect(await page.getByTestId('station-move-confirm-text').innerText()).toContain(
      'Every other PC must be closed',
    );
    await page.getByTestId('station-move-confirm').click();
    await page.getByTestId('station-move-progress').waitFor();
    await page.getByTestId('station-move-done').waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId('station-move-rows').innerText();
    const [done, total] = /^(\d+) of (\d+) rows$/.exec(rows)!.slice(1).map(Number);
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(0);
    const verification = await page.getByTestId('station-move-verification').innerText();
    expect(verification).toContain('audit chain verifies');
    expect(verification).not.toContain('≠');
    expect(await page.getByTestId('station-move-restart').innerText()).toMatch(
      /^Restart this workstation to use the server/,
    );
    expect(await page.getByTestId('station-move-verdict').innerText()).toMatch(
      /^\d+ checks, 0 not matching$/,
    );
    // the progress, the verification and "Restart" in one view, below the sticky header
    await page
      .getByTestId('station-move-progress')
      .evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('station-move-done-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await page.getByText('请重新启动本工作站以使用服务器', { exact: false }).waitFor();
    await shot('station-move-done-zh.png');
    await new ShellPage(page).switchLanguage('en');

    // a write at this station (the counter, over the API) is refused, translated
    await expect(h.api('intake.commit', validWalkIn(), counter)).rejects.toThrow(
      /stationsMove\.errors\.moved/,
    );
    // the audit on the server names the move, never the password
    const db = new pg.Client({ connectionString: cluster.url('shop') });
    await db.connect();
    const { rows: audit } = await db.query<{ action: string; details: string }>(
      `SELECT action, details FROM audit_entry WHERE action LIKE 'stations.move%' ORDER BY id`,
    );
    await db.end();
    expect(audit.map((a) => a.action)).toEqual(['stations.moveToServer', 'stations.moveDone']);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(h.output()).not.toContain(PASSWORD);
  }, 240_000);

  it('started again on the same folder, the station opens the server with the moved ticket', async () => {
    await h.stop({ keepData: true });
    again = await startHarness({ dataDir });
    const signIn = new SignInPage(page);
    await signIn.open(again.url);
    await signIn.signIn(TEST_ADMIN.name, TEST_ADMIN.pin);
    const hit = await new ShellPage(page).searchTicket(number, number);
    expect(await hit.innerText()).toContain(number);
    await page.keyboard.press('Escape');
    await new StationsPage(page).open();
    // on the server now: no move section, the passcode key may be shared
    await page.getByTestId('shop-key-state').waitFor();
    expect(await page.getByTestId('station-move').count()).toBe(0);
    await page.getByTestId('stations-panel').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('station-move-reopened-en.png');
    expect(again.output()).not.toContain(PASSWORD);
    // saving works again, on the server
    const c = (
      await again.api<{ token: string }>('auth.login', { name: COUNTER.name, pin: COUNTER.pin })
    ).token;
    await again.api('intake.commit', validWalkIn(), c);
  }, 240_000);
});
