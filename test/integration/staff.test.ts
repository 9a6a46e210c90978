import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeDto, PickerStaff, StaffRow } from '../../main/api/contract';
import { scryptSync } from 'node:crypto';
import { SHOP_PIN_COST } from '../../main/domain/staff/pin';
import { PINS, openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop();
});
afterEach(() => shop.close());

const at = (origin: string) => ({
  login: (name: string, pin: string) =>
    shop.ws.dispatcher.call('auth.login', { name, pin }, { token: null, origin }),
});
const login = (name: string, pin: string) => at('test').login(name, pin);
const tokenOf = async (name: string, pin: string) => {
  const res = await login(name, pin);
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return (res.result as { token: string }).token;
};
const row = async (admin: string, name: string) =>
  ((await shop.call(admin, 'staff.list', {})) as StaffRow[]).find((s) => s.name === name)!;
const lastAudit = async (action: string) =>
  (await shop.sql.get<{ staff_name: string; outcome: string; details: string }>(
    'SELECT staff_name, outcome, details FROM audit_entry WHERE action = ? ORDER BY id DESC LIMIT 1',
    action,
  ))!;

describe('first run', () => {
  it('Admin/0000 signs in only to set a new PIN; everything else answers PIN_CHANGE_REQUIRED', async () => {
    const token = await tokenOf('Admin', '0000');
    const me = (await shop.call(token, 'auth.me', {})) as MeDto;
    expect(me).toMatchObject({ mustChangePin: true, firstRun: true });
    const refused = await shop.fail(token, 'tickets.list', {});
    expect(refused).toMatchObject({
      code: 'PIN_CHANGE_REQUIRED',
      details: { key: 'errors.pinChangeRequired' },
    });
    expect(
      (await shop.fail(token, 'staff.create', { name: 'X', role: 'admin', pin: '2580' })).code,
    ).toBe('PIN_CHANGE_REQUIRED');

    // A weak new PIN is refused with its reason, on the field.
    const weak = await shop.fail(token, 'auth.changePin', { oldPin: '0000', newPin: '1234' });
    expect(weak).toMatchObject({
      code: 'VALIDATION',
      details: { key: 'errors.pin.run', issues: [{ path: 'newPin' }] },
    });
    const wrongOld = await shop.fail(token, 'auth.changePin', { oldPin: '1111', newPin: '2580' });
    expect(wrongOld).toMatchObject({
      code: 'FORBIDDEN',
      details: { key: 'errors.wrongOwnPin', issues: [{ path: 'oldPin' }] },
    });

    await shop.call(token, 'auth.changePin', { oldPin: '0000', newPin: '2580' });
    expect(((await shop.call(token, 'auth.me', {})) as MeDto).mustChangePin).toBe(false);
    await shop.call(token, 'tickets.list', {});
    // 0000 no longer works; the new PIN goes straight to work.
    expect((await login('Admin', '0000')).ok).toBe(false);
    const again = await tokenOf('Admin', '2580');
    expect(((await shop.call(again, 'auth.me', {})) as MeDto).mustChangePin).toBe(false);
    // The audit says a PIN changed, never which.
    expect((await lastAudit('auth.changePin')).details).not.toMatch(/2580|0000/);
  });

  it('a PIN from before the rules (stored as bare hex) still signs in, is rehashed, and must be replaced', async () => {
    // as issue 12 stored them: the shop's scrypt cost, no prefix
    const salt = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    await shop.sql.run(
      `INSERT INTO staff (name, role, pin_hash, pin_salt, active, failed_pins, created_at, updated_at, version)
              VALUES ('Old Timer', 'counter', ?, ?, 1, 0, 0, 0, 1)`,
      scryptSync('1111', salt, 32, SHOP_PIN_COST).toString('hex'),
      salt,
    );
    const token = await tokenOf('Old Timer', '1111');
    const stored = await shop.sql.get<{ pin_hash: string }>(
      "SELECT pin_hash FROM staff WHERE name = 'Old Timer'",
    );
    expect(stored!.pin_hash).toMatch(/^scrypt\$/);
    expect(((await shop.call(token, 'auth.me', {})) as MeDto).mustChangePin).toBe(true);
  });
});

describe('own PIN', () => {
  it('needs the old PIN, refuses the same and the previous PIN', async () => {
    const admin = await shop.as('admin');
    await shop.addStaff({ name: 'Pat', role: 'counter', pin: '1357' });
    const token = await tokenOf('Pat', '1357');
    expect(
      (await shop.fail(token, 'auth.changePin', { oldPin: '1357', newPin: '1357' })).details?.key,
    ).toBe('errors.pin.same');
    await shop.call(token, 'auth.changePin', { oldPin: '1357', newPin: '2468' });
    // 8642 was the one-time PIN from addStaff; 1357 is now the previous PIN.
    expect(
      (await shop.fail(token, 'auth.changePin', { oldPin: '2468', newPin: '1357' })).details?.key,
    ).toBe('errors.pin.previous');
    await shop.call(admin, 'settings.update', { key: 'auth.pinMinLength', value: 6 });
    expect(
      (await shop.fail(token, 'auth.changePin', { oldPin: '2468', newPin: '3579' })).details,
    ).toMatchObject({
      key: 'errors.pin.length',
      params: { min: 6, max: 8 },
    });
    await shop.call(token, 'auth.changePin', { oldPin: '2468', newPin: '357913' });
    expect((await login('Pat', '357913')).ok).toBe(true);
  });
});

describe('staff management', () => {
  it('a new person signs in with the one-time PIN and must set their own', async () => {
    const admin = await shop.as('admin');
    await shop.call(admin, 'staff.create', { name: 'Tech Tom', role: 'technician', pin: '8642' });
    expect((await row(admin, 'Tech Tom')).mustChangePin).toBe(true);
    const token = await tokenOf('Tech Tom', '8642');
    expect((await shop.fail(token, 'bench.queue', {})).code).toBe('PIN_CHANGE_REQUIRED');
    await shop.call(token, 'auth.changePin', { oldPin: '8642', newPin: '2468' });
    await shop.call(token, 'bench.queue', {});
    const r = await row(admin, 'Tech Tom');
    expect(r).toMatchObject({ mustChangePin: false, active: true, role: 'technician' });
    expect(r.lastSignInAt).toBe(shop.clock.now);
  });

  it('deactivation: refused at sign-in with its own error, open sessions end, history keeps the name', async () => {
    const admin = await shop.as('admin');
    const counter = await shop.as('counter');
    const me = (await shop.call(counter, 'auth.me', {})) as MeDto;
    const before = await row(admin, 'Test counter');
    const bad = await shop.fail(admin, 'staff.setActive', {
      id: me.staff.id,
      active: false,
      reason: ' ',
      version: before.version,
    });
    expect(bad.code).toBe('VALIDATION');
    await shop.call(admin, 'staff.setActive', {
      id: me.staff.id,
      active: false,
      reason: 'Left the shop',
      version: before.version,
    });

    expect(await shop.fail(counter, 'tickets.list', {})).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { key: 'errors.sessionEnded.deactivated', reason: 'deactivated' },
    });
    const again = await login('Test counter', PINS.counter);
    expect(!again.ok && again.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { key: 'errors.staffInactive' },
    });
    // Not in the picker; still in the audit under their name; reason recorded.
    const picker = (await shop.call(null, 'auth.staff', {})) as PickerStaff[];
    expect(picker.map((p) => p.name)).not.toContain('Test counter');
    expect(JSON.parse((await lastAudit('staff.setActive')).details)).toMatchObject({
      name: 'Test counter',
      active: false,
      reason: 'Left the shop',
    });
    const r = await row(admin, 'Test counter');
    expect(r).toMatchObject({ active: false, statusReason: 'Left the shop' });

    await shop.call(admin, 'staff.setActive', {
      id: r.id,
      active: true,
      reason: 'Came back',
      version: r.version,
    });
    expect((await login('Test counter', PINS.counter)).ok).toBe(true);
  });

  it('a role change ends the sessions and is audited old → new; a PIN reset ends them and is one-time', async () => {
    const admin = await shop.as('admin');
    const tech = await shop.as('technician');
    const r = await row(admin, 'Test technician');
    await shop.call(admin, 'staff.update', { id: r.id, role: 'inspector', version: r.version });
    expect((await shop.fail(tech, 'auth.me', {})).details?.key).toBe(
      'errors.sessionEnded.roleChanged',
    );
    expect(JSON.parse((await lastAudit('staff.update')).details)).toMatchObject({
      role: { from: 'technician', to: 'inspector' },
    });
    // A stale version is refused.
    expect(
      (await shop.fail(admin, 'staff.update', { id: r.id, name: 'T2', version: r.version })).details
        ?.key,
    ).toBe('errors.stale');

    const token = await tokenOf('Test technician', PINS.technician);
    await shop.call(admin, 'staff.resetPin', { id: r.id, pin: '8642' });
    expect((await shop.fail(token, 'auth.me', {})).details?.key).toBe(
      'errors.sessionEnded.pinReset',
    );
    expect((await login('Test technician', PINS.technician)).ok).toBe(false);
    const one = await tokenOf('Test technician', '8642');
    expect((await shop.call(one, 'auth.me', {})) as MeDto).toMatchObject({
      mustChangePin: true,
      firstRun: false,
    });
    expect((await shop.fail(one, 'bench.queue', {})).code).toBe('PIN_CHANGE_REQUIRED');
    expect((await lastAudit('staff.resetPin')).details).not.toContain('8642');
  });

  it('the last active admin cannot be deactivated or demoted', async () => {
    const admin = await shop.as('admin');
    const me = await row(admin, 'Admin');
    expect(
      (
        await shop.fail(admin, 'staff.setActive', {
          id: me.id,
          active: false,
          reason: 'x',
          version: me.version,
        })
      ).details?.key,
    ).toBe('errors.lastAdmin');
    expect(
      (await shop.fail(admin, 'staff.update', { id: me.id, role: 'manager', version: me.version }))
        .details?.key,
    ).toBe('errors.lastAdmin');
    await shop.addStaff({ name: 'Second Admin', role: 'admin', pin: '7391' });
    await shop.call(admin, 'staff.update', { id: me.id, role: 'manager', version: me.version });
    const second = await tokenOf('Second Admin', '7391');
    const s = await row(second, 'Second Admin');
    expect(
      (
        await shop.fail(second, 'staff.setActive', {
          id: s.id,
          active: false,
          reason: 'x',
          version: s.version,
        })
      ).details?.key,
    ).toBe('errors.lastAdmin');
  });

  it('managers read the list but change nothing; names are unique', async () => {
    const admin = await shop.as('admin');
    const manager = await shop.as('manager');
    const list = (await shop.call(manager, 'staff.list', {})) as StaffRow[];
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['Admin', 'Test manager']));
    const r = list.find((s) => s.name === 'Admin')!;
    expect(
      (await shop.fail(manager, 'staff.update', { id: r.id, name: 'Boss', version: r.version }))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await shop.fail(admin, 'staff.create', {
          name: 'Test manager',
          role: 'counter',
          pin: '8642',
        })
      ).details?.key,
    ).toBe('errors.staffExists');
  });
});

describe('sessions', () => {
  it('expire after auth.sessionHours (12 h by default), on the injected clock', async () => {
    await shop.as('counter');
    // A session of its own: the helper keeps its role sessions alive across clock jumps.
    const counter = await tokenOf('Test counter', PINS.counter);
    shop.clock.now += 12 * 3_600_000;
    await shop.call(counter, 'auth.me', {});
    shop.clock.now += 1;
    expect(await shop.fail(counter, 'auth.me', {})).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { key: 'errors.sessionEnded.expired' },
    });
  });

  it('a locked session does nothing until its owner types their PIN', async () => {
    const counter = await shop.as('counter');
    await shop.call(counter, 'auth.lock', {});
    expect((await shop.fail(counter, 'tickets.list', {})).code).toBe('SESSION_LOCKED');
    expect(((await shop.call(counter, 'auth.me', {})) as MeDto).locked).toBe(true);
    expect((await shop.fail(counter, 'auth.unlock', { pin: PINS.manager })).details).toMatchObject({
      key: 'errors.wrongOwnPin',
      params: { attemptsLeft: 4 },
    });
    await shop.call(counter, 'auth.unlock', { pin: PINS.counter });
    await shop.call(counter, 'tickets.list', {});
  });

  it('auth.staff shows only what the picker draws', async () => {
    await shop.as('counter');
    const picker = (await shop.call(null, 'auth.staff', {})) as PickerStaff[];
    for (const p of picker)
      expect(Object.keys(p).sort()).toEqual(['colour', 'initials', 'name', 'role']);
  });
});

describe('wrong PINs: per station and per person', () => {
  it('5 wrong at station A lock the person at A only; B signs in after the throttle window', async () => {
    await shop.as('manager');
    const A = at('station-A');
    const B = at('station-B');
    for (let i = 0; i < 4; i++) await A.login('Test manager', '9999');
    const fifth = await A.login('Test manager', '9999');
    expect(!fifth.ok && fifth.error.details?.key).toBe('errors.locked');

    // Right away every station waits a short while (slows guessing from many places) ...
    const early = await B.login('Test manager', PINS.manager);
    expect(!early.ok && early.error.details).toMatchObject({
      key: 'errors.accountPaused',
      params: { seconds: 30 },
    });
    // ... then B signs in with the right PIN, while A stays locked.
    shop.clock.now += 30_001;
    expect((await B.login('Test manager', PINS.manager)).ok).toBe(true);
    const stillA = await A.login('Test manager', PINS.manager);
    expect(!stillA.ok && stillA.error.details?.key).toBe('errors.locked');
  });

  it('one station guessing at many people is paused after auth.stationMaxAttempts', async () => {
    for (const role of ['counter', 'technician', 'inspector'] as const) await shop.as(role);
    const A = at('station-A');
    const names = ['Test counter', 'Test technician', 'Test inspector'];
    const keys: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await A.login(names[i % 3], '9999');
      keys.push(!res.ok ? String(res.error.details?.key) : 'ok');
    }
    expect(keys.slice(0, 9).every((k) => k === 'errors.badPin')).toBe(true);
    expect(keys[9]).toBe('errors.stationPaused');
    // Nobody is locked out elsewhere.
    expect((await at('station-B').login('Test counter', PINS.counter)).ok).toBe(true);
    expect((await A.login('Test counter', PINS.counter)).ok).toBe(false);
    shop.clock.now += 60_001;
    expect((await A.login('Test counter', PINS.counter)).ok).toBe(true);
  });

  it('a manager unlocks a locked person, audited', async () => {
    const manager = await shop.as('manager');
    await shop.as('counter');
    for (let i = 0; i < 5; i++) await login('Test counter', '9999');
    const locked = (await shop.call(manager, 'staff.list', {})) as StaffRow[];
    const r = locked.find((s) => s.name === 'Test counter')!;
    expect(r.lockedUntil).toBe(shop.clock.now + 5 * 60_000);
    const counterToken = await shop.as('counter');
    expect((await shop.fail(counterToken, 'staff.unlock', { id: r.id })).code).toBe('FORBIDDEN');
    const after = (await shop.call(manager, 'staff.unlock', { id: r.id })) as StaffRow;
    expect(after.lockedUntil).toBeNull();
    expect(await lastAudit('staff.unlock')).toMatchObject({
      staff_name: 'Test manager',
      outcome: 'success',
    });
    expect((await login('Test counter', PINS.counter)).ok).toBe(true);
  });
});
