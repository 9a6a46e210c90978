import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeResult, TicketDetail, WarrantyDecision } from '../../main/api/contract';
import { ticketSummaries } from '../../main/domain/tickets/ticket-queries';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let counter: string;
beforeEach(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
});
afterEach(() => shop.close());

const commit = (input: unknown) => shop.call(counter, 'intake.commit', input) as Promise<IntakeResult>;
const TABLES = ['customer', 'device', 'ticket', 'ticket_event', 'print_job', 'device_model', 'sequence'];
const counts = () => Object.fromEntries(TABLES.map((t) => [t, shop.count(t)]));

describe('taking a walk-in in', () => {
  it('writes customer, device, ticket, timeline, audit and two print jobs in one go', async () => {
    const res = await commit(validWalkIn());
    expect(res.replayed).toBe(false);
    expect(res.ticket).toMatchObject({
      number: 'R-000001',
      status: 'received',
      customerName: '李娜',
      deviceLabel: 'Huawei Mate 60 Pro',
      warranty: 'in_warranty',
      isRepeat: false,
    });
    expect(res.printJobs.map((j) => [j.kind, j.status])).toEqual([
      ['intake_receipt', 'queued'],
      ['device_tag', 'queued'],
    ]);
    const tag = res.printJobs[1].document;
    expect(tag.lines).toContainEqual({ type: 'barcode', symbology: 'code128', data: 'R-000001' });
    expect(counts()).toMatchObject({ customer: 1, device: 1, ticket: 1, ticket_event: 1, print_job: 2 });
    expect(await shop.call(counter, 'printJobs.count', {})).toEqual({ count: 2 });
    const audit = await shop.sql.all(
      "SELECT entity, entity_id, outcome, staff_name FROM audit_entry WHERE action = 'intake.commit'",
    );
    expect(audit).toEqual([{ entity: 'ticket', entity_id: '1', outcome: 'success', staff_name: 'Test counter' }]);
    // The answer is built from what was written: it is what every list then reads.
    const [listed] = await ticketSummaries(shop.ws.services.dataSource.manager, 't.id = ?', [res.ticket.id]);
    expect(res.ticket).toEqual(listed);
    // ... and for a returning customer's known device too
    const again = await commit(validWalkIn({ customer: { id: res.ticket.customerId }, device: { id: res.ticket.deviceId } }));
    const [listedAgain] = await ticketSummaries(shop.ws.services.dataSource.manager, 't.id = ?', [again.ticket.id]);
    expect(again.ticket).toEqual(listedAgain);
  });

  it('numbers tickets sequentially with the prefix setting', async () => {
    await commit(validWalkIn());
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', { key: 'ticket.prefix', value: 'SZ-' });
    const second = await commit(validWalkIn());
    expect(second.ticket.number).toBe('SZ-000002');
  });

  it('a double submit of the same form makes one ticket', async () => {
    const input = validWalkIn();
    const [a, b] = await Promise.all([commit(input), commit(input)]);
    expect(b.replayed).toBe(true);
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(counts()).toMatchObject({ ticket: 1, customer: 1, print_job: 2 });
  });

  it('keeps the passcode encrypted at rest and reveals it only with the permission, audited', async () => {
    const { ticket } = await commit(validWalkIn());
    const stored = await shop.sql.get<{ passcode_enc: string }>('SELECT passcode_enc FROM ticket');
    expect(stored!.passcode_enc).toMatch(/^v1:/);
    if (shop.ws.services.engine === 'postgres') {
      // no file of its own: no row of the ticket or the audit holds the passcode's text
      const rows = await shop.sql.get<{ n: number }>(
        `SELECT (SELECT count(*) FROM ticket t WHERE t::text LIKE '%246810%')
              + (SELECT count(*) FROM audit_entry a WHERE a::text LIKE '%246810%') AS n`,
      );
      expect(rows!.n).toBe(0);
    }
    await shop.ws.close();
    if (shop.ws.services.engine === 'sqlite') {
      const file = fs.readFileSync(path.join(shop.dataDir, 'workstation.sqlite'));
      expect(file.includes(Buffer.from('246810'))).toBe(false);
    }
    shop = await openTestShop({ dataDir: shop.dataDir, start: shop.clock.now });
    const counterToken = await shop.as('counter');
    expect((await shop.fail(counterToken, 'tickets.revealPasscode', { id: ticket.id })).code).toBe('FORBIDDEN');
    const tech = await shop.as('technician');
    expect(await shop.call(tech, 'tickets.revealPasscode', { id: ticket.id })).toEqual({ passcode: '246810' });
    const detail = (await shop.call(tech, 'tickets.get', { id: ticket.id })) as TicketDetail;
    expect(detail.hasPasscode).toBe(true);
    expect(JSON.stringify(detail)).not.toContain('246810');
    const reveals = await shop.sql.all(
      "SELECT outcome, staff_name FROM audit_entry WHERE action = 'tickets.revealPasscode' ORDER BY id",
    );
    expect(reveals).toEqual([
      { outcome: 'denied', staff_name: 'Test counter' },
      { outcome: 'success', staff_name: 'Test technician' },
    ]);
  });

  it('a returning customer brings a known device: nothing is duplicated and history shows', async () => {
    const first = await commit(validWalkIn());
    const detail = (await shop.call(counter, 'customers.get', { id: first.ticket.customerId })) as {
      devices: Array<{ id: number }>;
      tickets: Array<{ number: string }>;
    };
    const second = await commit(
      validWalkIn({ customer: { id: first.ticket.customerId }, device: { id: detail.devices[0].id } }),
    );
    expect(second.ticket.customerId).toBe(first.ticket.customerId);
    expect(counts()).toMatchObject({ customer: 1, device: 1, ticket: 2 });
    const again = (await shop.call(counter, 'customers.get', { id: first.ticket.customerId })) as typeof detail;
    expect(again.tickets.map((t) => t.number)).toEqual(['R-000002', 'R-000001']);
  });

  it('refuses a device that belongs to another customer', async () => {
    const first = await commit(validWalkIn());
    const other = await commit(validWalkIn({ customer: { name: 'Tom Baker', phone: '+44 20 7946 0958', channel: 'online' } }));
    const before = counts();
    const err = await shop.fail(
      counter,
      'intake.commit',
      validWalkIn({ customer: { id: other.ticket.customerId }, device: { id: first.ticket.id } }),
    );
    expect(err.details?.key).toBe('errors.deviceNotCustomers');
    expect(counts()).toEqual(before);
  });

  it('tells managers about an emergency at once, and nobody else', async () => {
    const seen: string[] = [];
    const off = shop.ws.events.subscribe((m) => seen.push(m.name));
    await commit(validWalkIn({ ticket: { ...validWalkIn().ticket, priority: 'emergency' } }));
    off();
    expect(seen).toEqual(['ticket.created', 'printJob.queued', 'printJob.queued', 'emergency']);
    const { eventVisibleTo } = await import('../../main/events');
    expect(['counter', 'technician', 'inspector', 'manager', 'admin'].filter((r) => eventVisibleTo('emergency', r as never))).toEqual([
      'manager',
      'admin',
    ]);
  });
});

describe('the warranty decision', () => {
  const evaluate = (input: Record<string, unknown>) =>
    shop.call(counter, 'intake.evaluate', { deviceType: 'phone', proof: 'invoice', serviceMode: 'carry_in', ...input }) as Promise<WarrantyDecision>;

  it('covers a device within the period with proof, and explains every other case', async () => {
    // The clock is 2026-11-23; phones have 12 months.
    expect(await evaluate({ purchaseDate: '2026-01-10' })).toMatchObject({ warranty: 'in_warranty', warrantyUntil: '2027-01-09', chargeable: false });
    expect(await evaluate({ purchaseDate: '2025-11-23' })).toMatchObject({ warranty: 'expired', warrantyUntil: '2026-11-22', chargeable: true });
    expect(await evaluate({ purchaseDate: '2026-01-10', proof: 'none' })).toMatchObject({ warranty: 'no_proof', chargeable: true });
    expect(await evaluate({ purchaseDate: '2026-01-10', exclusion: 'liquid' })).toMatchObject({ warranty: 'excluded', chargeable: true });
    expect(await evaluate({})).toMatchObject({ warranty: 'unknown', chargeable: true });
  });

  it('uses the months per device type from settings', async () => {
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', {
      key: 'warranty.months',
      value: { phone: 24, laptop: 12, tablet: 12, console: 12, desktop: 12, watch: 12, other: 6 },
    });
    expect((await evaluate({ purchaseDate: '2025-06-01' })).warranty).toBe('in_warranty');
  });

  it('refuses a purchase date in the future', async () => {
    const err = await shop.fail(counter, 'intake.evaluate', { deviceType: 'phone', proof: 'invoice', serviceMode: 'carry_in', purchaseDate: '2026-12-01' });
    expect(err).toMatchObject({ code: 'VALIDATION', details: { key: 'errors.purchaseInFuture' } });
  });

  it('flags a repeat repair within 90 days of an earlier completed repair, free by default', async () => {
    const first = await commit(validWalkIn({ device: { ...validWalkIn().device, purchaseDate: '2024-01-01' } }));
    await shop.sql.run("UPDATE ticket SET status = 'collected', completed_at = ? WHERE id = ?", shop.clock.now, first.ticket.id);
    shop.clock.now += 30 * 86_400_000;
    // Same IMEI typed in as a "new" device: still the same physical phone.
    const d = await evaluate({ deviceId: 1, purchaseDate: '2024-01-01' });
    expect(d).toMatchObject({ warranty: 'expired', repeatOf: { number: 'R-000001' }, chargeable: false });
    const again = await commit(validWalkIn({ device: { ...validWalkIn().device, purchaseDate: '2024-01-01' } }));
    expect(again.ticket.isRepeat).toBe(true);
    shop.clock.now += 61 * 86_400_000;
    expect((await evaluate({ deviceId: 1, purchaseDate: '2024-01-01' })).repeatOf).toBeNull();
  });

  it('promises carry-in work in 3 business days, counting opening hours only', async () => {
    // Monday 2026-11-23 10:00 Shanghai; open Mon-Sat 09:00-18:00 → Thursday 10:00.
    const d = await evaluate({});
    expect(new Date(d.promisedAt).toISOString()).toBe('2026-11-26T02:00:00.000Z');
  });
});

describe('bad input changes nothing', () => {
  const base = validWalkIn();
  const cases: Array<[string, unknown, string]> = [
    ['customer.name', { ...base, customer: { ...base.customer, name: '   ' } }, 'errors.field.required'],
    ['customer.name', { ...base, customer: { ...base.customer, name: 'x'.repeat(121) } }, 'errors.field.tooLong'],
    ['customer.phone', { ...base, customer: { ...base.customer, phone: 'call me' } }, 'errors.field.phone'],
    ['customer.phone', { ...base, customer: { ...base.customer, phone: '123' } }, 'errors.field.phone'],
    ['customer.email', { ...base, customer: { ...base.customer, email: 'not-an-email' } }, 'errors.field.email'],
    ['customer.channel', { ...base, customer: { ...base.customer, channel: 'ebay' } }, 'errors.field.choice'],
    ['customer.id', { ...base, customer: { id: -1 } }, 'errors.field.invalid'],
    ['device.type', { ...base, device: { ...base.device, type: 'toaster' } }, 'errors.field.choice'],
    ['device.brand', { ...base, device: { ...base.device, brand: '' } }, 'errors.field.required'],
    ['device.model', { ...base, device: { ...base.device, model: '' } }, 'errors.field.required'],
    ['device.serial', { ...base, device: { ...base.device, serial: 's'.repeat(81) } }, 'errors.field.tooLong'],
    ['device.imei', { ...base, device: { ...base.device, imei: '49015420323751' } }, 'errors.field.imeiFormat'],
    ['device.imei', { ...base, device: { ...base.device, imei: '490154203237519' } }, 'errors.field.imeiLuhn'],
    ['device.purchaseDate', { ...base, device: { ...base.device, purchaseDate: '2026-02-30' } }, 'errors.field.date'],
    ['device.purchaseDate', { ...base, device: { ...base.device, purchaseDate: '2027-01-01' } }, 'errors.purchaseInFuture'],
    ['device.proof', { ...base, device: { ...base.device, proof: 'selfie' } }, 'errors.field.choice'],
    ['ticket.category', { ...base, ticket: { ...base.ticket, category: 'gossip' } }, 'errors.field.choice'],
    ['ticket.priority', { ...base, ticket: { ...base.ticket, priority: 'asap' } }, 'errors.field.choice'],
    ['ticket.serviceMode', { ...base, ticket: { ...base.ticket, serviceMode: 'teleport' } }, 'errors.field.choice'],
    ['ticket.problem', { ...base, ticket: { ...base.ticket, problem: '' } }, 'errors.field.required'],
    ['ticket.accessories.0', { ...base, ticket: { ...base.ticket, accessories: ['jetpack'] } }, 'errors.field.choice'],
    ['ticket.conditionNotes', { ...base, ticket: { ...base.ticket, conditionNotes: 'n'.repeat(2001) } }, 'errors.field.tooLong'],
    ['ticket.backupAck', { ...base, ticket: { ...base.ticket, backupAck: false } }, 'errors.field.backupAck'],
    ['ticket.passcode', { ...base, ticket: { ...base.ticket, passcode: 'p'.repeat(65) } }, 'errors.field.tooLong'],
    ['ticket.exclusion', { ...base, ticket: { ...base.ticket, exclusion: 'bored' } }, 'errors.field.choice'],
    ['ticket.estimateCents', { ...base, ticket: { ...base.ticket, estimateCents: 12.5 } }, 'errors.field.money'],
    ['ticket.estimateCents', { ...base, ticket: { ...base.ticket, estimateCents: -100 } }, 'errors.field.moneyNegative'],
    ['ticket.depositCents', { ...base, ticket: { ...base.ticket, depositCents: 1e12 } }, 'errors.field.moneyTooLarge'],
    ['ticket.depositCents', { ...base, ticket: { ...base.ticket, depositCents: '100' } }, 'errors.field.money'],
    ['idempotencyKey', { ...base, idempotencyKey: 'x' }, 'errors.field.required'],
  ];

  it.each(cases)('%s (%#)', async (field, input, key) => {
    await commit(validWalkIn()); // some history, so "nothing written" is measured against real rows
    const before = counts();
    const err = await shop.fail(counter, 'intake.commit', input);
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.issues?.map((i) => [i.path, i.key])).toContainEqual([field, key]);
    expect(counts()).toEqual(before);
  });

  it('an unknown customer id is NOT_FOUND and writes nothing', async () => {
    const before = counts();
    const err = await shop.fail(counter, 'intake.commit', { ...base, customer: { id: 999 } });
    expect(err.code).toBe('NOT_FOUND');
    expect(counts()).toEqual(before);
  });
});
