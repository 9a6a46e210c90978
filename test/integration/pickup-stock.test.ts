import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BenchDetail,
  PickupResult,
  RmaDto,
  SerialHistoryDto,
  StockLevel,
  TicketPartDto,
} from '../../main/api/contract';
import { part, stockUp } from '../helpers/inventory';
import { SIGNATURE, lookup, readyTicket } from '../helpers/pickup';
import { PINS, openTestShop, type TestShop } from '../helpers/workstation';

/** Pickup and returns against the inventory: parts fitted with both serials, RMA exchanges. */
let shop: TestShop;
let counter: string;
let manager: string;
let tech: string;
let managerId: number;

beforeAll(async () => {
  shop = await openTestShop();
  counter = await shop.as('counter');
  manager = await shop.as('manager');
  tech = await shop.as('technician');
  managerId = (await shop.sql.get<{ id: number }>("SELECT id FROM staff WHERE role = 'manager'"))!
    .id;
});
afterAll(() => shop.close());

const level = async (partId: number) =>
  (await shop.call(manager, 'stock.level', { partId })) as StockLevel;
const unitState = async (partId: number, serial: string) =>
  ((await shop.call(manager, 'parts.serial', { partId, serial })) as SerialHistoryDto).state;
const setStatus = (id: number, status: string) =>
  shop.sql.run('UPDATE ticket SET status = ? WHERE id = ?', status, id);

describe('pickup lists the parts fitted from stock', () => {
  it('shows the new part’s serial and the removed part’s serial, on screen and on the receipt', async () => {
    const battery = await part(shop, manager, { serialTracked: true, name: 'Mate 60 电池' });
    const cable = await part(shop, manager, { name: 'Flex cable' });
    await stockUp(shop, manager, battery.id, 2, { serials: ['BAT-NEW-1', 'BAT-NEW-2'] });
    await stockUp(shop, manager, cable.id, 3);
    // Labour plus a part bought in for this job (an estimate line not drawn from stock).
    const t = await readyTicket(shop, counter, {
      status: 'in_repair',
      depositCents: 0,
      lines: [
        ['labour', 'Replace battery', 1, 8000],
        ['part', 'Adhesive kit', 1, 500],
      ],
    });
    const fit = async (partId: number, extra: Record<string, unknown>, oldSerial?: string) => {
      const tp = (await shop.call(tech, 'ticketParts.reserve', {
        ticketId: t.id,
        partId,
        ...extra,
      })) as TicketPartDto;
      return shop.call(tech, 'ticketParts.consume', { id: tp.id, version: tp.version, oldSerial });
    };
    await fit(battery.id, { serial: 'BAT-NEW-2' }, 'BAT-OLD-77');
    await fit(cable.id, { qty: 2 });
    // A reservation given back was not fitted and is not listed.
    const spare = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: battery.id,
    })) as TicketPartDto;
    await shop.call(tech, 'ticketParts.release', { id: spare.id, version: spare.version });
    await setStatus(t.id, 'ready');

    const view = await lookup(shop, counter, t.number);
    expect(view.partsReplaced).toEqual([
      { description: 'Mate 60 电池', qty: 1, serial: 'BAT-NEW-2', oldSerial: 'BAT-OLD-77' },
      { description: 'Flex cable', qty: 2, serial: null, oldSerial: null },
      { description: 'Adhesive kit', qty: 1, serial: null, oldSerial: null },
    ]);

    const res = (await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: 'parts-serials-1',
      payments: [{ method: 'cash', amountCents: view.quote.dueCents }],
      signature: SIGNATURE,
    })) as PickupResult;
    const lines = res.printJob.document.kind === 'receipt' ? res.printJob.document.lines : [];
    const text = lines.map((l) =>
      'text' in l ? l.text : 'left' in l ? `${l.left}=${l.right}` : '',
    );
    const at = text.indexOf('Mate 60 电池');
    expect(at).toBeGreaterThan(0);
    expect(text.slice(at, at + 5)).toEqual([
      'Mate 60 电池',
      'New part S/N=BAT-NEW-2',
      'Removed part S/N=BAT-OLD-77',
      'Flex cable ×2',
      'Adhesive kit',
    ]);
  });
});

describe('RMA exchange moves stock', () => {
  const customerId = async () =>
    (await shop.sql.get<{ id: number }>('SELECT id FROM customer ORDER BY id LIMIT 1'))!.id;

  async function receivedRma(serial: string | undefined, sound: boolean): Promise<RmaDto> {
    let r = (await shop.call(counter, 'rma.request', {
      customerId: await customerId(),
      product: 'FreeBuds 5',
      serial,
      proof: 'invoice',
      proofRef: `FP-${serial ?? 'none'}`,
      reason: 'Left bud silent',
    })) as RmaDto;
    r = (
      (await shop.call(counter, 'rma.verify', { id: r.id, version: r.version, approve: true })) as {
        rma: RmaDto;
      }
    ).rma;
    return (await shop.call(counter, 'rma.receive', {
      id: r.id,
      version: r.version,
      inspection: sound ? 'Works on the bench, customer error' : 'Driver dead',
      sound,
    })) as RmaDto;
  }

  it('a faulty return: the replacement leaves stock, the returned unit waits for the supplier', async () => {
    const buds = await part(shop, manager, { serialTracked: true, name: 'FreeBuds 5' });
    await stockUp(shop, manager, buds.id, 2, { serials: ['FB-A', 'FB-B'] });
    const r = await receivedRma('FB-CUST-1', false);
    const done = (await shop.call(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: buds.id,
      exchangeSerial: 'FB-B',
    })) as RmaDto;
    expect(done).toMatchObject({ status: 'exchanged', exchangeSerial: 'FB-B' });
    expect(await level(buds.id)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expect(await unitState(buds.id, 'FB-B')).toBe('exchanged');
    expect(await unitState(buds.id, 'FB-A')).toBe('in_stock');
    expect(await unitState(buds.id, 'FB-CUST-1')).toBe('returned');
    // The faulty unit can go back to the supplier from there, without touching on-hand.
    await shop.call(manager, 'stock.returnToSupplier', {
      partId: buds.id,
      qty: 1,
      reason: 'RMA faulty',
      serials: ['FB-CUST-1'],
    });
    expect(await unitState(buds.id, 'FB-CUST-1')).toBe('supplier');
    expect((await level(buds.id)).onHand).toBe(1);
    const movements = await shop.sql.all(
      'SELECT kind, qty, serial, reason FROM stock_movement WHERE part_id = ? ORDER BY id',
      buds.id,
    );
    expect(movements.slice(2, 4)).toEqual([
      { kind: 'exchange', qty: -1, serial: 'FB-B', reason: `RMA ${r.code}` },
      { kind: 'return_to_stock', qty: 0, serial: 'FB-CUST-1', reason: `RMA ${r.code} (faulty)` },
    ]);
    expect((await shop.call(manager, 'stock.check', { partId: buds.id })) as object).toMatchObject({
      ok: true,
    });
  });

  it('a sound return goes back on the shelf; the oldest unit is handed out when none is named', async () => {
    const buds = await part(shop, manager, { serialTracked: true });
    await stockUp(shop, manager, buds.id, 1, { serials: ['OLDEST-1'] });
    const r = await receivedRma(undefined, true);
    const noSerial = await shop.fail(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: buds.id,
    });
    expect(noSerial.details?.issues?.[0]).toMatchObject({
      path: 'returnedSerial',
      key: 'errors.returnedSerialRequired',
    });
    const done = (await shop.call(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: buds.id,
      returnedSerial: 'CUST-SOUND-9',
    })) as RmaDto;
    expect(done.exchangeSerial).toBe('OLDEST-1');
    expect(await level(buds.id)).toMatchObject({ onHand: 1, available: 1 });
    expect(await unitState(buds.id, 'OLDEST-1')).toBe('exchanged');
    expect(await unitState(buds.id, 'CUST-SOUND-9')).toBe('in_stock');
  });

  it('a part without serials: −1 out, +1 back when sound', async () => {
    const cases = await part(shop, manager, { name: 'Charging case' });
    await stockUp(shop, manager, cases.id, 2);
    const r = await receivedRma('CASE-1', true);
    await shop.call(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: cases.id,
    });
    expect(await level(cases.id)).toMatchObject({ onHand: 2 });
    const kinds = await shop.sql.all(
      'SELECT kind, qty FROM stock_movement WHERE part_id = ? ORDER BY id',
      cases.id,
    );
    expect(kinds).toEqual([
      { kind: 'receive', qty: 2 },
      { kind: 'exchange', qty: -1 },
      { kind: 'return_to_stock', qty: 1 },
    ]);
  });

  it('no stock to exchange: refused, and nothing changes', async () => {
    const buds = await part(shop, manager, { serialTracked: true });
    await stockUp(shop, manager, buds.id, 1, { serials: ['ONLY-1'] });
    // The only unit is held for a repair.
    const t = await readyTicket(shop, counter, { status: 'in_repair', lines: [] });
    await shop.call(tech, 'ticketParts.reserve', { ticketId: t.id, partId: buds.id });
    const r = await receivedRma('CUST-2', false);
    const before = {
      level: await level(buds.id),
      movements: shop.count('stock_movement'),
      units: shop.count('serial_unit'),
    };
    const err = await shop.fail(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: buds.id,
    });
    expect(err).toMatchObject({ code: 'CONFLICT', details: { key: 'errors.stockShort' } });
    const named = await shop.fail(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'exchange',
      partId: buds.id,
      exchangeSerial: 'ONLY-1',
    });
    expect(named.details?.key).toBe('errors.serialNotAvailable');
    expect({
      level: await level(buds.id),
      movements: shop.count('stock_movement'),
      units: shop.count('serial_unit'),
    }).toEqual(before);
    expect(await unitState(buds.id, 'ONLY-1')).toBe('reserved');
    const still = (await shop.call(counter, 'rma.list', { code: r.code })) as RmaDto[];
    expect(still[0]).toMatchObject({ status: 'received', version: r.version });
    // An exchange must name the stock part; the refund path needs none.
    expect(
      (
        await shop.fail(counter, 'rma.resolve', {
          id: r.id,
          version: r.version,
          outcome: 'exchange',
        })
      ).details?.key,
    ).toBe('errors.exchangePartRequired');
    const refunded = (await shop.call(counter, 'rma.resolve', {
      id: r.id,
      version: r.version,
      outcome: 'refund',
      refundCents: 5000,
      approval: { staffId: managerId, pin: PINS.manager },
    })) as RmaDto;
    expect(refunded.status).toBe('refunded');
    expect(shop.count('stock_movement')).toBe(before.movements);
  });
});

describe('rma.resolve: bad input and roles for the exchange fields', () => {
  it('refuses malformed exchange fields with VALIDATION and writes nothing; only follow-up roles may resolve', async () => {
    const snapshot = () => ['stock_movement', 'serial_unit', 'rma'].map((t) => shop.count(t));
    const before = snapshot();
    const base = { id: 1, version: 1, outcome: 'exchange' };
    for (const bad of [
      { partId: 'x' },
      { partId: -3 },
      { partId: 1.5 },
      { exchangeSerial: 42 },
      { returnedSerial: 'S'.repeat(61) },
      { returnedSerial: ['a'] },
      { partId: 1, extra: true },
    ]) {
      const err = await shop.fail(counter, 'rma.resolve', { ...base, ...bad });
      expect({ bad, code: err.code }).toEqual({ bad, code: 'VALIDATION' });
      expect(err.details?.key).toMatch(/^errors\./);
    }
    expect(snapshot()).toEqual(before);
    for (const role of ['technician', 'inspector'] as const) {
      const err = await shop.fail(await shop.as(role), 'rma.resolve', { ...base, partId: 1 });
      expect(err.code).toBe('FORBIDDEN');
    }
  });
});

describe('a device leaves only through pickup', () => {
  it('the bench cannot move a ready ticket to collected, and does not offer it', async () => {
    const t = await readyTicket(shop, counter);
    for (const token of [counter, manager]) {
      const d = (await shop.call(token, 'bench.detail', { id: t.id })) as BenchDetail;
      expect(d.moves.map((m) => m.to)).not.toContain('collected');
      const err = await shop.fail(token, 'bench.transition', {
        id: t.id,
        version: d.ticket.version,
        to: 'collected',
      });
      expect(err).toMatchObject({ code: 'CONFLICT', details: { key: 'errors.collectAtPickup' } });
    }
    const row = await shop.sql.get('SELECT status, collected_at FROM ticket WHERE id = ?', t.id);
    expect(row).toEqual({ status: 'ready', collected_at: null });
    const view = await lookup(shop, counter, t.number);
    await shop.call(counter, 'pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: 'pickup-only-1',
      payments: [{ method: 'card', amountCents: view.quote.dueCents }],
      signature: SIGNATURE,
    });
    expect(await shop.sql.get('SELECT status FROM ticket WHERE id = ?', t.id)).toEqual({
      status: 'collected',
    });
  });
});
