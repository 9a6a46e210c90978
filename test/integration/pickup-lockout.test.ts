import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickupResult } from '../../main/api/contract';
import { part, stockUp } from '../helpers/inventory';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { openTestShop, type TestShop } from '../helpers/workstation';

/** A manager's PIN typed at the counter counts toward the same lockout as signing in. */
let shop: TestShop;
let counter: string;
let admin: string;
const PIN = '5863';

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  admin = await shop.as('admin');
});
afterAll(() => shop.close());

async function newManager(name: string): Promise<number> {
  return (await shop.addStaff({ name, role: 'manager', pin: PIN })).id;
}
/** The manager's wrong-PIN count and lock at the station these calls come from ('test'). */
const staffRow = async (id: number) =>
  (await shop.sql.get<{ failed: number; lockedUntil: number | null }>(
    'SELECT failed, locked_until AS "lockedUntil" FROM pin_guard WHERE staff_id = ? AND origin = \'test\'',
    id,
  )) ?? { failed: 0, lockedUntil: null };

describe('manager PIN lockout', () => {
  it('wrong approval PINs and wrong sign-ins add up; the fifth locks both, with the minutes left', async () => {
    const id = await newManager('Lock Manager');
    const t = await readyTicket(shop, counter, { depositCents: 0 });
    const view = await lookup(shop, counter, t.number);
    const { dueCents } = (await shop.call(counter, 'pickup.quote', {
      ticketId: t.id,
      discountCents: 15000,
    })) as { dueCents: number };
    // 150.00 off is above the 50.00 limit: a manager must approve.
    const pickup = (pin: string, idempotencyKey: string) =>
      shop.ws.dispatcher.call(
        'pickup.complete',
        {
          ticketId: t.id,
          version: view.ticket.version,
          idempotencyKey,
          discountCents: 15000,
          discountReason: 'Loyal customer',
          payments: [{ method: 'cash', amountCents: dueCents }],
          signature: SIGNATURE,
          approval: { staffId: id, pin },
        },
        { token: counter, origin: 'test' },
      );

    const first = await pickup('0001', 'lock-key-1');
    expect(!first.ok && first.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { key: 'errors.managerPin', params: { attemptsLeft: 4 } },
    });
    // The refused approval wrote nothing but the count (and its audit entry).
    expect([shop.count('invoice'), shop.count('payment'), shop.count('pickup')]).toEqual([0, 0, 0]);
    expect(await staffRow(id)).toEqual({ failed: 1, lockedUntil: null });

    for (let i = 0; i < 2; i++) {
      const login = await shop.fail(null, 'auth.login', { name: 'Lock Manager', pin: '9999' });
      expect(login.details?.key).toBe('errors.badPin');
    }
    const refund = await shop.fail(counter, 'invoices.correct', {
      invoiceId: 999,
      amountCents: 100,
      method: 'cash',
      reason: 'test',
      approval: { staffId: id, pin: '0002' },
    });
    // No such invoice: refused before the PIN is even looked at, so it does not count.
    expect(refund.code).toBe('NOT_FOUND');
    expect((await staffRow(id)).failed).toBe(3);

    const fourth = await pickup('0003', 'lock-key-4');
    expect(!fourth.ok && fourth.error.details?.params).toEqual({ attemptsLeft: 1 });
    const fifth = await pickup('0004', 'lock-key-5');
    expect(!fifth.ok && fifth.error).toMatchObject({
      code: 'FORBIDDEN',
      details: {
        key: 'errors.locked',
        params: { minutes: 5 },
        issues: [{ path: 'approval.pin', key: 'errors.locked' }],
      },
    });
    expect((await staffRow(id)).lockedUntil).toBe(shop.clock.now + 5 * 60_000);

    // Locked: the right PIN is refused too, at sign-in and at the counter.
    const login = await shop.fail(null, 'auth.login', { name: 'Lock Manager', pin: PIN });
    expect(login).toMatchObject({ code: 'UNAUTHENTICATED', details: { key: 'errors.locked' } });
    const locked = await pickup(PIN, 'lock-key-6');
    expect(!locked.ok && locked.error.details?.key).toBe('errors.locked');

    // After the lockout the right PIN approves and clears the count.
    shop.clock.now += 5 * 60_000 + 1;
    const ok = await pickup(PIN, 'lock-key-7');
    expect(ok.ok).toBe(true);
    expect(ok.ok && (ok.result as PickupResult).invoice.approvedBy).toBe('Lock Manager');
    expect(await staffRow(id)).toEqual({ failed: 0, lockedUntil: null });
  });

  it('a stock override PIN counts too', async () => {
    const id = await newManager('Stock Manager');
    const tech = await shop.as('technician');
    const p = await part(shop, admin);
    await stockUp(shop, admin, p.id, 1);
    const t = await readyTicket(shop, counter, { status: 'in_repair', lines: [] });
    for (let i = 1; i <= 5; i++) {
      const err = await shop.fail(tech, 'ticketParts.reserve', {
        ticketId: t.id,
        partId: p.id,
        qty: 3,
        override: { reason: 'supplier delivers today', managerName: 'Stock Manager', pin: '0000' },
      });
      expect(err.details?.key).toBe(i < 5 ? 'errors.overrideDenied' : 'errors.locked');
    }
    expect((await staffRow(id)).lockedUntil).not.toBeNull();
    expect(
      (await shop.fail(null, 'auth.login', { name: 'Stock Manager', pin: PIN })).details?.key,
    ).toBe('errors.locked');
  });
});
