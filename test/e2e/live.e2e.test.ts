import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../main/api/contract';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/walk-in';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { cutLiveLink } from './live-link';
import { BenchPage } from './pages/BenchPage';
import { LivePage } from './pages/LivePage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: PINS.counter };
const TECH = { name: 'Wang Tech', role: 'technician', pin: PINS.technician };

/**
 * Two stations (two harness processes, each with its own data folder) on one PostgreSQL
 * database: the counter's walk-in on A appears on B's bench board without a reload; B's
 * listening connection killed → B says it is reconnecting (EN, ZH), keeps its board read-only,
 * comes back by itself and re-reads what it missed meanwhile.
 */
describe.skipIf(!pgAvailable())('live updates between two stations (PostgreSQL)', () => {
  let cluster: PgCluster;
  let a: Harness;
  let b: Harness;
  let browser: Browser;
  let page: Page;
  let db: pg.Client;
  let counterToken: string;
  const heard = new Map<string, number>();

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), animations: 'disabled' });
  const walkIn = async () =>
    (await a.api<IntakeResult>('intake.commit', validWalkIn(), counterToken)).ticket;
  const killB = () => cutLiveLink(db, b.dataDir);

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    cluster = await startPgCluster();
    const url = await freshPgDatabase(cluster, 'live');
    a = await startHarness({ db: url });
    await createStaff(a, [COUNTER, TECH]);
    b = await startHarness({ db: url });
    counterToken = (
      await a.api<{ token: string }>('auth.login', { name: COUNTER.name, pin: COUNTER.pin })
    ).token;
    db = new pg.Client({ connectionString: url });
    await db.connect();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // When B's page hears of a ticket on its event socket: the cross-station part of the trip,
    // apart from the board's own refetch and render.
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        const m = /"ticket\.created".*"number":"([^"]+)"/.exec(String(f.payload));
        if (m && !heard.has(m[1])) heard.set(m[1], Date.now());
      }),
    );
    const signIn = new SignInPage(page);
    await signIn.open(b.url);
    await signIn.signIn(TECH.name, TECH.pin);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await b?.stop();
    await a?.stop();
    cluster?.stop();
  });

  it("A's walk-in shows on B's bench board within 1 s; B's link drops and comes back without a reload", async () => {
    const bench = new BenchPage(page);
    const live = new LivePage(page);
    await bench.open();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // The first change after both stations started pays for cold paths (compiling, a pool
    // connection for the NOTIFY, the board's first refetch): waited for, not timed.
    const cold = await walkIn();
    const tc = Date.now();
    await bench.card(cold.number).waitFor({ timeout: 10_000 });
    console.log(`live e2e: first (cold) walk-in on B's board after ${Date.now() - tc} ms`);

    const first = await walkIn();
    const t0 = Date.now();
    await bench.card(first.number).waitFor({ timeout: 5_000 });
    const ms = Date.now() - t0;
    const socket = heard.get(first.number)! - t0;
    console.log(
      `live e2e: ${first.number} on B's event socket ${socket} ms, on B's board ${ms} ms after A's commit returned (load ${os.loadavg()[0].toFixed(1)})`,
    );
    // The station-to-station trip is held to 1 s; the board's refetch and render after it
    // depend on the machine's load and are only reported (and bounded by the 5 s wait above).
    expect(socket).toBeLessThanOrEqual(1_000);
    expect(await live.banner().count()).toBe(0);
    await shot('live-b-board-en.png');

    // Kill B's listener, and again at each reconnect for a while: B stays away long enough
    // for a person (and this test) to see what it shows meanwhile.
    expect(await killB()).toBe(1);
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await killB();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      await live.banner().waitFor({ timeout: 5_000 });
      expect(await live.banner().innerText()).toContain('Reconnecting to the shop’s database…');
      expect(await live.readOnly()).toBe(true);
      // what was on screen stays
      expect(await bench.card(first.number).isVisible()).toBe(true);
      await shot('live-b-reconnecting-en.png');
      // a walk-in B cannot hear about now: it must appear once B is back (it re-reads)
      const missed = await walkIn();
      await new ShellPage(page).switchLanguage('zh');
      await page.getByText('正在重新连接门店数据库…').waitFor();
      await shot('live-b-reconnecting-zh.png');
      await new ShellPage(page).switchLanguage('en');
      killing = false;
      await killer;
      await live.banner().waitFor({ state: 'detached', timeout: 20_000 });
      expect(await live.readOnly()).toBe(false);
      await bench.card(missed.number).waitFor({ timeout: 5_000 });
    } finally {
      killing = false;
      await killer;
    }

    // events flow again, and the page was never reloaded
    const after = await walkIn();
    const t1 = Date.now();
    await bench.card(after.number).waitFor({ timeout: 5_000 });
    expect(heard.get(after.number)! - t1).toBeLessThanOrEqual(1_000);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    await shot('live-b-back-en.png');
  }, 180_000);
});
