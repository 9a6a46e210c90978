import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  DailyReport,
  IntakeResult,
  KpiDashboard,
  OutboxPage,
  OutboxRow,
} from '../../main/api/contract';
import { ChannelError } from '../../main/domain/messages/channel';
import { enqueueTicketEvent } from '../../main/domain/messages/enqueue';
import { OutboxWorker } from '../../main/domain/messages/outbox-worker';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { testChannels, type TestChannel } from '../helpers/test-channel';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

const at = (s: string) => Date.parse(`${s}+08:00`);
let shop: TestShop;
let sms: TestChannel;
let email: TestChannel;
let counter: string;
let tech: string;
let manager: string;
let admin: string;
let serial = 0;

beforeAll(async () => {
  const ch = testChannels();
  sms = ch.sms;
  email = ch.email;
  shop = await openTestShop({
    start: at('2026-11-23T10:00'),
    messages: { resolver: ch.resolver, tickMs: 3_600_000, station: 'test-a' },
  });
  counter = await shop.as('counter');
  tech = await shop.as('technician');
  manager = await shop.as('manager');
  admin = await shop.as('admin');
  await shop.call(admin, 'settings.update', { key: 'shop.timeZone', value: 'Asia/Shanghai' });
  await shop.call(admin, 'settings.update', { key: 'qc.sampleRate', value: 0 });
  await shop.call(admin, 'settings.update', { key: 'shop.name', value: 'Fix-It 修好' });
});
afterAll(() => shop.close());
beforeEach(() => {
  for (const c of [sms, email]) {
    c.sent.length = 0;
    c.tries.length = 0;
    c.failures = [];
    c.offline = false;
  }
});

const worker = () => shop.ws.outbox!;

async function intake(
  messaging: Record<string, unknown> | undefined,
  customer: Record<string, unknown> = {},
) {
  const base = validWalkIn();
  const { ticket } = (await shop.call(
    counter,
    'intake.commit',
    validWalkIn({
      customer: { ...base.customer, ...customer },
      device: { ...base.device, imei: undefined, serial: `SN-M-${++serial}` },
      messaging,
    }),
  )) as IntakeResult;
  return ticket;
}

async function move(id: number, to: string) {
  const d = (await shop.call(tech, 'bench.detail', { id })) as { ticket: { version: number } };
  return shop.call(tech, 'bench.transition', { id, version: d.ticket.version, to });
}

/** A real route to ready: diagnose, repair (in warranty: free), finish (QC sampling off). */
async function toReady(id: number) {
  await move(id, 'diagnosing');
  await move(id, 'in_repair');
  await move(id, 'quality_check');
}

async function list(input: Record<string, unknown> = {}) {
  return ((await shop.call(manager, 'outbox.list', input)) as OutboxPage).rows;
}
const rowsFor = (ticketId: number) => list({ ticketId });

describe('rules → queue → worker', () => {
  it('ready for pickup: one SMS in the customer language, sent once, shown masked', async () => {
    const t = await intake({ consent: true, preference: 'sms', language: 'zh' });
    await toReady(t.id);
    await worker().flush();
    const [row] = await rowsFor(t.id);
    expect(row).toMatchObject({
      state: 'sent',
      channel: 'sms',
      template: 'ready_for_pickup',
      language: 'zh',
      attempts: 1,
      subject: null,
      provider: 'test',
      to: '+86 13****5678',
    });
    expect(row.text).toContain('李娜您好，您的Huawei Mate 60 Pro');
    expect(row.text).toContain(`工单 ${t.number}`);
    expect(row.text).toContain('Fix-It 修好');
    expect(sms.sent.map((m) => m.to)).toEqual(['+86 139 1234 5678']);
    expect(sms.sent[0].idempotencyKey).toBe(`t${t.id}:ready_for_pickup:ready_for_pickup`);
    expect(row.providerId).toBe(`test-${sms.sent[0].idempotencyKey}`);
    // Another pass sends nothing more.
    await worker().flush();
    expect(sms.sent).toHaveLength(1);
  });

  it('e-mail preference: subject and body in English; the template variables filled', async () => {
    const t = await intake({ consent: true, preference: 'email', language: 'en' });
    await toReady(t.id);
    await worker().flush();
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: 'li.na@example.com',
      channel: 'email',
      language: 'en',
    });
    expect(email.sent[0].subject).toBe('Fix-It 修好: your Huawei Mate 60 Pro is ready');
    expect(email.sent[0].body).toMatch(
      /^Hello 李娜, your Huawei Mate 60 Pro \(ticket R-\d+\) is ready/,
    );
    expect(email.sent[0].body).not.toMatch(/\{\w+\}/);
  });

  it('no consent, or unsubscribed: nothing is queued', async () => {
    const none = await intake(undefined);
    await toReady(none.id);
    expect(await rowsFor(none.id)).toEqual([]);

    const t = await intake({ consent: true, preference: 'sms' });
    const detail = (await shop.call(counter, 'tickets.get', { id: t.id })) as {
      customerId: number;
    };
    const off = await shop.call(counter, 'customers.setMessaging', {
      customerId: detail.customerId,
      consent: true,
      preference: 'sms',
      unsubscribed: true,
    });
    expect(off).toMatchObject({ consent: true, unsubscribedAt: shop.clock.now });
    await toReady(t.id);
    expect(await rowsFor(t.id)).toEqual([]);
  });

  it('approval needed is queued when the ticket waits for the customer', async () => {
    const t = await intake({ consent: true, preference: 'sms', language: 'en' });
    await move(t.id, 'diagnosing');
    await shop.call(tech, 'bench.estimateAdd', {
      ticketId: t.id,
      kind: 'labour',
      description: 'Replace screen',
      qty: 1,
      unitCents: 45000,
    });
    await move(t.id, 'awaiting_approval');
    await worker().flush();
    const [row] = await rowsFor(t.id);
    expect(row).toMatchObject({ template: 'approval_needed', state: 'sent' });
    expect(row.text).toContain('The repair costs');
  });

  it('one message per ticket, event and template, however often it is asked for', async () => {
    const t = await intake({ consent: true, preference: 'sms' });
    const services = shop.ws.services;
    const first = await enqueueTicketEvent(
      services.dataSource.manager,
      services,
      t.id,
      'ready_for_pickup',
      shop.clock.now,
    );
    const again = await enqueueTicketEvent(
      services.dataSource.manager,
      services,
      t.id,
      'ready_for_pickup',
      shop.clock.now,
    );
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(await rowsFor(t.id)).toHaveLength(1);
  });
});

describe('the other ways a device moves', () => {
  it('a passed quality check makes it ready: the customer is told', async () => {
    shop.clock.now = at('2026-11-23T11:00');
    await shop.call(admin, 'settings.update', { key: 'qc.sampleRate', value: 1 });
    try {
      const t = await intake({ consent: true, preference: 'email' });
      await toReady(t.id);
      expect(await rowsFor(t.id)).toEqual([]); // in quality check: nothing yet
      const inspector = await shop.as('inspector');
      const d = (await shop.call(tech, 'bench.detail', { id: t.id })) as {
        ticket: { version: number; status: string };
      };
      expect(d.ticket.status).toBe('quality_check');
      await shop.call(inspector, 'qc.record', {
        ticketId: t.id,
        version: d.ticket.version,
        procedure: 95,
        effectiveness: 95,
        communication: 95,
      });
      await worker().flush();
      expect(await rowsFor(t.id)).toMatchObject([{ template: 'ready_for_pickup', state: 'sent' }]);
    } finally {
      await shop.call(admin, 'settings.update', { key: 'qc.sampleRate', value: 0 });
    }
  });

  it('after pickup the rating request waits the set hours, then goes', async () => {
    shop.clock.now = at('2026-11-23T12:00');
    const t = await readyTicket(shop, counter);
    const { customerId } = (await shop.call(counter, 'tickets.get', { id: t.id })) as {
      customerId: number;
    };
    await shop.call(counter, 'customers.setMessaging', {
      customerId,
      consent: true,
      preference: 'email',
      unsubscribed: false,
    });
    const view = await lookup(shop, counter, t.number);
    await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: `pickup-${t.id}-msg`,
      payments: [{ method: 'card', amountCents: 40850 }],
      signature: SIGNATURE,
    });
    await worker().flush();
    const rating = (await rowsFor(t.id)).find((r) => r.template === 'after_pickup')!;
    expect(rating).toMatchObject({ state: 'queued', nextAttemptAt: at('2026-11-23T14:00') });
    shop.clock.now = at('2026-11-23T14:00');
    await worker().flush();
    expect((await rowsFor(t.id)).find((r) => r.id === rating.id)?.state).toBe('sent');
  });
});

describe('quiet hours', () => {
  it('an SMS at 22:00 waits until 08:00 next morning (shop zone); e-mail goes at once', async () => {
    shop.clock.now = at('2026-11-24T22:00');
    const t = await intake({ consent: true, preference: 'sms' });
    const e = await intake({ consent: true, preference: 'email' });
    await toReady(t.id);
    await toReady(e.id);
    await worker().flush();
    const [row] = await rowsFor(t.id);
    expect(row).toMatchObject({
      state: 'queued',
      nextAttemptAt: at('2026-11-25T08:00'),
      attempts: 0,
    });
    const mine = () => sms.tries.filter((m) => m.id === row.id);
    expect(mine()).toHaveLength(0);
    expect((await rowsFor(e.id))[0].state).toBe('sent');
    shop.clock.now = at('2026-11-25T07:59');
    await worker().flush();
    expect(mine()).toHaveLength(0);
    shop.clock.now = at('2026-11-25T08:00');
    await worker().flush();
    expect((await rowsFor(t.id))[0].state).toBe('sent');
    expect(mine()).toHaveLength(1);
  });
});

describe('failures', () => {
  beforeEach(() => {
    shop.clock.now = at('2026-11-26T10:00');
  });

  it('transient: back-off 1, 2, 4 … minutes up to an hour, on the injected clock; then sent', async () => {
    const t = await intake({ consent: true, preference: 'email' });
    email.failures = Array.from(
      { length: 8 },
      () => new ChannelError('transient', 'errors.channel.rateLimited', { retryAfter: 30 }),
    );
    await toReady(t.id);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await worker().flush();
      const [row] = await rowsFor(t.id);
      expect(row.state).toBe('queued');
      expect(row.lastError).toEqual({
        key: 'errors.channel.rateLimited',
        params: { retryAfter: 30 },
      });
      waits.push((row.nextAttemptAt! - shop.clock.now) / 60_000);
      // A moment early: nothing is tried.
      shop.clock.now = row.nextAttemptAt! - 1;
      await worker().flush();
      expect(email.tries).toHaveLength(i + 1);
      shop.clock.now = row.nextAttemptAt!;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    await worker().flush();
    const [row] = await rowsFor(t.id);
    expect(row).toMatchObject({ state: 'sent', attempts: 9, lastError: null });
    expect(email.sent).toHaveLength(1);
  });

  it('permanent: failed with its reason; a manager retries it (audited) and it is sent', async () => {
    const t = await intake({ consent: true, preference: 'sms' });
    sms.failures = [
      new ChannelError('permanent', 'errors.channel.invalidNumber', { to: '+86…5678' }),
    ];
    await toReady(t.id);
    await worker().flush();
    let [row] = await rowsFor(t.id);
    expect(row).toMatchObject({
      state: 'failed',
      lastError: { key: 'errors.channel.invalidNumber', params: { to: '+86…5678' } },
    });
    await worker().flush();
    expect(sms.tries).toHaveLength(1);
    const counterRetry = await shop.fail(counter, 'outbox.retry', { id: row.id });
    expect(counterRetry.code).toBe('FORBIDDEN');
    row = (await shop.call(manager, 'outbox.retry', { id: row.id })) as OutboxRow;
    expect(row.state).toBe('queued');
    await worker().flush();
    expect((await rowsFor(t.id))[0].state).toBe('sent');
    const audit = await shop.sql.get(
      "SELECT entity, entity_id, outcome FROM audit_entry WHERE action = 'outbox.retry' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ entity: 'message', entity_id: String(row.id), outcome: 'success' });
  });

  it('uncertain: never retried automatically; a manager may cancel it with a reason', async () => {
    const t = await intake({ consent: true, preference: 'sms' });
    sms.failures = [new ChannelError('uncertain', 'errors.channel.timeout', { seconds: 30 })];
    await toReady(t.id);
    await worker().flush();
    shop.clock.now += 86_400_000;
    await worker().flush();
    const [row] = await rowsFor(t.id);
    expect(row).toMatchObject({
      state: 'uncertain',
      attempts: 1,
      lastError: { key: 'errors.channel.timeout' },
    });
    expect(sms.tries).toHaveLength(1);
    const attention = await list({ state: 'attention' });
    expect(attention.map((r) => r.id)).toContain(row.id);
    // The channel filter is the server's: a page of e-mails holds no SMS.
    expect((await list({ state: 'attention', channel: 'sms' })).map((r) => r.id)).toContain(row.id);
    expect((await list({ state: 'attention', channel: 'email' })).map((r) => r.id)).not.toContain(
      row.id,
    );
    const cancelled = (await shop.call(manager, 'outbox.cancel', {
      id: row.id,
      reason: 'Customer says it arrived',
    })) as OutboxRow;
    expect(cancelled.state).toBe('cancelled');
    const again = await shop.fail(manager, 'outbox.cancel', { id: row.id, reason: 'twice' });
    expect(again).toMatchObject({
      code: 'CONFLICT',
      details: { key: 'errors.messages.notCancellable', params: { state: 'cancelled' } },
    });
  });

  it('a channel that is not set up keeps the message queued with the reason', async () => {
    const t = await intake({ consent: true, preference: 'manual' });
    await toReady(t.id);
    await worker().flush();
    const [row] = await rowsFor(t.id);
    // Manual messages are never sent by the worker: staff copy the text and confirm.
    expect(row).toMatchObject({ state: 'queued', channel: 'manual', attempts: 0 });
    const sent = (await shop.call(counter, 'outbox.confirmManual', { id: row.id })) as OutboxRow;
    expect(sent).toMatchObject({ state: 'sent', provider: 'manual' });
    const twice = await shop.fail(counter, 'outbox.confirmManual', { id: row.id });
    expect(twice.details).toMatchObject({ key: 'errors.messages.notConfirmable' });
  });
});

describe('not collected', () => {
  it('the sweep reminds once, N days after the device became ready', async () => {
    shop.clock.now = at('2026-11-27T10:00');
    const t = await intake({ consent: true, preference: 'email' });
    await toReady(t.id);
    shop.clock.now = at('2026-12-11T09:59');
    await worker().sweep();
    expect((await rowsFor(t.id)).map((r) => r.template)).toEqual(['ready_for_pickup']);
    shop.clock.now = at('2026-12-11T10:00');
    expect(await worker().sweep()).toBeGreaterThanOrEqual(1);
    expect(await worker().sweep()).toBe(0);
    const rows = await rowsFor(t.id);
    expect(rows.map((r) => r.template)).toEqual(['not_collected', 'ready_for_pickup']);
    expect(rows[0].text).toContain('is still waiting for you');
  });
});

describe('several claimers', () => {
  it('two workers on the same outbox send each message exactly once', async () => {
    shop.clock.now = at('2026-12-12T10:00');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = await intake({ consent: true, preference: 'email' });
      await toReady(t.id);
      ids.push(t.id);
    }
    const ch = testChannels();
    const o = (station: string) =>
      new OutboxWorker({
        services: shop.ws.services,
        exclusive: (fn) => shop.ws.dispatcher.exclusive(fn),
        resolver: ch.resolver,
        station,
        log: () => undefined,
      });
    const [a, b] = [o('b1'), o('b2')];
    await Promise.all([a.flush(), b.flush(), worker().flush()]);
    const sentKeys = [...ch.email.sent, ...email.sent].map((m) => m.idempotencyKey);
    for (const id of ids) expect(sentKeys.filter((k) => k.startsWith(`t${id}:`))).toHaveLength(1);
    expect(new Set(sentKeys).size).toBe(sentKeys.length);
  });
});

describe('offline for two days', () => {
  it('retries go on; once online, every message is sent, oldest first', async () => {
    shop.clock.now = at('2026-12-14T09:00');
    email.offline = true;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await intake({ consent: true, preference: 'email' });
      await toReady(t.id);
      ids.push(t.id);
      shop.clock.now += 7 * 60_000;
      await worker().flush();
    }
    const end = shop.clock.now + 2 * 86_400_000;
    while (shop.clock.now < end) {
      shop.clock.now += 10 * 60_000;
      await worker().flush();
    }
    expect(email.sent).toHaveLength(0);
    // The oldest keeps being tried (at most hourly); the younger wait behind it, in order.
    expect(email.tries.length).toBeGreaterThan(48);
    const lastTry = email.tries[email.tries.length - 1];
    expect(lastTry.id).toBe(email.tries[0].id);
    email.offline = false;
    shop.clock.now += 3_600_000;
    await worker().flush();
    expect(email.sent.map((m) => m.idempotencyKey)).toEqual(
      ids.map((id) => `t${id}:ready_for_pickup:ready_for_pickup`),
    );
    for (const id of ids) expect((await rowsFor(id))[0].state).toBe('sent');
  });
});

describe('unsubscribe and erasure', () => {
  it('unsubscribing cancels what waits; erasing the customer blanks the text and address', async () => {
    shop.clock.now = at('2026-12-15T22:30');
    const t = await intake({ consent: true, preference: 'sms' });
    await toReady(t.id);
    const [waiting] = await rowsFor(t.id);
    expect(waiting.state).toBe('queued'); // quiet hours
    const { customerId } = (await shop.call(counter, 'tickets.get', { id: t.id })) as {
      customerId: number;
    };
    await shop.call(counter, 'customers.setMessaging', {
      customerId,
      consent: true,
      preference: 'sms',
      unsubscribed: true,
    });
    expect((await rowsFor(t.id))[0].state).toBe('cancelled');
    shop.clock.now = at('2026-12-16T08:00');
    await worker().flush();
    expect(sms.tries.filter((m) => m.id === waiting.id)).toEqual([]);
    // Collected, then erased on request: the row stays (counts) without the person's data.
    await shop.sql.run("UPDATE ticket SET status = 'collected' WHERE id = ?", t.id);
    await shop.call(manager, 'customers.erase', { customerId, reason: 'Customer asked' });
    const [erased] = await rowsFor(t.id);
    expect(erased).toMatchObject({ state: 'cancelled', text: '', to: '***' });
  });
});

describe('daily report and dashboard', () => {
  it('counts sent and failed per channel on the day, and the share of ready customers told within 15 min', async () => {
    shop.clock.now = at('2026-12-17T10:00');
    await worker().flush();
    const quick = await intake({ consent: true, preference: 'email' });
    const late = await intake({ consent: true, preference: 'sms' });
    const refused = await intake({ consent: true, preference: 'sms' });
    const silent = await intake(undefined);
    await toReady(quick.id);
    await worker().flush();
    sms.failures = [new ChannelError('permanent', 'errors.channel.invalidNumber')];
    await toReady(refused.id);
    await worker().flush();
    await toReady(silent.id);
    shop.clock.now = at('2026-12-17T22:00');
    await toReady(late.id);
    await worker().flush();
    const day = (await shop.call(manager, 'report.daily', { date: '2026-12-17' })) as DailyReport;
    expect(day.messages.byChannel).toEqual([
      { channel: 'email', sent: 1, failed: 0, uncertain: 0 },
      { channel: 'sms', sent: 0, failed: 1, uncertain: 0 },
      { channel: 'manual', sent: 0, failed: 0, uncertain: 0 },
    ]);
    expect(day.messages.queuedAtEnd).toBeGreaterThanOrEqual(1);
    // The 22:00 SMS leaves at 08:00: sent on the next day, and not within 15 minutes.
    shop.clock.now = at('2026-12-18T08:00');
    await worker().flush();
    const next = (await shop.call(manager, 'report.daily', { date: '2026-12-18' })) as DailyReport;
    expect(next.messages.byChannel[1]).toMatchObject({ channel: 'sms', sent: 1 });
    const kpi = (await shop.call(manager, 'kpi.dashboard', {
      from: '2026-12-17',
      to: '2026-12-17',
    })) as KpiDashboard;
    expect(kpi.customersTold).toEqual({ ready: 4, toldWithin15: 1, share: 25 });
  });
});

describe('restart', () => {
  it("a message left 'sending' by a crash is uncertain after restart, not sent again", async () => {
    shop.clock.now = at('2026-12-20T10:00');
    await worker().flush();
    const t = await intake({ consent: true, preference: 'email' });
    email.failures = [new ChannelError('transient', 'errors.channel.network')];
    await toReady(t.id);
    await worker().flush();
    // What a crash between claim and record leaves behind: claimed, never recorded.
    const [row] = await rowsFor(t.id);
    shop.clock.now = row.nextAttemptAt!;
    const claimed = await worker().claim();
    expect(claimed?.id).toBe(row.id);
    const dataDir = shop.dataDir;
    await shop.ws.close();
    const ch = testChannels();
    const again = await openTestShop({
      dataDir,
      start: shop.clock.now,
      // The same station restarts (on PostgreSQL a station recovers only its own claims).
      messages: { resolver: ch.resolver, tickMs: 3_600_000, station: 'test-a' },
    });
    try {
      await again.ws.outbox!.flush();
      const rows = (
        (await again.call(await again.as('manager'), 'outbox.list', {
          ticketId: t.id,
        })) as OutboxPage
      ).rows;
      expect(rows[0]).toMatchObject({
        state: 'uncertain',
        lastError: { key: 'errors.messages.interrupted' },
      });
      expect(ch.email.tries).toHaveLength(0);
    } finally {
      await again.ws.close();
    }
  });
});
