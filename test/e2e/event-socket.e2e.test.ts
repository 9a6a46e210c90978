import fs from 'node:fs';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../main/api/contract';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/walk-in';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { BenchPage } from './pages/BenchPage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

const COUNTER = { name: 'Lin Counter', role: 'counter', pin: PINS.counter };
const TECH = { name: 'Wang Tech', role: 'technician', pin: PINS.technician };

/**
 * The page's own event socket (page ↔ its station) drops for a while, as it does when the
 * station's process is busy or the PC sleeps: what was announced meanwhile reached nobody, so
 * the page re-reads when the socket is back; and switching the language keeps the socket.
 */
describe("the page's event socket", () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let counterToken: string;
  const sockets: WebSocketRoute[] = [];
  /** While set, the page's attempts to open its event socket are turned away. */
  let refusing = false;

  const walkIn = async () =>
    (await harness.api<IntakeResult>('intake.commit', validWalkIn(), counterToken)).ticket;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [COUNTER, TECH]);
    counterToken = (
      await harness.api<{ token: string }>('auth.login', {
        name: COUNTER.name,
        pin: COUNTER.pin,
      })
    ).token;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Every event socket the page opens goes through here: passed on to the station as it is,
    // or closed at once while refusing.
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      if (refusing) {
        void ws.close({ code: 1011, reason: 'test: away' });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(TECH.name, TECH.pin);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('a walk-in announced while the socket was away is on the board once it is back', async () => {
    const bench = new BenchPage(page);
    await bench.open();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const heard = await walkIn();
    await bench.card(heard.number).waitFor({ timeout: 5_000 });
    const opened = sockets.length;

    refusing = true;
    await sockets.at(-1)!.close({ code: 1011, reason: 'test: dropped' });
    const missed = await walkIn();
    // announced to no page: still not on the board a moment later
    await page.waitForTimeout(700);
    expect(await bench.card(missed.number).count()).toBe(0);
    refusing = false;

    // the page tries again on its own back-off (0.5 s, 1 s, 2 s …) and re-reads once back
    await bench.card(missed.number).waitFor({ timeout: 10_000 });
    expect(sockets.length).toBeGreaterThan(opened);
    // and events flow again on the new socket
    const after = await walkIn();
    await bench.card(after.number).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
  });

  it('switching the language keeps the event socket: an event right after it is heard', async () => {
    const bench = new BenchPage(page);
    const opened = sockets.length;
    const shell = new ShellPage(page);
    await shell.switchLanguage('zh');
    const during = await walkIn();
    await shell.switchLanguage('en');
    await bench.card(during.number).waitFor({ timeout: 5_000 });
    expect(sockets.length).toBe(opened);
  });
});
