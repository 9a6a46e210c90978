import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../main/domain/audit/audit-log';
import { PIN_COST } from '../../main/domain/staff/pin';
import { openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
beforeEach(async () => {
  shop = await openTestShop();
});
afterEach(() => shop.close());

const login = (name: string, pin: string) => shop.ws.dispatcher.call('auth.login', { name, pin }, { token: null, origin: 'test' });

describe('sign-in', () => {
  it('a brand-new shop has one admin who can sign in, and the PIN is not stored in clear', async () => {
    const res = await login('Admin', '0000');
    expect(res.ok && (res.result as { staff: { role: string } }).staff.role).toBe('admin');
    const row = (await shop.sql.get<Record<string, string>>('SELECT pin_hash, pin_salt FROM staff'))!;
    expect(row.pin_hash).toMatch(new RegExp(`^scrypt\\$${PIN_COST.N}\\$8\\$1\\$[0-9a-f]{64}$`));
    expect(row.pin_hash).not.toContain('0000');
  });

  it('counts wrong PINs, locks after 5 for 5 minutes, then lets the right PIN in', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await login('Admin', '9999');
      expect(!res.ok && res.error.details).toMatchObject({ key: 'errors.badPin', params: { attemptsLeft: 5 - i } });
    }
    const fifth = await login('Admin', '9999');
    expect(!fifth.ok && fifth.error.details?.key).toBe('errors.locked');
    const during = await login('Admin', '0000');
    expect(!during.ok && during.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { key: 'errors.locked', params: { minutes: 5 } } });
    shop.clock.now += 5 * 60_000 + 1;
    expect((await login('Admin', '0000')).ok).toBe(true);
  });

  it('the lockout follows the settings', async () => {
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', { key: 'auth.maxPinAttempts', value: 2 });
    await shop.call(admin, 'settings.update', { key: 'auth.lockoutMinutes', value: 10 });
    await login('Admin', '1212');
    const second = await login('Admin', '1212');
    expect(!second.ok && second.error.details).toMatchObject({ key: 'errors.locked', params: { minutes: 10 } });
  });

  it('an unknown name gets the same answer as a wrong PIN', async () => {
    const res = await login('Nobody', '1234');
    expect(!res.ok && res.error.details?.key).toBe('errors.badPin');
  });

  it('signing out ends the session', async () => {
    const token = await shop.as('counter');
    await shop.call(token, 'auth.logout', {});
    expect((await shop.fail(token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit log', () => {
  it('chains every entry to the previous one and detects an edited row', async () => {
    const token = await shop.as('manager');
    await login('Admin', '5555');
    await shop.call(token, 'auth.me', {});
    const sql = shop.sql;
    expect(shop.count('audit_entry')).toBeGreaterThan(3);
    expect(await verifyAuditChain(shop.ws.services.dataSource.manager)).toBeNull();

    await expect(sql.run("UPDATE audit_entry SET outcome = 'success' WHERE id = 2")).rejects.toThrow(/append-only/);
    await expect(sql.run('DELETE FROM audit_entry WHERE id = 2')).rejects.toThrow(/append-only/);

    // A tamperer with raw SQL access drops the trigger first (each engine's name for the guard
    // against updates); the chain still tells.
    await sql.run(
      sql.engine === 'postgres' ? 'DROP TRIGGER audit_entry_no_change ON audit_entry' : 'DROP TRIGGER audit_entry_no_update',
    );
    await sql.run("UPDATE audit_entry SET staff_name = 'someone else' WHERE id = 3");
    expect(await verifyAuditChain(shop.ws.services.dataSource.manager)).toBe(3);
  });

  it('an entry of any text links and verifies: the chain is hashed alike by the app and by PostgreSQL', async () => {
    const em = shop.ws.services.dataSource.manager;
    const odd = ['陈静 "Chen" \\ back', 'tab\tnew\nline\u0001\u001f end', 'emoji 🔧 é ß', '</script>/'];
    for (const [i, text] of odd.entries()) {
      await shop.ws.services.dataSource.transaction((tx) =>
        appendAudit(tx, {
          at: 1_700_000_000_000 + i,
          staffId: i % 2 ? null : 1,
          staffName: text,
          action: 'test.odd',
          entity: i % 2 ? null : 'ticket',
          entityId: i % 2 ? null : String(i),
          outcome: 'success',
          origin: text,
          details: JSON.stringify({ text }),
        }),
      );
    }
    const rows = await shop.sql.all<{ id: number; prev_hash: string; hash: string }>(
      "SELECT id, prev_hash, hash FROM audit_entry WHERE action = 'test.odd' ORDER BY id",
    );
    expect(rows).toHaveLength(odd.length);
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(await verifyAuditChain(em)).toBeNull();
  });

  it('records who, what, where from and the outcome of a failed sign-in', async () => {
    await login('Admin', '7777');
    const row = await shop.sql.get(
      "SELECT staff_name, action, entity, outcome, origin FROM audit_entry WHERE action = 'auth.login' ORDER BY id DESC",
    );
    expect(row).toEqual({ staff_name: 'Admin', action: 'auth.login', entity: 'staff', outcome: 'denied', origin: 'test' });
  });
});
