import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallbackDto,
  CallbackResult,
  ComplaintDto,
  ManagerTaskDto,
  PickupResult,
  RmaDto,
} from '../../main/api/contract';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { PINS, openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let counter: string;
let manager: string;
const key = () => `fu-${Math.random().toString(36).slice(2)}`;
const at = (s: string) => new Date(`${s}+08:00`).getTime();
const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  manager = await shop.as('manager');
});
afterAll(() => shop.close());

async function pickedUpAt(when: string) {
  shop.clock.now = at(when);
  const t = await readyTicket(shop, counter);
  const v = (await lookup(shop, counter, t.number)).ticket.version;
  await shop.call(counter, 'pickup.complete', {
    ticketId: t.id,
    version: v,
    idempotencyKey: key(),
    payments: [{ method: 'card', amountCents: 40850 }],
    signature: SIGNATURE,
  });
  const queue = (await shop.call(counter, 'callbacks.queue', { view: 'all' })) as CallbackDto[];
  return { ticket: t, callback: queue.find((c) => c.ticketId === t.id)! };
}

describe('callbacks within a business day, manager within a business hour', () => {
  it('a Saturday-evening pickup is called back by Monday evening, not Sunday; it shows overdue after that', async () => {
    const { callback } = await pickedUpAt('2026-11-28T17:30');
    expect(local(callback.dueAt)).toBe('2026-11-30T17:30');
    shop.clock.now = at('2026-11-30T17:29');
    let due = (await shop.call(counter, 'callbacks.queue', {})) as CallbackDto[];
    expect(due.find((c) => c.id === callback.id)?.overdue).toBe(false);
    shop.clock.now = at('2026-11-30T17:31');
    due = (await shop.call(counter, 'callbacks.queue', {})) as CallbackDto[];
    expect(due.find((c) => c.id === callback.id)?.overdue).toBe(true);
  });

  it('not reached: tried again two business hours later, across the night', async () => {
    const { callback } = await pickedUpAt('2026-11-23T10:00');
    shop.clock.now = at('2026-11-24T17:00');
    const r = (await shop.call(counter, 'callbacks.record', {
      id: callback.id,
      version: callback.version,
      reached: false,
    })) as CallbackResult;
    expect(r.callback).toMatchObject({ status: 'due', attempts: 1 });
    expect(local(r.callback.dueAt)).toBe('2026-11-25T10:00');
  });

  it('a dissatisfied customer makes a manager task due an hour later (next morning after 17:30); it stands out once overdue', async () => {
    const { callback } = await pickedUpAt('2026-11-23T11:00');
    shop.clock.now = at('2026-11-24T17:30');
    const satisfiedEarly = await shop.fail(counter, 'callbacks.record', {
      id: callback.id,
      version: callback.version,
      reached: true,
    });
    expect(satisfiedEarly.details?.issues?.[0]?.path).toBe('satisfaction');
    const r = (await shop.call(counter, 'callbacks.record', {
      id: callback.id,
      version: callback.version,
      reached: true,
      satisfaction: 'dissatisfied',
      attitude: 2,
      speed: 1,
      competence: 3,
      nps: 2,
      comments: 'took a week',
    })) as CallbackResult;
    expect(r.callback.status).toBe('done');
    expect(r.managerTaskId).not.toBeNull();
    let tasks = (await shop.call(manager, 'managerTasks.list', {})) as ManagerTaskDto[];
    const task = tasks.find((x) => x.id === r.managerTaskId)!;
    expect(local(task.dueAt)).toBe('2026-11-25T09:30');
    expect(task.overdue).toBe(false);
    shop.clock.now = at('2026-11-25T09:31');
    tasks = (await shop.call(manager, 'managerTasks.list', {})) as ManagerTaskDto[];
    expect(tasks.find((x) => x.id === task.id)?.overdue).toBe(true);
    // Counter staff do not see manager tasks.
    expect((await shop.fail(counter, 'managerTasks.list', {})).code).toBe('FORBIDDEN');
    const done = (await shop.call(manager, 'managerTasks.resolve', {
      id: task.id,
      version: task.version,
      plan: 'Called, apologised, free case',
      outcome: 'Customer satisfied',
    })) as ManagerTaskDto;
    expect(done).toMatchObject({
      status: 'done',
      doneBy: 'Test manager',
      plan: 'Called, apologised, free case',
    });
  });

  it('satisfied customers raise no task; a left-over problem opens a follow-up ticket linked as a repeat', async () => {
    const { callback, ticket } = await pickedUpAt('2026-11-23T12:00');
    const r = (await shop.call(counter, 'callbacks.record', {
      id: callback.id,
      version: callback.version,
      reached: true,
      satisfaction: 'satisfied',
      nps: 9,
      leftover: 'Speaker crackles',
      leftoverAction: 'follow_up',
    })) as CallbackResult;
    expect(r.managerTaskId).toBeNull();
    expect(r.followUpTicket).not.toBeNull();
    const row = await shop.sql.get(
      'SELECT repeat_of_id, problem, status FROM ticket WHERE id = ?',
      r.followUpTicket!.id,
    );
    expect(row).toEqual({
      repeat_of_id: ticket.id,
      problem: 'Speaker crackles',
      status: 'received',
    });
    expect(
      (
        await shop.fail(counter, 'callbacks.record', {
          id: callback.id,
          version: r.callback.version,
          reached: false,
        })
      ).details?.key,
    ).toBe('errors.callbackDone');
  });
});

describe('complaints', () => {
  it('cannot close until the customer has confirmed the resolution', async () => {
    shop.clock.now = at('2026-11-23T10:00');
    const t = await readyTicket(shop, counter, { status: 'in_repair' });
    let k = (await shop.call(counter, 'complaints.create', {
      ticketId: t.id,
      type: 'slow_handling',
      severity: 'high',
      description: 'Promised Monday, still not done',
    })) as ComplaintDto;
    expect(k.status).toBe('open');
    expect(
      (await shop.fail(manager, 'complaints.close', { id: k.id, version: k.version })).details?.key,
    ).toBe('errors.complaintNotConfirmed');
    expect(
      (
        await shop.fail(counter, 'complaints.confirm', {
          id: k.id,
          version: k.version,
          channel: 'phone',
        })
      ).details?.key,
    ).toBe('errors.complaintNotResolved');
    k = (await shop.call(manager, 'complaints.resolve', {
      id: k.id,
      version: k.version,
      cause: 'Part on back order',
      resolution: 'compensation',
      compensation: 'voucher',
      note: '50 voucher',
    })) as ComplaintDto;
    expect(k).toMatchObject({
      status: 'resolved',
      compensation: 'voucher',
      owner: { name: 'Test manager' },
    });
    expect(
      (await shop.fail(manager, 'complaints.close', { id: k.id, version: k.version })).details?.key,
    ).toBe('errors.complaintNotConfirmed');
    k = (await shop.call(counter, 'complaints.confirm', {
      id: k.id,
      version: k.version,
      channel: 'phone',
      note: 'happy with voucher',
    })) as ComplaintDto;
    k = (await shop.call(manager, 'complaints.close', {
      id: k.id,
      version: k.version,
    })) as ComplaintDto;
    expect(k.status).toBe('closed');
    expect(k.confirmationChannel).toBe('phone');
  });

  it("a complaint's ticket is always quality-checked when finished", async () => {
    // Fill the sampling window so a routine repair would skip QC.
    await shop.sql.run('DELETE FROM completion');
    for (let i = 0; i < 120; i++) {
      await shop.sql.run(
        "INSERT INTO completion (ticket_id, reason, sampled, at) VALUES (1, 'routine', 1, 0)",
      );
    }
    const tech = await shop.as('technician');
    const routine = await readyTicket(shop, counter, { status: 'in_repair' });
    const withComplaint = await readyTicket(shop, counter, { status: 'in_repair' });
    await shop.call(counter, 'complaints.create', {
      ticketId: withComplaint.id,
      type: 'service_attitude',
      severity: 'low',
      description: 'Rude on the phone',
    });
    const finish = async (id: number) => {
      const v = (await shop.sql.get<{ version: number }>(
        'SELECT version FROM ticket WHERE id = ?',
        id,
      ))!.version;
      return (
        (await shop.call(tech, 'bench.transition', { id, version: v, to: 'quality_check' })) as {
          status: string;
        }
      ).status;
    };
    expect(await finish(routine.id)).toBe('ready');
    expect(await finish(withComplaint.id)).toBe('quality_check');
  });
});

describe('returns (RMA)', () => {
  it('request → verify (code + printable slip) → receive → refund with manager PIN → customer told', async () => {
    const customerId = (await shop.sql.get<{ id: number }>(
      'SELECT id FROM customer ORDER BY id LIMIT 1',
    ))!.id;
    let r = (await shop.call(counter, 'rma.request', {
      customerId,
      product: 'Huawei FreeBuds 5',
      serial: 'FB5-001',
      proof: 'invoice',
      proofRef: 'FP-2026-778',
      reason: 'Left bud silent',
    })) as RmaDto;
    expect(r.code).toBeNull();
    const v = (await shop.call(counter, 'rma.verify', {
      id: r.id,
      version: r.version,
      approve: true,
    })) as { rma: RmaDto; printJob: { kind: string; document: unknown } };
    r = v.rma;
    expect(r.code).toMatch(/^RA-\d{6}-[A-Z2-9]{2}$/);
    expect(v.printJob.kind).toBe('rma_authorisation');
    expect(JSON.stringify(v.printJob.document)).toContain(r.code);
    expect(
      ((await shop.call(counter, 'rma.list', { code: r.code!.toLowerCase() })) as RmaDto[]).map(
        (x) => x.id,
      ),
    ).toEqual([r.id]);
    expect(
      (
        await shop.fail(counter, 'rma.resolve', {
          id: r.id,
          version: r.version,
          outcome: 'exchange',
        })
      ).details?.key,
    ).toBe('errors.rmaWrongStep');
    r = (await shop.call(counter, 'rma.receive', {
      id: r.id,
      version: r.version,
      inspection: 'Driver dead, no damage',
      sound: false,
    })) as RmaDto;
    expect(
      (
        await shop.fail(counter, 'rma.resolve', {
          id: r.id,
          version: r.version,
          outcome: 'refund',
          refundCents: 89900,
        })
      ).details?.key,
    ).toBe('errors.managerPin');
    const managerId = (await shop.sql.get<{ id: number }>(
      "SELECT id FROM staff WHERE role = 'manager'",
    ))!.id;
    r = (await shop.call(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'refund',
      refundCents: 89900,
      approval: { staffId: managerId, pin: PINS.manager },
    })) as RmaDto;
    expect(r).toMatchObject({ status: 'refunded', refundCents: 89900 });
    r = (await shop.call(counter, 'rma.tell', {
      id: r.id,
      version: r.version,
      channel: 'sms',
    })) as RmaDto;
    expect(r).toMatchObject({ status: 'closed', toldChannel: 'sms' });
  });

  it('authorisation codes stay unique when counters authorise at the same moment', async () => {
    const customerId = (await shop.sql.get<{ id: number }>(
      'SELECT id FROM customer ORDER BY id LIMIT 1',
    ))!.id;
    const requests: RmaDto[] = [];
    for (let i = 0; i < 40; i++) {
      requests.push(
        (await shop.call(counter, 'rma.request', {
          customerId,
          product: `Unit ${i}`,
          proof: 'order_number',
          proofRef: `O-${i}`,
          reason: 'DOA',
        })) as RmaDto,
      );
    }
    // Two counters (two sessions) fire every authorisation at once; each also retries once,
    // as a double click would: the retry must be refused (stale), never issue a second code.
    const results = await Promise.all(
      requests.flatMap((r) => [
        shop.ws.dispatcher.call(
          'rma.verify',
          { id: r.id, version: r.version, approve: true },
          { token: counter, origin: 'a' },
        ),
        shop.ws.dispatcher.call(
          'rma.verify',
          { id: r.id, version: r.version, approve: true },
          { token: manager, origin: 'b' },
        ),
      ]),
    );
    expect(results.filter((x) => x.ok)).toHaveLength(40);
    expect(results.filter((x) => !x.ok).map((x) => !x.ok && x.error.code)).toEqual(
      Array(40).fill('CONFLICT'),
    );
    const codes = (
      await shop.sql.all<{ code: string }>('SELECT code FROM rma WHERE code IS NOT NULL')
    ).map((x) => x.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(41);
    // And the schema itself refuses a duplicate, whatever writes it.
    await expect(
      shop.sql.run('UPDATE rma SET code = ? WHERE id = ?', codes[0], requests[5].id),
    ).rejects.toThrow(/UNIQUE|unique constraint/);
  });
});

describe('customer messages', () => {
  it('fills the template in English or Chinese and records what was told, how and when', async () => {
    shop.clock.now = at('2026-11-23T15:00');
    const t = await readyTicket(shop, counter);
    const en = (await shop.call(counter, 'messages.compose', {
      ticketId: t.id,
      template: 'ready',
      lang: 'en',
    })) as { text: string };
    expect(en.text).toBe(
      `Hello 李娜, your Huawei Mate 60 Pro (ticket ${t.number}) is ready for pickup at Service Centre. Amount due: 408.50.`,
    );
    const zh = (await shop.call(counter, 'messages.compose', {
      ticketId: t.id,
      template: 'ready',
      lang: 'zh',
    })) as { text: string };
    expect(zh.text).toContain('已修好');
    await shop.call(counter, 'messages.record', {
      ticketId: t.id,
      template: 'ready',
      lang: 'zh',
      text: zh.text,
      channel: 'wechat',
    });
    const list = (await shop.call(counter, 'messages.list', { ticketId: t.id })) as Array<{
      channel: string;
      text: string;
      staffName: string;
      at: number;
    }>;
    expect(list).toEqual([
      expect.objectContaining({
        channel: 'wechat',
        text: zh.text,
        staffName: 'Test counter',
        at: shop.clock.now,
      }),
    ]);
  });
});

describe('end-to-end of one collection', () => {
  it('the collected ticket leaves the pickup lookup in the done state', async () => {
    shop.clock.now = at('2026-11-23T10:00');
    const t = await readyTicket(shop, counter);
    const v = (await lookup(shop, counter, t.number)).ticket.version;
    const r = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: v,
      idempotencyKey: key(),
      payments: [{ method: 'cash', amountCents: 40850 }],
      signature: SIGNATURE,
    })) as PickupResult;
    const view = await lookup(shop, counter, t.number);
    expect(view.mode).toBe('done');
    expect(view.invoices.map((i) => i.number)).toEqual([r.invoice.number]);
  });
});
