import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayCloseDto, InvoiceDto, PickupResult } from '../../main/api/contract';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { PINS, openTestShop, type TestShop } from '../helpers/workstation';

/** Monday 2026-11-23 in the shop (Asia/Shanghai). */
const DAY = '2026-11-23';
const at = (local: string) => Date.parse(`${local}+08:00`);

let shop: TestShop;
let counter: string;
let manager: string;
let managerId: number;
let invoice: InvoiceDto;

const approval = () => ({ staffId: managerId, pin: PINS.manager });
const view = (date = DAY) => shop.call(manager, 'dayClose.get', { date }) as Promise<DayCloseDto>;
const insertPayment = (invoiceId: number, when: number) =>
  shop.sql.run(
    "INSERT INTO payment (invoice_id, method, amount_cents, reference, staff_id, at) VALUES (?, 'cash', 100, NULL, 1, ?)",
    invoiceId,
    when,
  );

beforeAll(async () => {
  shop = await openTestShop({ start: at(`${DAY}T10:00:00`) });
  counter = await shop.as('counter');
  manager = await shop.as('manager');
  managerId = (await shop.sql.get<{ id: number }>("SELECT id FROM staff WHERE role = 'manager'"))!
    .id;
  // Split payment: 408.50 due (508.50 − 100.00 deposit), paid 300.00 WeChat + 200.00 cash,
  // 91.50 change out of the till.
  const t = await readyTicket(shop, counter);
  const v = await lookup(shop, counter, t.number);
  const res = (await shop.call(counter, 'pickup.complete', {
    ticketId: t.id,
    version: v.ticket.version,
    idempotencyKey: 'day-close-split',
    signature: SIGNATURE,
    payments: [
      { method: 'wechat', amountCents: 30000 },
      { method: 'cash', amountCents: 20000 },
    ],
  })) as PickupResult;
  invoice = res.invoice;
  // A 50.00 cash refund the same afternoon.
  shop.clock.now = at(`${DAY}T16:00:00`);
  await shop.call(counter, 'invoices.correct', {
    invoiceId: invoice.id,
    amountCents: 5000,
    method: 'cash',
    reason: 'Scratch on the new screen',
    approval: approval(),
  });
  shop.clock.now = at(`${DAY}T19:00:00`);
});
afterAll(() => shop.close());

describe('day close (Z report)', () => {
  it('expects the cash taken, less change and cash refunds', async () => {
    const v = await view();
    expect(v.cash).toEqual({
      inCents: 20000,
      changeCents: 9150,
      refundsCents: 5000,
      expectedCents: 20000 - 9150 - 5000,
    });
    expect(v.takings.find((r) => r.method === 'wechat')).toMatchObject({
      inCents: 30000,
      outCents: 0,
      payments: 1,
    });
    expect(v.takings.find((r) => r.method === 'cash')).toMatchObject({
      inCents: 20000,
      outCents: 14150,
      netCents: 5850,
      payments: 3,
    });
    expect([v.closed, v.canClose]).toEqual([null, true]);
  });

  it('a variance needs a reason; nothing is stored without one', async () => {
    const err = await shop.fail(manager, 'dayClose.close', { date: DAY, countedCents: 5000 });
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.key).toBe('errors.varianceReason');
    expect(err.details?.issues?.[0].path).toBe('reason');
    expect(shop.count('day_close')).toBe(0);
  });

  it('a day that has not begun cannot be closed; counter staff cannot close', async () => {
    const future = await shop.fail(manager, 'dayClose.close', {
      date: '2026-11-24',
      countedCents: 0,
    });
    expect(future.details?.key).toBe('errors.dayNotStarted');
    const clerk = await shop.fail(counter, 'dayClose.close', { date: DAY, countedCents: 5850 });
    expect(clerk.code).toBe('FORBIDDEN');
  });

  it('closes with the counted cash, the variance and the reason, by the manager', async () => {
    const v = (await shop.call(manager, 'dayClose.close', {
      date: DAY,
      countedCents: 5000,
      reason: '  Short by 8.50: wrong change given  ',
    })) as DayCloseDto;
    expect(v.closed).toEqual({
      expectedCents: 5850,
      countedCents: 5000,
      varianceCents: -850,
      reason: 'Short by 8.50: wrong change given',
      closedBy: 'Test manager',
      closedAt: at(`${DAY}T19:00:00`),
    });
    expect(v.canClose).toBe(false);
    const again = await shop.fail(manager, 'dayClose.close', {
      date: DAY,
      countedCents: 5850,
    });
    expect([again.code, again.details?.key]).toEqual(['CONFLICT', 'errors.dayAlreadyClosed']);
    const audit = (await shop.sql.get<{ details: string }>(
      "SELECT details FROM audit_entry WHERE action = 'dayClose.close' AND outcome = 'success'",
    ))!;
    expect(JSON.parse(audit.details)).toMatchObject({ varianceCents: -850, countedCents: 5000 });
  });

  it('a refund dated on the closed day is refused with a translated error', async () => {
    const err = await shop.fail(counter, 'invoices.correct', {
      invoiceId: invoice.id,
      amountCents: 1000,
      method: 'cash',
      reason: 'Late refund',
      approval: approval(),
    });
    expect([err.code, err.details?.key]).toEqual(['CONFLICT', 'errors.dayClosed']);
    // What the screen shows for that key (the renderer's messages, loaded as data here).
    const i18n = '../../renderer/src/i18n/';
    const { en } = (await import(`${i18n}en`)) as { en: { errors: Record<string, string> } };
    const { zh } = (await import(`${i18n}zh`)) as { zh: { errors: Record<string, string> } };
    expect(en.errors.dayClosed).toMatch(/closed/);
    expect(zh.errors.dayClosed).toMatch(/日结/);
    // The whole call rolled back: no correction invoice without its payment.
    expect(shop.count('invoice')).toBe(2);
  });

  it('the database itself refuses payments dated on the closed day, even raw SQL', async () => {
    const sql = shop.sql;
    await expect(insertPayment(invoice.id, at(`${DAY}T12:00:00`))).rejects.toThrow(/DAY_CLOSED/);
    await expect(insertPayment(invoice.id, at(`${DAY}T00:00:00`))).rejects.toThrow(/DAY_CLOSED/);
    await expect(
      sql.run('UPDATE payment SET amount_cents = 1 WHERE invoice_id = ?', invoice.id),
    ).rejects.toThrow();
    await expect(sql.run('DELETE FROM payment')).rejects.toThrow();
    await expect(sql.run('DELETE FROM day_close')).rejects.toThrow(/final/);
    // The day before and the day after are not closed.
    await expect(insertPayment(invoice.id, at('2026-11-22T23:59:59'))).resolves.toBeDefined();
    return expect(view().then((v) => v.cash.expectedCents)).resolves.toBe(5850);
  });

  it('a correction the next day is a new payment dated that day', async () => {
    shop.clock.now = at('2026-11-24T09:30:00');
    await shop.call(counter, 'invoices.correct', {
      invoiceId: invoice.id,
      amountCents: 1000,
      method: 'cash',
      reason: 'Late refund',
      approval: approval(),
    });
    const next = await view('2026-11-24');
    expect(next.cash).toMatchObject({ refundsCents: 1000, expectedCents: -1000 });
    expect((await view()).cash.expectedCents).toBe(5850);
  });

  it('prints the Z report as a PDF', async () => {
    const res = (await shop.call(manager, 'dayClose.pdf', { date: DAY, lang: 'zh' })) as {
      fileName: string;
      base64: string;
    };
    expect(res.fileName).toBe(`z-report-${DAY}-zh.pdf`);
    expect(Buffer.from(res.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
