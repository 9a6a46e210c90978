import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { AboutPage } from './pages/AboutPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

/** Settings → About says which database this station works on, in both languages: the built-in
 * SQLite file, or the PostgreSQL server (host:port/database, never the password). */
const CLERK = { name: 'Carla Counter', role: 'counter', pin: '5820' };

describe('Settings → About: the database this station works on', () => {
  let browser: Browser;
  const harnesses: Harness[] = [];
  let cluster: PgCluster | null = null;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const h of harnesses) await h.stop();
    cluster?.stop();
  });

  async function signedIn(h: Harness): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const signIn = new SignInPage(page);
    await signIn.open(h.url);
    await signIn.signIn(CLERK.name, CLERK.pin);
    return page;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });

  it('on SQLite: the built-in database and its file', async () => {
    const h = await startHarness();
    harnesses.push(h);
    await createStaff(h, [CLERK]);
    const page = await signedIn(h);
    const about = new AboutPage(page);
    await about.open();
    const file = path.join(h.dataDir, 'workstation.sqlite');
    expect(await about.database()).toBe(`Built-in database (SQLite) · ${file}`);
    await shot(page, 'about-sqlite-en.png');
    await new ShellPage(page).switchLanguage('zh');
    await page.getByText('关于本工作站').waitFor();
    expect(await about.database()).toBe(`内置数据库（SQLite）· ${file}`);
    await shot(page, 'about-sqlite-zh.png');
    await page.close();
  });

  it.skipIf(!pgAvailable())('on PostgreSQL (--db): the server, never the password', async () => {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`CREATE ROLE shopapp LOGIN PASSWORD 'pw-never-shown'`);
    await admin.query('CREATE DATABASE shop OWNER shopapp');
    await admin.end();
    const url = new URL(cluster.url('shop'));
    url.username = 'shopapp';
    url.password = 'pw-never-shown';
    const h = await startHarness({ db: url.toString() });
    harnesses.push(h);
    await createStaff(h, [CLERK]);
    const page = await signedIn(h);
    const about = new AboutPage(page);
    await about.open();
    expect(await about.database()).toBe(`PostgreSQL server · 127.0.0.1:${cluster.port}/shop`);
    expect(await page.content()).not.toContain('pw-never-shown');
    await shot(page, 'about-postgres-en.png');
    await new ShellPage(page).switchLanguage('zh');
    expect(await about.database()).toBe(`PostgreSQL 服务器 · 127.0.0.1:${cluster.port}/shop`);
    await shot(page, 'about-postgres-zh.png');
    // nothing of the shop went into the data folder: it is the station's own
    expect(fs.existsSync(path.join(h.dataDir, 'workstation.sqlite'))).toBe(false);
    await page.close();
  });
});
