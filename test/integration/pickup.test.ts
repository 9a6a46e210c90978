import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult, InvoiceDto, PickupResult } from '../../main/api/contract';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { PINS, openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let counter: string;
let managerId: number;
const key = () => `pickup-${Math.random().toString(36).slice(2)}`;
/** What the ticket's timeline got after it was taken in, made ready or cancelled: the pickup's part. */
const timelineTail = (ticketId: number) =>
  shop.sql.all(
    `SELECT kind, to_status, note FROM ticket_event WHERE ticket_id = ? AND id > (
       SELECT max(id) FROM ticket_event WHERE ticket_id = ? AND to_status IN ('received', 'ready', 'cancelled'))
     ORDER BY id`,
    ticketId,
    ticketId,
  );

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  await shop.as('manager');
  managerId = (await shop.sql.get<{ id: number }>("SELECT id FROM staff WHERE role = 'manager'"))!
    .id;
});
afterAll(() => shop.close());

describe('pickup of a finished repair', () => {
  it('shows what was done, the parts, the warranty end and the invoice; takes a split payment with a signature', async () => {
    const t = await readyTicket(shop, counter);
    const view = await lookup(shop, counter, t.number.toLowerCase().replace('r-', 'R'));
    expect(view.mode).toBe('repair');
    expect(view.partsReplaced).toEqual([
      { description: 'OLED screen assembly', qty: 1, serial: null, oldSerial: null },
    ]);
    // Tuesday 2026-11-23 + 90 days, last day inclusive.
    expect(view.repairWarrantyUntil).toBe('2027-02-20');
    // 120.00 + 330.00 = 450.00, 13 % tax exclusive = 58.50 → 508.50, − 100.00 deposit = 408.50
    expect(view.quote).toMatchObject({
      labourCents: 12000,
      partsCents: 33000,
      taxCents: 5850,
      totalCents: 50850,
      dueCents: 40850,
    });

    const res = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: 'split-pay-1',
      payments: [
        { method: 'wechat', amountCents: 30000 },
        { method: 'cash', amountCents: 20000 },
      ],
      signature: SIGNATURE,
    })) as PickupResult;
    expect(res.invoice).toMatchObject({
      number: 'INV-000001',
      paidCents: 50000,
      changeCents: 9150,
      dueCents: 40850,
    });
    expect(res.invoice.payments.map((p) => [p.method, p.amountCents])).toEqual([
      ['wechat', 30000],
      ['cash', 20000],
      ['cash', -9150],
    ]);
    // the ids the answer gives are the rows written, in the order they were paid
    const stored = await shop.ws.services.dataSource.query(
      'SELECT id FROM payment WHERE invoice_id = ? ORDER BY id',
      [res.invoice.id],
    );
    expect(stored.map((r: { id: number }) => Number(r.id))).toEqual(
      res.invoice.payments.map((p) => p.id),
    );
    expect(res.pickup).toMatchObject({
      kind: 'collected',
      signed: true,
      repairWarrantyUntil: '2027-02-20',
    });
    expect(res.printJob.kind).toBe('pickup_receipt');
    const text = JSON.stringify(res.printJob.document);
    for (const s of ['INV-000001', '508.50', '91.50', 'OLED screen assembly', '2027-02-20'])
      expect(text).toContain(s);

    const ticket = await shop.sql.get('SELECT status, collected_at FROM ticket WHERE id = ?', t.id);
    expect(ticket).toEqual({ status: 'collected', collected_at: shop.clock.now });
    // The timeline says collected, once; a repaired device is not "returned unrepaired".
    expect(await timelineTail(t.id)).toEqual([
      { kind: 'status', to_status: 'collected', note: null },
    ]);
    const file = (await shop.sql.get<{ signature_file: string }>(
      'SELECT signature_file FROM pickup WHERE ticket_id = ?',
      t.id,
    ))!;
    expect(
      fs.readFileSync(path.join(shop.dataDir, file.signature_file)).subarray(1, 4).toString(),
    ).toBe('PNG');

    // The same request again (a double click, a retried network call) writes nothing new.
    const before = [shop.count('invoice'), shop.count('payment'), shop.count('print_job')];
    const again = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: 'split-pay-1',
      payments: [{ method: 'cash', amountCents: 50000 }],
      signature: SIGNATURE,
    })) as PickupResult;
    expect(again.replayed).toBe(true);
    expect(again.invoice.number).toBe('INV-000001');
    expect([shop.count('invoice'), shop.count('payment'), shop.count('print_job')]).toEqual(before);
    expect(
      (
        await shop.fail(counter, 'pickup.complete', {
          ticketId: t.id,
          version: 99,
          idempotencyKey: key(),
          payments: [],
        })
      ).details?.key,
    ).toBe('errors.alreadyCollected');

    // The same key sent for another ticket is a client's mistake, not a retry: refused, and
    // nothing of that second pickup is kept (not the other ticket's receipt handed back).
    const other = await readyTicket(shop, counter);
    const otherView = await lookup(shop, counter, other.number);
    const counts = () =>
      ['invoice', 'payment', 'print_job', 'pickup', 'callback'].map((n) => shop.count(n));
    const beforeOther = counts();
    const clash = await shop.fail(counter, 'pickup.complete', {
      ticketId: other.id,
      version: otherView.ticket.version,
      idempotencyKey: 'split-pay-1',
      payments: [{ method: 'cash', amountCents: otherView.quote.dueCents }],
      signature: SIGNATURE,
    });
    expect([clash.code, clash.details?.key]).toEqual(['CONFLICT', 'errors.idempotencyReused']);
    expect(counts()).toEqual(beforeOther);
    expect((await lookup(shop, counter, other.number)).mode).toBe('repair');
  });

  it('refuses underpaying, card overpayment as change, a missing signature and a ticket still on the bench', async () => {
    const t = await readyTicket(shop, counter);
    const v = (await lookup(shop, counter, t.number)).ticket.version;
    const attempt = (extra: Record<string, unknown>) =>
      shop.fail(counter, 'pickup.complete', {
        ticketId: t.id,
        version: v,
        idempotencyKey: key(),
        signature: SIGNATURE,
        ...extra,
      });
    expect(
      (await attempt({ payments: [{ method: 'card', amountCents: 40849 }] })).details?.key,
    ).toBe('errors.underpaid');
    expect(
      (await attempt({ payments: [{ method: 'card', amountCents: 40900 }] })).details?.key,
    ).toBe('errors.overpaid');
    expect(
      (await attempt({ payments: [{ method: 'card', amountCents: 40850 }], signature: undefined }))
        .details?.key,
    ).toBe('errors.signatureRequired');
    const onBench = await readyTicket(shop, counter, { status: 'in_repair' });
    const e = await shop.fail(counter, 'pickup.complete', {
      ticketId: onBench.id,
      version: 1,
      idempotencyKey: key(),
      payments: [],
      signature: SIGNATURE,
    });
    expect(e.details?.key).toBe('errors.notReadyForPickup');
    expect(await shop.sql.get('SELECT status FROM ticket WHERE id = ?', t.id)).toEqual({
      status: 'ready',
    });

    // A card overpayment is allowed when it is kept as the customer's credit.
    const ok = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: v,
      idempotencyKey: key(),
      payments: [{ method: 'card', amountCents: 41000 }],
      overpayment: 'credit',
      signature: SIGNATURE,
    })) as PickupResult;
    expect(ok.invoice.creditCents).toBe(150);
    expect(
      await shop.sql.get(
        'SELECT amount_cents FROM customer_credit WHERE invoice_id = ?',
        ok.invoice.id,
      ),
    ).toEqual({
      amount_cents: 150,
    });
  });

  it('a discount needs a reason, and above the limit a manager PIN; who approved is recorded', async () => {
    const t = await readyTicket(shop, counter);
    const v = (await lookup(shop, counter, t.number)).ticket.version;
    const base = { ticketId: t.id, version: v, signature: SIGNATURE };
    // 60.00 off 450.00 → 390.00 + 50.70 tax = 440.70 − 100.00 = 340.70
    const pay = [{ method: 'bank_transfer', amountCents: 34070, reference: 'TX-1' }];
    expect(
      (
        await shop.fail(counter, 'pickup.complete', {
          ...base,
          idempotencyKey: key(),
          discountCents: 6000,
          payments: pay,
        })
      ).details?.key,
    ).toBe('errors.reasonRequired');
    const noPin = await shop.fail(counter, 'pickup.complete', {
      ...base,
      idempotencyKey: key(),
      discountCents: 6000,
      discountReason: 'loyal',
      payments: pay,
    });
    expect([noPin.code, noPin.details?.key]).toEqual(['FORBIDDEN', 'errors.managerPin']);
    const wrongPin = await shop.fail(counter, 'pickup.complete', {
      ...base,
      idempotencyKey: key(),
      discountCents: 6000,
      discountReason: 'loyal',
      approval: { staffId: managerId, pin: '9999' },
      payments: pay,
    });
    expect(wrongPin.details?.key).toBe('errors.managerPin');
    const res = (await shop.call(counter, 'pickup.complete', {
      ...base,
      idempotencyKey: key(),
      discountCents: 6000,
      discountReason: 'loyal customer',
      approval: { staffId: managerId, pin: PINS.manager },
      payments: pay,
    })) as PickupResult;
    expect(res.invoice).toMatchObject({
      discountCents: 6000,
      totalCents: 44070,
      dueCents: 34070,
      approvedBy: 'Test manager',
      reason: 'loyal customer',
    });
    // Below the limit, no PIN.
    const small = await readyTicket(shop, counter);
    const sv = (await lookup(shop, counter, small.number)).ticket.version;
    const r2 = (await shop.call(counter, 'pickup.complete', {
      ticketId: small.id,
      version: sv,
      idempotencyKey: key(),
      discountCents: 5000,
      discountReason: 'scratch on delivery',
      payments: [{ method: 'alipay', amountCents: 35200 }],
      signature: SIGNATURE,
    })) as PickupResult;
    expect(r2.invoice.approvedBy).toBeNull();
  });

  it('hands a declined repair back for the diagnostic fee; a deposit larger than the fee goes back', async () => {
    const t = await readyTicket(shop, counter, { approval: 'declined', depositCents: 10000 });
    const view = await lookup(shop, counter, t.number);
    expect(view.mode).toBe('unrepaired');
    // 50.00 fee + 13 % = 56.50; deposit 100.00 → 43.50 back
    expect(view.quote).toMatchObject({ totalCents: 5650, dueCents: -4350 });
    const res = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: key(),
      payments: [],
      signature: SIGNATURE,
    })) as PickupResult;
    expect(res.pickup.kind).toBe('returned_unrepaired');
    expect(res.pickup.repairWarrantyUntil).toBeNull();
    expect(res.invoice.returnCents).toBe(4350);
    expect(res.invoice.payments.map((p) => [p.method, p.amountCents])).toEqual([['cash', -4350]]);
    expect(JSON.stringify(res.printJob.document)).toContain('Device returned unrepaired');
    expect(await timelineTail(t.id)).toEqual([
      { kind: 'status', to_status: 'collected', note: 'returned unrepaired' },
    ]);
  });

  it("hands a cancelled ticket's device back: it stays cancelled, and the timeline notes the return with its invoice", async () => {
    const manager = await shop.as('manager');
    const { ticket } = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
    const { version } = (await shop.sql.get<{ version: number }>(
      'SELECT version FROM ticket WHERE id = ?',
      ticket.id,
    ))!;
    await shop.call(manager, 'bench.transition', {
      id: ticket.id,
      version,
      to: 'cancelled',
      reason: 'customer changed mind',
    });
    const view = await lookup(shop, counter, ticket.number);
    expect(view.mode).toBe('unrepaired');
    const res = (await shop.call(counter, 'pickup.complete', {
      ticketId: ticket.id,
      version: view.ticket.version,
      idempotencyKey: key(),
      payments:
        view.quote.dueCents > 0 ? [{ method: 'cash', amountCents: view.quote.dueCents }] : [],
      signature: SIGNATURE,
    })) as PickupResult;
    expect(res.pickup.kind).toBe('returned_unrepaired');
    expect(await shop.sql.get('SELECT status FROM ticket WHERE id = ?', ticket.id)).toEqual({
      status: 'cancelled',
    });
    expect(await timelineTail(ticket.id)).toEqual([
      { kind: 'returned_unrepaired', to_status: null, note: res.invoice.number },
    ]);
  });
});

describe('invoices are immutable; corrections are new entries', () => {
  let invoice: InvoiceDto;
  beforeAll(async () => {
    const t = await readyTicket(shop, counter);
    const v = (await lookup(shop, counter, t.number)).ticket.version;
    invoice = (
      (await shop.call(counter, 'pickup.complete', {
        ticketId: t.id,
        version: v,
        idempotencyKey: key(),
        payments: [{ method: 'card', amountCents: 40850 }],
        signature: SIGNATURE,
      })) as PickupResult
    ).invoice;
  });

  it('the database refuses to change or delete an issued invoice or payment', async () => {
    await expect(
      shop.sql.run('UPDATE invoice SET total_cents = 1 WHERE id = ?', invoice.id),
    ).rejects.toThrow(/immutable/);
    await expect(
      shop.sql.run('DELETE FROM payment WHERE invoice_id = ?', invoice.id),
    ).rejects.toThrow(/append-only/);
  });

  it('a refund needs a reason and a manager PIN, gets the next number, and cannot exceed what was charged', async () => {
    const input = {
      invoiceId: invoice.id,
      amountCents: 11300,
      method: 'card',
      reason: 'screen replaced again under complaint',
    };
    expect(
      (
        await shop.fail(counter, 'invoices.correct', {
          ...input,
          approval: { staffId: managerId, pin: '0001' },
        })
      ).code,
    ).toBe('FORBIDDEN');
    const c = (await shop.call(counter, 'invoices.correct', {
      ...input,
      approval: { staffId: managerId, pin: PINS.manager },
    })) as InvoiceDto;
    const next = Number(invoice.number.slice(4)) + 1;
    expect(c).toMatchObject({
      kind: 'correction',
      correctsId: invoice.id,
      totalCents: -11300,
      taxCents: -1300,
      approvedBy: 'Test manager',
    });
    expect(c.number).toBe(`INV-${String(next).padStart(6, '0')}`);
    expect(c.payments.map((p) => p.amountCents)).toEqual([-11300]);
    const tooMuch = await shop.fail(counter, 'invoices.correct', {
      ...input,
      amountCents: 50850 - 11300 + 1,
      approval: { staffId: managerId, pin: PINS.manager },
    });
    expect(tooMuch.details?.key).toBe('errors.refundTooLarge');
    const original = await shop.sql.get('SELECT total_cents FROM invoice WHERE id = ?', invoice.id);
    expect(original).toEqual({ total_cents: 50850 });
  });
});

describe('passcode erasure', () => {
  it('erases the device passcode 30 days after pickup, not before', async () => {
    const t = await readyTicket(shop, counter);
    const v = (await lookup(shop, counter, t.number)).ticket.version;
    await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: v,
      idempotencyKey: key(),
      payments: [{ method: 'cash', amountCents: 40850 }],
      signature: SIGNATURE,
    });
    const passcode = async () =>
      (await shop.sql.get<{ passcode_enc: string | null }>(
        'SELECT passcode_enc FROM ticket WHERE id = ?',
        t.id,
      ))!.passcode_enc;
    expect(await passcode()).not.toBeNull();
    const start = shop.clock.now;
    shop.clock.now = start + 29 * 86_400_000;
    await shop.ws.sweeps.run();
    expect(await passcode()).not.toBeNull();
    shop.clock.now = start + 30 * 86_400_000;
    expect(await shop.ws.sweeps.run()).toBeGreaterThanOrEqual(1);
    expect(await passcode()).toBeNull();
    expect((await lookup(shop, counter, t.number)).pickup?.passcodeErased).toBe(true);
    shop.clock.now = start;
  });
});
