import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockCheck, TicketPartDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';
import { part, supplier } from '../helpers/inventory';

let shop: TestShop;
let manager: string;
let sid: number;
let tickets: number[];
let serialNo = 0;

beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  sid = await supplier(shop, manager);
  tickets = [];
  for (let i = 0; i < 3; i++) {
    tickets.push(
      ((await shop.call(manager, 'intake.commit', validWalkIn())) as { ticket: { id: number } })
        .ticket.id,
    );
  }
});
afterAll(() => shop.close());

type Op =
  | { op: 'receive' | 'adjustUp' | 'adjustDown' | 'toSupplier'; p: number; n: number }
  | { op: 'reserve'; p: number; t: number; n: number }
  | { op: 'release' | 'consume'; k: number }
  | { op: 'returnToStock'; k: number; sound: boolean }
  | { op: 'count'; p: number; keep: number; extra: boolean };

const n = fc.integer({ min: 1, max: 4 });
const p = fc.integer({ min: 0, max: 1 });
const k = fc.nat(20);
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  w(4, fc.record({ op: fc.constant('receive' as const), p, n })),
  w(1, fc.record({ op: fc.constant('adjustUp' as const), p, n })),
  w(1, fc.record({ op: fc.constant('adjustDown' as const), p, n })),
  w(1, fc.record({ op: fc.constant('toSupplier' as const), p, n })),
  w(4, fc.record({ op: fc.constant('reserve' as const), p, t: fc.integer({ min: 0, max: 2 }), n })),
  w(1, fc.record({ op: fc.constant('release' as const), k })),
  w(3, fc.record({ op: fc.constant('consume' as const), k })),
  w(4, fc.record({ op: fc.constant('returnToStock' as const), k, sound: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('count' as const), p, keep: fc.nat(6), extra: fc.boolean() })),
);

const inStock = async (partId: number) =>
  (
    await shop.sql.all<{ serial: string }>(
      "SELECT serial FROM serial_unit WHERE part_id = ? AND state = 'in_stock' ORDER BY id",
      partId,
    )
  ).map((r) => r.serial);
const newSerials = (count: number) => Array.from({ length: count }, () => `PS-${++serialNo}`);

/** Runs one operation through the API. Refusals (short stock, wrong state) are fine; crashes are not. */
async function run(
  op: Op,
  parts: Array<{ id: number; sku: string; tracked: boolean }>,
  lines: TicketPartDto[],
): Promise<void> {
  const call = async (method: string, input: unknown) => {
    const res = await shop.ws.dispatcher.call(method, input, { token: manager, origin: 'test' });
    if (!res.ok && process.env.PROP_DEBUG) console.log(method, res.error.code, res.error.message);
    if (!res.ok)
      expect(['CONFLICT', 'VALIDATION', 'NOT_FOUND'], `${method} ${res.error.message}`).toContain(
        res.error.code,
      );
    return res.ok ? res.result : null;
  };
  const pickLine = (i: number, state: string) => {
    const open = lines.filter((l) => l.state === state);
    return open.length ? open[i % open.length] : null;
  };
  const refresh = (tp: unknown) => {
    if (!tp) return;
    const t = tp as TicketPartDto;
    const i = lines.findIndex((l) => l.id === t.id);
    if (i >= 0) lines[i] = t;
    else lines.push(t);
  };
  if ('p' in op) {
    const pt = parts[op.p];
    const qty = pt.tracked && op.op === 'reserve' ? 1 : 'n' in op ? op.n : 1;
    if (op.op === 'receive') {
      const po = (await call('po.create', {
        supplierId: sid,
        lines: [{ partId: pt.id, qty, unitCostCents: 500 + qty * 100 }],
      })) as { id: number; version: number };
      const ordered = (await call('po.order', { id: po.id, version: po.version })) as {
        version: number;
      };
      await call('po.receive', {
        id: po.id,
        version: ordered.version,
        lines: [{ partId: pt.id, qty, serials: pt.tracked ? newSerials(qty) : undefined }],
      });
    } else if (op.op === 'adjustUp') {
      await call('stock.adjust', {
        partId: pt.id,
        qty,
        reason: 'found',
        serials: pt.tracked ? newSerials(qty) : undefined,
      });
    } else if (op.op === 'adjustDown') {
      await call('stock.adjust', {
        partId: pt.id,
        qty: -qty,
        reason: 'lost',
        serials: pt.tracked ? (await inStock(pt.id)).slice(0, qty) : undefined,
      });
    } else if (op.op === 'toSupplier') {
      await call('stock.returnToSupplier', {
        partId: pt.id,
        qty,
        reason: 'faulty batch',
        serials: pt.tracked ? (await inStock(pt.id)).slice(0, qty) : undefined,
      });
    } else if (op.op === 'reserve') {
      refresh(await call('ticketParts.reserve', { ticketId: tickets[op.t], partId: pt.id, qty }));
    } else if (op.op === 'count') {
      const c = (await call('counts.start', {
        scope: 'category',
        value: `prop-${parts[0].id}`,
      })) as { id: number; version: number; lines: Array<{ partId: number; onHand: number }> };
      if (!c) return;
      if (pt.tracked) {
        for (const s of [
          ...(await inStock(pt.id)).slice(0, op.keep),
          ...(op.extra ? newSerials(1) : []),
        ]) {
          await call('counts.scan', { id: c.id, code: pt.sku, serial: s });
        }
      }
      for (const line of c.lines) {
        const other = parts.find((x) => x.id === line.partId);
        if (other && !other.tracked)
          await call('counts.set', { id: c.id, partId: line.partId, counted: op.keep });
      }
      const fresh = (await call('counts.get', { id: c.id })) as { version: number };
      await call('counts.approve', { id: c.id, version: fresh.version });
    }
    return;
  }
  if (op.op === 'release') {
    const l = pickLine(op.k, 'reserved');
    if (l) refresh(await call('ticketParts.release', { id: l.id, version: l.version }));
  } else if (op.op === 'consume') {
    const l = pickLine(op.k, 'reserved');
    if (l)
      refresh(
        await call('ticketParts.consume', { id: l.id, version: l.version, oldSerial: 'OLD-1' }),
      );
  } else if (op.op === 'returnToStock') {
    const l = pickLine(op.k, 'consumed');
    if (l)
      refresh(
        await call('ticketParts.returnToStock', {
          id: l.id,
          version: l.version,
          sound: op.sound,
          reason: 'inspected',
        }),
      );
  }
}

async function invariants(partIds: number[]) {
  for (const id of partIds) {
    const b = (await shop.sql.get<{ on_hand: number; reserved: number }>(
      'SELECT on_hand, reserved FROM stock_balance WHERE part_id = ?',
      id,
    ))!;
    const sum = (await shop.sql.get<{ oh: number; rv: number }>(
      'SELECT coalesce(sum(qty), 0) AS oh, coalesce(sum(reserved_delta), 0) AS rv FROM stock_movement WHERE part_id = ?',
      id,
    ))!;
    expect({ onHand: b.on_hand, reserved: b.reserved }).toEqual({
      onHand: Number(sum.oh),
      reserved: Number(sum.rv),
    });
    // Below zero only where a manager signed for it (a count approval that finds less than is reserved).
    const overridden = (await shop.sql.get<{ n: number }>(
      'SELECT count(*) AS n FROM stock_movement WHERE part_id = ? AND override_by IS NOT NULL',
      id,
    ))!;
    if (Number(overridden.n) === 0)
      expect(b.on_hand - b.reserved, 'available').toBeGreaterThanOrEqual(0);
    // Every unit has exactly one state, and it is the last one its history records.
    const units = await shop.sql.all<{ serial: string; state: string; last: string }>(
      `SELECT u.serial, u.state, (SELECT to_state FROM serial_event e WHERE e.unit_id = u.id ORDER BY e.id DESC LIMIT 1) AS last
       FROM serial_unit u WHERE u.part_id = ?`,
      id,
    );
    for (const u of units) expect(u.state, u.serial).toBe(u.last);
    expect(new Set(units.map((u) => u.serial)).size).toBe(units.length);
    const tracked = (await shop.sql.get<{ serial_tracked: number }>(
      'SELECT serial_tracked FROM part WHERE id = ?',
      id,
    ))!.serial_tracked;
    if (tracked) {
      expect(
        units.filter((u) => u.state === 'in_stock' || u.state === 'reserved').length,
        'units = on hand',
      ).toBe(b.on_hand);
      expect(units.filter((u) => u.state === 'reserved').length, 'reserved units').toBe(b.reserved);
    }
  }
}

describe('the stock ledger under random movement sequences', () => {
  it('keeps on-hand = Σ movements, available ≥ 0, one state per serial, units = on-hand', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 16 }), async (ops) => {
        const plain = await part(shop, manager, { serialTracked: false });
        const tracked = await part(shop, manager, { serialTracked: true });
        // counts.start scopes by category: name it after the first part so each run counts its own.
        await shop.sql.run(
          'UPDATE part SET category = ? WHERE id IN (?, ?)',
          `prop-${plain.id}`,
          plain.id,
          tracked.id,
        );
        const parts = [
          { id: plain.id, sku: plain.sku, tracked: false },
          { id: tracked.id, sku: tracked.sku, tracked: true },
        ];
        const lines: TicketPartDto[] = [];
        for (const op of ops) {
          await run(op, parts, lines);
          await invariants([plain.id, tracked.id]);
        }
        const check = (await shop.call(manager, 'stock.check', {})) as StockCheck;
        expect(check.mismatches).toEqual([]);
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 10),
        seed: Number(process.env.PROPERTY_SEED ?? 20261125),
      },
    );
    // The sequences really moved stock of every kind (not only refusals).
    const kinds = (await shop.sql.all<{ kind: string }>('SELECT DISTINCT kind FROM stock_movement'))
      .map((r) => r.kind)
      .sort();
    expect(kinds).toEqual([
      'adjust',
      'consume',
      'count',
      'receive',
      'release',
      'reserve',
      'return_to_stock',
      'return_to_supplier',
    ]);
  }, 120_000);
});
