import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResult, StockLevel, TicketPartDto } from '../../main/api/contract';
import { IDEMPOTENT_METHODS } from '../../main/api/contract-idempotent';
import { apiMethods } from '../../main/api/table';
import { part, stockUp } from '../helpers/inventory';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/**
 * Issue 15, network blips: a write whose answer was lost is sent again with the same key and
 * is applied once, answering as the first time; a new key is a new action. Runs on both
 * engines (TEST_DB=postgres for PostgreSQL).
 */
let shop: TestShop;
let counter: string;
let tech: string;
let manager: string;

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  tech = await shop.as('technician');
  manager = await shop.as('manager');
}, 120_000);
afterAll(() => shop.close());

let seq = 0;
const key = (what: string) => `test-${what}-${++seq}-${Date.now()}`;
const rows = async (sql: string, ...p: unknown[]) =>
  Number((await shop.sql.get<{ n: number | string }>(sql, ...p))!.n);
const walkIn = async () =>
  ((await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult).ticket;
const detail = (id: number) =>
  shop.call(tech, 'bench.detail', { id }) as Promise<{ ticket: { version: number; status: string } }>;

describe('the idempotent methods', () => {
  it('are all write methods of the table', () => {
    const writes = new Set(apiMethods.filter((m) => m.write && !m.long).map((m) => m.name));
    for (const name of IDEMPOTENT_METHODS) expect(writes.has(name as never), name).toBe(true);
  });
});

describe('a ticket transition sent twice with one key', () => {
  it('moves the ticket once and answers the same; the same move with a new key is refused as stale with who and when', async () => {
    const t = await walkIn();
    const { ticket } = await detail(t.id);
    const input = { id: t.id, version: ticket.version, to: 'diagnosing' };
    const k = key('move');
    const events = () => rows('SELECT count(*) AS n FROM ticket_event WHERE ticket_id = ?', t.id);
    const before = await events();
    const first = await shop.call(tech, 'bench.transition', { ...input, idempotencyKey: k });
    const again = await shop.call(tech, 'bench.transition', { ...input, idempotencyKey: k });
    expect(again).toEqual(first);
    expect(await events()).toBe(before + 1);
    expect((await detail(t.id)).ticket.version).toBe(ticket.version + 1);

    const other = await shop.fail(manager, 'bench.transition', { ...input, idempotencyKey: key('move') });
    expect(other.code).toBe('CONFLICT');
    expect(other.details).toMatchObject({
      key: 'errors.ticketChangedBy',
      params: { name: 'Test technician', at: shop.clock.now },
    });
    expect(await events()).toBe(before + 1);
  });

  it('a key used for another change is refused and nothing is written', async () => {
    const t = await walkIn();
    const k = key('reuse');
    await shop.call(tech, 'bench.note', { ticketId: t.id, note: 'first note', idempotencyKey: k });
    const err = await shop.fail(tech, 'bench.note', { ticketId: t.id, note: 'other note', idempotencyKey: k });
    expect(err).toMatchObject({ code: 'CONFLICT', details: { key: 'errors.idempotencyReused' } });
    expect(await rows("SELECT count(*) AS n FROM ticket_event WHERE ticket_id = ? AND kind = 'note'", t.id)).toBe(1);
  });

  it('a malformed key is a validation error, not silently ignored', async () => {
    const t = await walkIn();
    const err = await shop.fail(tech, 'bench.note', { ticketId: t.id, note: 'x', idempotencyKey: 'no' });
    expect(err.code).toBe('VALIDATION');
  });
});

describe('a ticket edited at two stations', () => {
  it('the second save gets CONFLICT naming who changed it and when; nothing of it is written', async () => {
    const t = await walkIn();
    const { ticket } = await detail(t.id);
    await shop.call(tech, 'bench.diagnose', {
      id: t.id,
      version: ticket.version,
      cause: 'Battery swollen',
      responsible: 'product_quality',
      plan: ['replace_part'],
      idempotencyKey: key('diag'),
    });
    shop.clock.now += 60_000;
    const err = await shop.fail(manager, 'bench.diagnose', {
      id: t.id,
      version: ticket.version,
      cause: 'Screen cracked',
      responsible: 'customer_use',
      plan: ['repair'],
      idempotencyKey: key('diag'),
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({
      key: 'errors.ticketChangedBy',
      params: { name: 'Test technician', at: shop.clock.now - 60_000 },
    });
    const cause = await shop.sql.get<{ cause: string }>('SELECT cause FROM ticket WHERE id = ?', t.id);
    expect(cause!.cause).toBe('Battery swollen');
  });
});

describe('stock moves sent twice with one key', () => {
  const level = async (partId: number) =>
    ((await shop.call(manager, 'stock.level', { partId })) as StockLevel).onHand;
  const moves = (partId: number) => rows('SELECT count(*) AS n FROM stock_movement WHERE part_id = ?', partId);

  it('an adjustment lands once per key; a new key adjusts again', async () => {
    const p = await part(shop, manager);
    const input = { partId: p.id, qty: 3, reason: 'found' };
    const k = key('adj');
    const first = await shop.call(manager, 'stock.adjust', { ...input, idempotencyKey: k });
    const again = await shop.call(manager, 'stock.adjust', { ...input, idempotencyKey: k });
    expect(again).toEqual(first);
    expect(await level(p.id)).toBe(3);
    expect(await moves(p.id)).toBe(1);
    await shop.call(manager, 'stock.adjust', { ...input, idempotencyKey: key('adj') });
    expect(await level(p.id)).toBe(6);
    expect(await moves(p.id)).toBe(2);
  });

  it('a receipt against an order lands once per key', async () => {
    const p = await part(shop, manager);
    const supplierId = ((await shop.call(manager, 'suppliers.save', { name: `S ${key('s')}` })) as { id: number }).id;
    let po = (await shop.call(manager, 'po.create', {
      supplierId,
      lines: [{ partId: p.id, qty: 4, unitCostCents: 1000 }],
    })) as { id: number; version: number };
    po = (await shop.call(manager, 'po.order', { id: po.id, version: po.version })) as typeof po;
    const input = { id: po.id, version: po.version, lines: [{ partId: p.id, qty: 2 }] };
    const k = key('recv');
    const first = await shop.call(manager, 'po.receive', { ...input, idempotencyKey: k });
    const again = await shop.call(manager, 'po.receive', { ...input, idempotencyKey: k });
    expect(again).toEqual(first);
    expect(await level(p.id)).toBe(2);
  });

  it('reserving and consuming a part land once per key; a new reserve key reserves again', async () => {
    const p = await part(shop, manager);
    await stockUp(shop, manager, p.id, 5);
    const t = await walkIn();
    const rk = key('res');
    const reserve = { ticketId: t.id, partId: p.id, idempotencyKey: rk };
    const tp = (await shop.call(tech, 'ticketParts.reserve', reserve)) as TicketPartDto;
    expect(await shop.call(tech, 'ticketParts.reserve', reserve)).toEqual(tp);
    const held = () => rows('SELECT count(*) AS n FROM ticket_part WHERE ticket_id = ?', t.id);
    expect(await held()).toBe(1);
    const ck = key('use');
    const consume = { id: tp.id, version: tp.version, idempotencyKey: ck };
    const used = await shop.call(tech, 'ticketParts.consume', consume);
    expect(await shop.call(tech, 'ticketParts.consume', consume)).toEqual(used);
    expect(await level(p.id)).toBe(4);
    await shop.call(tech, 'ticketParts.reserve', { ...reserve, idempotencyKey: key('res') });
    expect(await held()).toBe(2);
  });
});

describe('retry keys are not kept for ever', () => {
  it('the hourly sweep forgets keys older than a month and keeps the recent ones', async () => {
    const p = await part(shop, manager);
    const adjust = (k: string) =>
      shop.call(manager, 'stock.adjust', { partId: p.id, qty: 1, reason: 'found', idempotencyKey: k });
    const kept = async (k: string) =>
      rows('SELECT count(*) AS n FROM idempotent_write WHERE idem_key = ?', k);
    const old = key('old');
    await adjust(old);
    shop.clock.now += 20 * 86_400_000;
    const recent = key('recent');
    await adjust(recent);
    expect({ old: await kept(old), recent: await kept(recent) }).toEqual({ old: 1, recent: 1 });
    shop.clock.now += 11 * 86_400_000;
    await shop.ws.sweeps.run();
    expect({ old: await kept(old), recent: await kept(recent) }).toEqual({ old: 0, recent: 1 });
  });
});
