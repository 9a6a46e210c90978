import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';

/** An admin sets the shop's time zone in Settings, as a person would: a wrong name is refused
 * in place (translated), a right one is saved and kept after a reload. */
const OWNER = { name: 'Olivia Owner', role: 'admin', pin: '7391' };

describe('the shop time zone setting', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) =>
    page.screenshot({
      path: path.join(RESULTS_DIR, name),
      fullPage: false,
      animations: 'disabled',
    });

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [OWNER]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const signIn = new SignInPage(page);
    await signIn.open(harness.url);
    await signIn.signIn(OWNER.name, OWNER.pin);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('refuses an unknown zone in place, saves a real one, keeps it after a reload', async () => {
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('setting-row-shop.timeZone');
    await row.getByText('Shop time zone').waitFor();
    const input = page.getByTestId('setting-shop.timeZone');
    await input.scrollIntoViewIfNeeded();
    await input.click();
    await page.keyboard.type('Mars/Olympus_Mons');
    await page.getByTestId('setting-shop.timeZone-save').click();
    await row.getByText('Not a known time zone').waitFor();
    await shot('shop-zone-refused-en.png');

    await input.fill('');
    await input.click();
    await page.keyboard.type('Europe/Berlin');
    await page.getByTestId('setting-shop.timeZone-save').click();
    await page.getByText('Setting saved').first().waitFor();
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    await page.getByTestId('nav-settings').click();
    await expect
      .poll(() => page.getByTestId('setting-shop.timeZone').inputValue())
      .toBe('Europe/Berlin');

    await new ShellPage(page).switchLanguage('zh');
    await row.getByText('店铺时区').waitFor();
    await page.getByTestId('setting-shop.timeZone').scrollIntoViewIfNeeded();
    await shot('shop-zone-zh.png');

    const { token } = await harness.api<{ token: string }>('auth.login', {
      name: OWNER.name,
      pin: OWNER.pin,
    });
    const settings = await harness.api<Record<string, unknown>>('settings.get', {}, token);
    expect(settings['shop.timeZone']).toBe('Europe/Berlin');
  });
});
