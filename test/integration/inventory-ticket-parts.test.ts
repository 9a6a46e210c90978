import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BenchDetail,
  PartDetail,
  SerialHistoryDto,
  StockLevel,
  TicketPartDto,
} from '../../main/api/contract';
import { createWorkstation } from '../../main/app';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';
import { part, stockUp } from '../helpers/inventory';

let shop: TestShop;
let manager: string;
let tech: string;
beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  tech = await shop.as('technician');
});
afterAll(() => shop.close());

async function newTicket(): Promise<{ id: number; version: number }> {
  const res = (await shop.call(manager, 'intake.commit', validWalkIn())) as {
    ticket: { id: number };
  };
  const d = (await shop.call(tech, 'bench.detail', { id: res.ticket.id })) as BenchDetail;
  return { id: d.ticket.id, version: d.ticket.version };
}
const level = async (partId: number) =>
  (await shop.call(tech, 'stock.level', { partId })) as StockLevel;

describe('parts on tickets', () => {
  it('reserve → estimate line → consume records the removed part’s serial; the unit remembers it all', async () => {
    const p = await part(shop, manager, {
      serialTracked: true,
      models: ['Mate 60 Pro'],
      priceCents: 39900,
      name: 'Mate 60 Pro 电池',
    });
    await stockUp(shop, manager, p.id, 2, { serials: ['BAT-001', 'BAT-002'] });
    const t = await newTicket();
    const fits = (await shop.call(tech, 'parts.search', { model: 'Mate 60 Pro' })) as Array<{
      id: number;
    }>;
    expect(fits.map((f) => f.id)).toContain(p.id);
    const tp = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: p.id,
      serial: 'BAT-002',
    })) as TicketPartDto;
    expect(tp).toMatchObject({ state: 'reserved', serial: 'BAT-002', priceCents: 39900 });
    expect(await level(p.id)).toMatchObject({ onHand: 2, reserved: 1, available: 1 });
    const bench = (await shop.call(tech, 'bench.detail', { id: t.id })) as BenchDetail;
    expect(bench.estimate.lines).toEqual([
      expect.objectContaining({
        kind: 'part',
        unitCents: 39900,
        description: `Mate 60 Pro 电池 (${p.sku})`,
      }),
    ]);

    const missing = await shop.fail(tech, 'ticketParts.consume', {
      id: tp.id,
      version: tp.version,
    });
    expect(missing.details?.key).toBe('errors.oldSerialRequired');
    const used = (await shop.call(tech, 'ticketParts.consume', {
      id: tp.id,
      version: tp.version,
      oldSerial: 'OLD-BAT-77',
    })) as TicketPartDto;
    expect(used).toMatchObject({ state: 'consumed', oldSerial: 'OLD-BAT-77', costCents: 1000 });
    expect(await level(p.id)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    const unit = (await shop.call(tech, 'parts.serial', {
      partId: p.id,
      serial: 'BAT-002',
    })) as SerialHistoryDto;
    expect(unit.state).toBe('used');
    expect(unit.history.map((h) => h.to)).toEqual(['in_stock', 'reserved', 'used']);
    const d = (await shop.call(tech, 'parts.get', { partId: p.id })) as PartDetail;
    expect(d.movements[0]).toMatchObject({
      kind: 'consume',
      serial: 'BAT-002',
      oldSerial: 'OLD-BAT-77',
    });
  });

  it('cancelling the ticket or a declined estimate gives the reservation back', async () => {
    const p = await part(shop, manager);
    await stockUp(shop, manager, p.id, 3);
    const a = await newTicket();
    await shop.call(tech, 'ticketParts.reserve', { ticketId: a.id, partId: p.id, qty: 2 });
    expect((await level(p.id)).available).toBe(1);
    const ta = (await shop.call(tech, 'bench.detail', { id: a.id })) as BenchDetail;
    await shop.call(manager, 'bench.transition', {
      id: a.id,
      version: ta.ticket.version,
      to: 'cancelled',
      reason: 'customer changed mind',
    });
    expect(await level(p.id)).toMatchObject({ reserved: 0, available: 3 });

    const b = await newTicket();
    await shop.call(tech, 'ticketParts.reserve', { ticketId: b.id, partId: p.id, qty: 1 });
    const tb = (await shop.call(tech, 'bench.detail', { id: b.id })) as BenchDetail;
    const v = (
      (await shop.call(tech, 'bench.transition', {
        id: b.id,
        version: tb.ticket.version,
        to: 'diagnosing',
      })) as { version: number }
    ).version;
    await shop.call(tech, 'bench.transition', { id: b.id, version: v, to: 'awaiting_approval' });
    await shop.call(tech, 'bench.approval', {
      ticketId: b.id,
      decision: 'declined',
      channel: 'phone',
    });
    expect(await level(p.id)).toMatchObject({ reserved: 0, available: 3 });
    const lines = (await shop.call(tech, 'ticketParts.list', {
      ticketId: b.id,
    })) as TicketPartDto[];
    expect(lines.map((l) => l.state)).toEqual(['released']);
  });

  it('a ticket short of a part waits for it and shows which; the receipt lets it reserve', async () => {
    const p = await part(shop, manager, { name: 'Back glass' });
    const t = await newTicket();
    const short = await shop.fail(tech, 'ticketParts.reserve', { ticketId: t.id, partId: p.id });
    expect(short).toMatchObject({ code: 'CONFLICT', details: { key: 'errors.stockShort' } });
    const w = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: p.id,
      waitIfShort: true,
    })) as TicketPartDto;
    expect(w).toMatchObject({ state: 'waiting', name: 'Back glass' });
    const detail = (await shop.call(tech, 'parts.get', { partId: p.id })) as PartDetail;
    expect(detail.waitingTickets).toEqual([expect.objectContaining({ ticketId: t.id, qty: 1 })]);
    await stockUp(shop, manager, p.id, 1);
    const r = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: p.id,
    })) as TicketPartDto;
    expect(r).toMatchObject({ id: w.id, state: 'reserved' });
  });

  it('going below zero needs a manager: a technician’s own say-so is refused, a manager PIN is audited', async () => {
    const p = await part(shop, manager);
    const t = await newTicket();
    const denied = await shop.fail(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: p.id,
      override: { reason: 'urgent' },
    });
    expect(denied.details?.key).toBe('errors.overrideDenied');
    const ok = (await shop.call(tech, 'ticketParts.reserve', {
      ticketId: t.id,
      partId: p.id,
      override: { reason: 'part arrives in an hour', managerName: 'Test manager', pin: '4680' },
    })) as TicketPartDto;
    expect(ok.state).toBe('reserved');
    expect(await level(p.id)).toMatchObject({ available: -1 });
    const audit = (await shop.sql.get<{ details: string }>(
      "SELECT details FROM audit_entry WHERE action = 'ticketParts.reserve' AND outcome = 'success' ORDER BY id DESC LIMIT 1",
    ))!;
    expect(JSON.parse(audit.details)).toMatchObject({
      override: { reason: 'part arrives in an hour' },
    });
  });
});

describe('the last unit', () => {
  it('two technicians reserving it at once: exactly one CONFLICT', async () => {
    await shop.addStaff({ name: 'Second tech', role: 'technician', pin: '5791' });
    const tech2 = (
      (await shop.call(null, 'auth.login', { name: 'Second tech', pin: '5791' })) as {
        token: string;
      }
    ).token;
    const p = await part(shop, manager);
    await stockUp(shop, manager, p.id, 1);
    const [a, b] = [await newTicket(), await newTicket()];
    const results = await Promise.all([
      shop.ws.dispatcher.call(
        'ticketParts.reserve',
        { ticketId: a.id, partId: p.id },
        { token: tech, origin: 'test' },
      ),
      shop.ws.dispatcher.call(
        'ticketParts.reserve',
        { ticketId: b.id, partId: p.id },
        { token: tech2, origin: 'test' },
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
    expect(await level(p.id)).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
  });

  it('holds across two processes on one database file (version-checked balance)', async () => {
    const p = await part(shop, manager);
    await stockUp(shop, manager, p.id, 1);
    const [a, b] = [await newTicket(), await newTicket()];
    const other = await createWorkstation({
      dataDir: shop.dataDir,
      // The same shop database on either engine (the SQLite file, or the PostgreSQL URL).
      database: shop.ws.services.database,
      now: () => shop.clock.now,
      logger: { error() {} },
    });
    try {
      const login = await other.dispatcher.call(
        'auth.login',
        { name: 'Second tech', pin: '5791' },
        { token: null, origin: 'test' },
      );
      const token2 = login.ok ? (login.result as { token: string }).token : null;
      const results = await Promise.all([
        shop.ws.dispatcher.call(
          'ticketParts.reserve',
          { ticketId: a.id, partId: p.id },
          { token: tech, origin: 'test' },
        ),
        other.dispatcher.call(
          'ticketParts.reserve',
          { ticketId: b.id, partId: p.id },
          { token: token2, origin: 'test' },
        ),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
    } finally {
      await other.close();
    }
    expect(await level(p.id)).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
    expect(((await shop.call(manager, 'stock.check', {})) as { ok: boolean }).ok).toBe(true);
  });
});
