import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPasswordLogin,
  pgAvailable,
  startPgCluster,
  type PgCluster,
} from '../helpers/pg-cluster';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { AboutPage } from './pages/AboutPage';
import { SignInPage } from './pages/SignInPage';

/**
 * First start of a station (`start:web --setup` on a fresh data folder): a person chooses
 * "Join the shop's database", types the server, user and a wrong password → the translated
 * refusal (EN, then ZH), then the right one → the workstation opens on PostgreSQL.
 */
const CLERK = { name: 'Carla Counter', role: 'counter', pin: '5820' };

describe.skipIf(!pgAvailable())('Setup: joining the shop database at first start', () => {
  let browser: Browser;
  let cluster: PgCluster;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
    cluster = await startPgCluster();
    await addPasswordLogin(cluster, { user: 'clerk', password: 'right-pass-7', database: 'shop' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const h of harnesses) await h.stop();
    cluster?.stop();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });

  it('wrong password → translated refusal; right password → the workstation on PostgreSQL', async () => {
    const h = await startHarness({ setup: true });
    harnesses.push(h);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(h.url);
    await page.getByTestId('setup-db').waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByText('This PC only (built-in database)').waitFor();
    await shot(page, 'setup-db-choose-en.png');

    await page.getByTestId('setup-join').click();
    await page.getByTestId('setup-host').fill('127.0.0.1');
    await page.getByTestId('setup-port').fill(String(cluster.port));
    await page.getByTestId('setup-database').fill('shop');
    await page.getByTestId('setup-user').fill('clerk');
    await page.getByTestId('setup-password').fill('wrong-pass');
    await page.getByTestId('setup-test').click();
    const outcome = page.getByTestId('setup-outcome');
    await outcome.waitFor();
    const server = `127.0.0.1:${cluster.port}/shop`;
    expect(await outcome.innerText()).toBe(
      `The database server ${server} refused the user name or password. Check them in the database address.`,
    );
    expect(await outcome.innerText()).not.toContain('wrong-pass');
    await shot(page, 'setup-db-wrong-password-en.png');
    await page.getByTestId('lang-zh').click();
    await page.getByText('设置本工作站').waitFor();
    expect(await outcome.innerText()).toBe(
      `数据库服务器 ${server} 拒绝了用户名或密码。请检查数据库地址中的用户名和密码。`,
    );
    await shot(page, 'setup-db-wrong-password-zh.png');
    // nothing chosen yet: the data folder is still empty of a database
    expect(fs.existsSync(path.join(h.dataDir, 'database.json'))).toBe(false);

    // the right password: Test connection says it is an empty database, then join
    await page.getByTestId('setup-password').fill('right-pass-7');
    await page.getByTestId('setup-test').click();
    await page.getByText(`已连接 ${server}：空数据库，本机将是店里的第一台工作站。`).waitFor();
    await shot(page, 'setup-db-ok-zh.png');
    await page.getByTestId('setup-connect').click();
    await page.getByTestId('signin-ready').waitFor({ timeout: 120_000 });

    const config = fs.readFileSync(path.join(h.dataDir, 'database.json'), 'utf8');
    expect(JSON.parse(config)).toEqual({
      engine: 'postgres',
      url: `postgres://clerk@${server}`,
      password: 'stored',
    });
    expect(fs.existsSync(path.join(h.dataDir, 'workstation.sqlite'))).toBe(false);
    await createStaff(h, [CLERK]);
    await page.reload();
    const signIn = new SignInPage(page);
    await page.getByTestId('signin-ready').waitFor();
    await signIn.signIn(CLERK.name, CLERK.pin);
    const about = new AboutPage(page);
    await about.open();
    expect(await about.database()).toBe(`PostgreSQL 服务器 · ${server}`);
    await shot(page, 'setup-db-joined-about-zh.png');
    await page.getByTestId('lang-en').click();
    expect(await about.database()).toBe(`PostgreSQL server · ${server}`);
    await page.close();
  }, 300_000);
});
