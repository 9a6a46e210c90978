import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchDetail, IntakeResult, InvoiceAmountsDto } from '../../main/api/contract';
import { localToday } from '../../main/api/schemas/common';
import { formatCents, unitsToCents } from '../../main/api/schemas/money';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/** Issue 11 §6 and §8: the customer approves what they will pay, and bad money is refused. */
let shop: TestShop;
let tech: string;
let counter: string;
let manager: string;

beforeAll(async () => {
  shop = await openTestShop();
  tech = await shop.as('technician');
  counter = await shop.as('counter');
  manager = await shop.as('manager');
});
afterAll(() => shop.close());

async function walkIn(estimateCents = 0) {
  const base = validWalkIn();
  const r = (await shop.call(
    counter,
    'intake.commit',
    validWalkIn({
      device: {
        ...base.device,
        imei: undefined,
        serial: `SN-${Math.random()}`,
        purchaseDate: '2020-01-01',
      },
      ticket: { ...base.ticket, estimateCents, depositCents: 0 },
    }),
  )) as IntakeResult;
  return r;
}

const detail = async (id: number) => (await shop.call(tech, 'bench.detail', { id })) as BenchDetail;

async function toApproval(id: number) {
  await shop.call(tech, 'bench.estimateAdd', {
    ticketId: id,
    kind: 'labour',
    description: 'Screen swap',
    qty: 1,
    unitCents: 57000,
  });
  const d = await detail(id);
  await shop.call(tech, 'bench.transition', { id, version: d.ticket.version, to: 'diagnosing' });
  const d2 = await detail(id);
  await shop.call(tech, 'bench.transition', {
    id,
    version: d2.ticket.version,
    to: 'awaiting_approval',
  });
}

describe('tax on the estimate, the approval, the message and the receipt', () => {
  it('570.00 with 13 % tax on top: 644.10 everywhere, and pickup charges exactly that', async () => {
    const { ticket } = await walkIn();
    await toApproval(ticket.id);
    const d = await detail(ticket.id);
    expect(d.estimate.totalCents).toBe(57000);
    expect(d.estimate.amounts).toMatchObject({
      netCents: 57000,
      taxCents: 7410,
      totalCents: 64410,
      taxRateBp: 1300,
      taxInclusive: false,
    });

    const msg = (await shop.call(counter, 'messages.compose', {
      ticketId: ticket.id,
      template: 'awaiting_approval',
      lang: 'en',
    })) as { text: string };
    expect(msg.text).toContain('644.10 (incl. tax)');
    const zh = (await shop.call(counter, 'messages.compose', {
      ticketId: ticket.id,
      template: 'awaiting_approval',
      lang: 'zh',
    })) as { text: string };
    expect(zh.text).toContain('644.10（含税）');

    await shop.call(counter, 'bench.approval', {
      ticketId: ticket.id,
      decision: 'approved',
      channel: 'in_person',
    });
    const approved = (await detail(ticket.id)).approvals[0];
    expect(approved).toMatchObject({ totalCents: 64410, taxCents: 7410 });

    // Finish the repair the short way and ask the pickup desk what it will charge.
    await shop.sql.run("UPDATE ticket SET status = 'ready' WHERE id = ?", ticket.id);
    const q = (await shop.call(counter, 'pickup.quote', {
      ticketId: ticket.id,
    })) as InvoiceAmountsDto;
    expect(q.totalCents).toBe(approved.totalCents);
  });

  it('prices that include tax: the total stays 570.00 and the tax inside it is named', async () => {
    await shop
      .call(manager, 'settings.update', { key: 'tax.inclusive', value: true })
      .catch(async () => {
        await shop.call(await shop.as('admin'), 'settings.update', {
          key: 'tax.inclusive',
          value: true,
        });
      });
    try {
      const { ticket } = await walkIn();
      await toApproval(ticket.id);
      const d = await detail(ticket.id);
      expect(d.estimate.amounts).toMatchObject({
        totalCents: 57000,
        taxCents: 6558,
        netCents: 50442,
        taxInclusive: true,
      });
      await shop.call(counter, 'bench.approval', {
        ticketId: ticket.id,
        decision: 'approved',
        channel: 'phone',
      });
      expect((await detail(ticket.id)).approvals[0]).toMatchObject({
        totalCents: 57000,
        taxCents: 6558,
      });
    } finally {
      await shop.call(await shop.as('admin'), 'settings.update', {
        key: 'tax.inclusive',
        value: false,
      });
    }
  });

  it('the intake receipt shows the estimate, the tax and the total to pay', async () => {
    const r = await walkIn(57000);
    const receipt = r.printJobs.find((j) => j.kind === 'intake_receipt')!;
    const pairs = receipt.document.lines.flatMap((l) =>
      l.type === 'pair' ? [[l.left, l.right]] : [],
    );
    expect(pairs).toContainEqual(['Estimate', '570.00']);
    expect(pairs).toContainEqual(['Tax 13%', '74.10']);
    expect(pairs).toContainEqual(['Estimated total to pay', '644.10']);
  });
});

describe('money and dates refused by the API schema (nothing saved)', () => {
  it('an estimate line of −100 × −3 is refused on both fields', async () => {
    const { ticket } = await walkIn();
    const err = await shop.fail(tech, 'bench.estimateAdd', {
      ticketId: ticket.id,
      kind: 'labour',
      description: 'x',
      qty: -3,
      unitCents: -10000,
    });
    const byPath = Object.fromEntries((err.details?.issues ?? []).map((i) => [i.path, i.key]));
    expect(byPath).toEqual({ qty: 'errors.field.qty', unitCents: 'errors.field.moneyNegative' });
    expect((await detail(ticket.id)).estimate.lines).toHaveLength(0);
  });

  it('a negative deposit, part cost or counted cash, and a zero payment, are refused', async () => {
    const before = shop.count('ticket');
    const base = validWalkIn();
    const dep = await shop.fail(
      counter,
      'intake.commit',
      validWalkIn({ ticket: { ...base.ticket, depositCents: -100 } }),
    );
    expect(dep.details?.issues?.[0]).toMatchObject({
      path: 'ticket.depositCents',
      key: 'errors.field.moneyNegative',
    });
    expect(shop.count('ticket')).toBe(before);

    const part = await shop.fail(manager, 'parts.save', {
      sku: 'NEG-1',
      name: 'Negative',
      category: 'Misc',
      bin: 'A1',
      costCents: -1,
      priceCents: 100,
      reorderPoint: 0,
      reorderQty: 0,
    });
    expect(part.details?.issues?.find((i) => i.path === 'costCents')?.key).toBe(
      'errors.field.moneyNegative',
    );

    const till = await shop.fail(manager, 'dayClose.close', {
      date: '2026-11-23',
      countedCents: -500,
    });
    expect(till.details?.issues?.[0]).toMatchObject({
      path: 'countedCents',
      key: 'errors.field.moneyNegative',
    });

    const pay = await shop.fail(counter, 'pickup.complete', {
      ticketId: 1,
      version: 1,
      idempotencyKey: 'k-12345678',
      payments: [{ method: 'cash', amountCents: 0 }],
    });
    expect(pay.details?.issues?.[0]).toMatchObject({
      path: 'payments.0.amountCents',
      key: 'errors.field.moneyPositive',
    });
  });

  it('a purchase date in the future is refused by the schema, tomorrow included; today is fine', async () => {
    const tomorrow = localToday(Date.now() + 86_400_000);
    const base = validWalkIn();
    const before = shop.count('device');
    const err = await shop.fail(
      counter,
      'intake.commit',
      validWalkIn({ device: { ...base.device, purchaseDate: tomorrow } }),
    );
    expect(err.details?.issues?.[0]).toMatchObject({
      path: 'device.purchaseDate',
      key: 'errors.purchaseInFuture',
    });
    expect(shop.count('device')).toBe(before);
    const bad = await shop.fail(
      counter,
      'intake.commit',
      validWalkIn({ device: { ...base.device, purchaseDate: '0203-01-01x' } }),
    );
    expect(bad.details?.issues?.[0]).toMatchObject({
      path: 'device.purchaseDate',
      key: 'errors.field.date',
    });
  });
});

describe('one money helper', () => {
  it('formats cents and parses typed amounts exactly, never turning nonsense into 0', () => {
    expect([64410, 5, -120, 0, 100_000_000].map(formatCents)).toEqual([
      '644.10',
      '0.05',
      '-1.20',
      '0.00',
      '1000000.00',
    ]);
    expect(unitsToCents('570')).toBe(57000);
    expect(unitsToCents('0.1')).toBe(10);
    expect(unitsToCents('12.')).toBe(1200); // half-typed in a field
    expect(unitsToCents('.5')).toBe(50);
    expect(unitsToCents('')).toBe(0);
    expect(unitsToCents(-100)).toBe(-10000);
    expect(unitsToCents('12abc')).toBeNaN();
    expect(unitsToCents('1e5')).toBeNaN();
  });
});

describe('a second ticket for a device still in the shop', () => {
  it('intake.evaluate names the open ticket for the same serial or IMEI, and none once it is collected', async () => {
    const base = validWalkIn();
    const serial = `OPEN-${Math.random()}`;
    const first = (await shop.call(
      counter,
      'intake.commit',
      validWalkIn({ device: { ...base.device, imei: undefined, serial } }),
    )) as IntakeResult;
    const ask = (extra: Record<string, unknown>) =>
      shop.call(counter, 'intake.evaluate', {
        deviceType: 'phone',
        proof: 'none',
        serviceMode: 'carry_in',
        ...extra,
      }) as Promise<{
        openTicket: { id: number; number: string; status: string } | null;
      }>;
    expect((await ask({ serial })).openTicket).toEqual({
      id: first.ticket.id,
      number: first.ticket.number,
      status: 'received',
    });
    expect((await ask({ serial: 'SOMETHING-ELSE' })).openTicket).toBeNull();
    const withEstimate = (await ask({
      serial: 'SOMETHING-ELSE',
      estimateCents: 57000,
    })) as unknown as {
      estimate: { totalCents: number; taxCents: number };
    };
    expect(withEstimate.estimate).toMatchObject({ totalCents: 64410, taxCents: 7410 });
    await shop.sql.run("UPDATE ticket SET status = 'collected' WHERE id = ?", first.ticket.id);
    expect((await ask({ serial })).openTicket).toBeNull();
  });
});
