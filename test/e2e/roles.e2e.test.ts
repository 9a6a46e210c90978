import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { BenchPage } from './pages/BenchPage';

const ADMIN = { name: 'Ada Admin', role: 'admin', pin: '5291' };
const TECH = { name: 'Wang Tech', role: 'technician', pin: '3816' };
const COUNTER = { name: 'Lin Counter', role: 'counter', pin: '1397' };

/** Roles as a person meets them: the first-run step, a scan from any screen, a refused list. */
describe('roles, first screens and the first run', () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let signIn: SignInPage;
  let ticket: { id: number; number: string };

  beforeAll(async () => {
    harness = await startHarness();
    const admin = await createStaff(harness, [ADMIN, TECH, COUNTER]);
    const made = await harness.api<{ ticket: { id: number; number: string } }>(
      'intake.commit',
      {
        idempotencyKey: 'roles-e2e-1',
        customer: { name: 'Zhang Wei', phone: '13800138000', channel: 'our_store' },
        device: { type: 'phone', brand: 'Huawei', model: 'Mate 60 Pro', proof: 'none' },
        ticket: {
          category: 'fault',
          priority: 'normal',
          serviceMode: 'carry_in',
          problem: 'No sound from the speaker',
          accessories: [],
          conditionNotes: '',
          backupAck: true,
          exclusion: 'none',
          estimateCents: 0,
          depositCents: 0,
        },
      },
      admin,
    );
    ticket = made.ticket;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const fresh = async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    signIn = new SignInPage(page);
    await signIn.open(harness.url);
  };

  it('an admin on a shop without its details is offered the setup step; saved, it goes away', async () => {
    await fresh();
    await signIn.signIn(ADMIN.name, ADMIN.pin);
    const setup = page.getByTestId('shop-setup');
    await setup.waitFor();
    // A phone is needed: Enter on an empty phone keeps the step open with the field's error.
    await page.getByTestId('setup-name').fill('');
    await page.getByTestId('setup-name').pressSequentially('Lucky Phone Repair');
    await page.getByTestId('setup-phone').press('Enter');
    await setup.getByText('Required.').waitFor();
    await page.getByTestId('setup-address').fill('88 Renmin Rd, Shenzhen');
    await page.getByTestId('setup-phone').fill('0755-1234 5678');
    await page.getByTestId('setup-tax').fill('6');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'roles-setup-en.png') });
    await page.getByTestId('setup-phone').press('Enter');
    await setup.waitFor({ state: 'detached' });
    // The admin's own first screen follows.
    await page.getByTestId('settings-page').waitFor();
    const { token } = await harness.api<{ token: string }>('auth.login', {
      name: ADMIN.name,
      pin: ADMIN.pin,
    });
    const s = await harness.api<Record<string, unknown>>('settings.get', {}, token);
    expect([s['shop.name'], s['shop.phone'], s['tax.rateBp']]).toEqual([
      'Lucky Phone Repair',
      '0755-1234 5678',
      600,
    ]);
    // Once set up, signing in again goes straight to work.
    await page.reload();
    await page.getByTestId('settings-page').waitFor();
    await expect(setup.count()).resolves.toBe(0);
    // Settings show people's units: tax as a percent, never basis points, and no raw keys.
    const tax = page.getByTestId('setting-tax.rateBp');
    await expect(tax.inputValue()).resolves.toBe('6 %');
    await expect(page.getByTestId('settings-page').innerText()).resolves.not.toContain(
      'tax.rateBp',
    );
  });

  it('a technician lands on the bench, sees only what the role may use, and a scan from any screen opens the ticket', async () => {
    await fresh();
    await signIn.signIn(TECH.name, TECH.pin);
    await page.getByTestId('bench-page').waitFor();
    await expect(page.getByTestId('nav-intake').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-pickup').count()).resolves.toBe(0);
    const bench = new BenchPage(page);
    // From Settings (no text field focused), the tag's scan opens the ticket on the bench.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    await bench.blur();
    await bench.scan(ticket.number);
    await page
      .getByTestId('bench-detail-number')
      .getByText(ticket.number, { exact: true })
      .waitFor();
  });

  it('a refused list says so in the window language, never "nothing here"', async () => {
    await fresh();
    // The server's own refusal, as a technician gets it for the complaints list…
    const tech = await harness.api<{ token: string }>('auth.login', {
      name: TECH.name,
      pin: TECH.pin,
    });
    const res = await fetch(`${harness.url}/api/complaints.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tech.token}` },
      body: JSON.stringify({ view: 'open' }),
    });
    expect(res.status).toBe(403);
    const refusal = await res.text();
    // …answered to a counter whose role is changed while the screen is open.
    await page.route('**/api/complaints.list', (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: refusal }),
    );
    await signIn.signIn(COUNTER.name, COUNTER.pin);
    await page.getByTestId('nav-pickup').click();
    await page.getByTestId('tab-complaints').click();
    const error = page.getByTestId('query-error');
    await error.waitFor();
    await expect(error.getAttribute('data-code')).resolves.toBe('FORBIDDEN');
    await expect(error.innerText()).resolves.toContain('Your role may not do this.');
    await expect(page.getByTestId('query-empty').count()).resolves.toBe(0);
    await page.getByRole('banner').getByTestId('lang-zh').click();
    await expect(error.innerText()).resolves.toContain('您的角色无权');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'roles-forbidden-zh.png') });
  });
});
