import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addStaffWithPin } from '../../main/domain/staff/bootstrap';
import {
  RESULTS_DIR,
  TEST_ADMIN,
  harnessCaller,
  launchChromium,
  startHarness,
  type Harness,
} from './harness';
import { IntakePage } from './pages/IntakePage';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { LockScreenPage, StaffPage } from './pages/StaffPage';

/** Issue 13 in the browser: first run, one-time PINs, deactivation on another page, idle lock. */
describe('staff who come and go, in the browser harness', () => {
  let harness: Harness;
  let browser: Browser;
  let admin: Page;
  let other: Page;
  const VIEW = { width: 1366, height: 768 };

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    browser = await launchChromium();
    // Two browsers' worth of pages: separate storage, separate sessions, separate stations.
    admin = await (await browser.newContext({ viewport: VIEW })).newPage();
    other = await (await browser.newContext({ viewport: VIEW })).newPage();
    for (const p of [admin, other]) p.setDefaultTimeout(45_000);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name) });

  it('first run: Admin/0000 leads straight to "set your PIN", and nothing else works until then', async () => {
    const signIn = new SignInPage(admin);
    await signIn.open(harness.url);
    await signIn.signInOneTime('Admin', '0000');
    await expect(admin.getByTestId('pin-change-why').innerText()).resolves.toMatch(/0000/);
    await expect(admin.getByTestId('app-ready').count()).resolves.toBe(0);
    await shot(admin, 'staff-forced-pin-en.png');

    // The API answers nothing else meanwhile, with its own code.
    const { token } = await harness.api<{ token: string }>('auth.login', {
      name: 'Admin',
      pin: '0000',
    });
    await expect(harness.api('tickets.list', {}, token)).rejects.toThrow(/PIN_CHANGE_REQUIRED/);

    // A guessable PIN is refused on the spot, in words.
    await signIn.setOwnPin('0000', '1234');
    await expect(admin.getByText('Not a run like 1234 or 9876.').isVisible()).resolves.toBe(true);
    await signIn.setOwnPin('0000', TEST_ADMIN.pin);
    await admin.getByTestId('app-ready').waitFor();
    // The other session opened with 0000 (which everyone knows) ended with the change.
    await expect(harness.api('tickets.list', {}, token)).rejects.toThrow(
      /sessionEnded\.pinChanged/,
    );
  });

  it('an admin adds a technician, who signs in with the one-time PIN and must set their own', async () => {
    const staff = new StaffPage(admin);
    await staff.open();
    await staff.add('Tech Tom', 'Technician', '8642');
    await expect(staff.row('Tech Tom').innerText()).resolves.toMatch(/one-time pin/i);
    await staff.row('Tech Tom').scrollIntoViewIfNeeded();
    await shot(admin, 'staff-screen-en.png');

    const signIn = new SignInPage(other);
    await signIn.open(harness.url);
    await new ShellPage(other).switchLanguage('zh');
    await signIn.signInOneTime('Tech Tom', '8642');
    await expect(other.getByTestId('pin-change-why').innerText()).resolves.toMatch(/只能使用一次/);
    await shot(other, 'staff-forced-pin-zh.png');
    await signIn.setOwnPin('8642', '2468');
    await other.getByTestId('app-ready').waitFor();
    await expect(staff.row('Tech Tom').innerText()).resolves.not.toMatch(/one-time pin/i);
  });

  it('deactivated while signed in on another page: that page goes to sign-in and says why', async () => {
    await new StaffPage(admin).deactivate('Tech Tom', 'Left the shop');
    const signIn = new SignInPage(other);
    await expect(signIn.endedMessage()).resolves.toMatch(/此账号已停用/);
    await expect(other.getByTestId('staff-Tech Tom').count()).resolves.toBe(0);
    // The list re-reads after the save: wait for the row to say so, as a person looks again.
    await new StaffPage(admin).row('Tech Tom').filter({ hasText: /inactive/i }).waitFor();

    await new ShellPage(admin).switchLanguage('zh');
    await admin.getByText('停用').first().waitFor();
    await shot(admin, 'staff-screen-zh.png');
    await new ShellPage(admin).switchLanguage('en');
  });

  it('locks over a half-typed intake after the idle setting; the same PIN unlocks and the draft is there', async () => {
    const token = (await harness.api<{ token: string }>('auth.login', TEST_ADMIN)).token;
    await addStaffWithPin(harnessCaller(harness), token, {
      name: 'Lin Counter',
      role: 'counter',
      pin: '1357',
    });
    // 3 seconds instead of 10 minutes: read at sign-in.
    await harness.api('settings.update', { key: 'auth.idleLockMinutes', value: 0.05 }, token);

    const signIn = new SignInPage(other);
    await signIn.open(harness.url);
    await signIn.signIn('Lin Counter', '1357');
    const intake = new IntakePage(other);
    await intake.ready();
    await intake.newCustomer('王小明', '13912345678');
    await intake.byTestId('device-brand').fill('Apple');

    const lock = new LockScreenPage(other);
    await lock.waitLocked();
    await expect(other.getByTestId('lock-screen').innerText()).resolves.toMatch(/屏幕已锁定/);
    await shot(other, 'lock-screen-zh.png');
    await expect(lock.wrongPin('2468')).resolves.toMatch(/这不是您的 PIN/);
    await lock.unlock('1357');
    await expect(intake.byTestId('customer-name').inputValue()).resolves.toBe('王小明');
    await expect(intake.byTestId('device-brand').inputValue()).resolves.toBe('Apple');

    await new ShellPage(other).switchLanguage('en');
    await lock.waitLocked();
    await expect(other.getByTestId('lock-screen').innerText()).resolves.toMatch(/Screen locked/);
    await shot(other, 'lock-screen-en.png');
    await lock.unlock('1357');
    await expect(intake.byTestId('customer-name').inputValue()).resolves.toBe('王小明');

    // Switch user: back to the picker, for the next person.
    await lock.waitLocked();
    await lock.switchUser();
  });

  it('a manager sees the staff read-only and unlocks a person locked out by wrong PINs', async () => {
    const token = (await harness.api<{ token: string }>('auth.login', TEST_ADMIN)).token;
    await harness.api('settings.update', { key: 'auth.idleLockMinutes', value: 10 }, token);
    const manager = { name: 'Zhou Manager', role: 'manager', pin: '4680' };
    await addStaffWithPin(harnessCaller(harness), token, manager);

    const counterSignIn = new SignInPage(other);
    await counterSignIn.open(harness.url);
    await expect(counterSignIn.wrongPin('Lin Counter', '9999')).resolves.toMatch(/4 attempts/);
    const error = other.getByTestId('signin-error');
    for (const left of ['3 attempts', '2 attempts', '1 attempt left']) {
      await counterSignIn.typePin('9999');
      await error.getByText(left, { exact: false }).waitFor();
    }
    await counterSignIn.typePin('9999');
    await error.getByText('Try again in 5 min', { exact: false }).waitFor();

    await new SignInPage(admin).switchTo(manager);
    const staff = new StaffPage(admin);
    await staff.open();
    await admin.getByTestId('staff-read-only').waitFor();
    await expect(admin.getByTestId('staff-add').count()).resolves.toBe(0);
    await expect(staff.row('Lin Counter').innerText()).resolves.toMatch(/locked until/i);
    await admin.getByTestId('staff-unlock-Lin Counter').click();
    await admin.getByTestId('staff-unlock-Lin Counter').waitFor({ state: 'detached' });

    await counterSignIn.open(harness.url);
    await counterSignIn.signIn('Lin Counter', '1357');
  });
});
