import { ApiError, notFound } from '../../api/errors';
import { defineMethod } from '../../api/method';
import type { SignedInContext } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { EstimateLine } from '../../db/entities';
import { estimateTotal, loadForChange, saveTicket, timeline } from '../bench/move-ticket';
import { insertId, sqlOf } from '../../db/sql';
import { actorOf, resolveOverride } from './context';
import { noteStockChange } from './low-stock';
import { rawPart } from './part-rows';
import { firstInStock, moveUnit, unitById, unitFor } from './serial-units';
import { applyMovement, loadBalance, stockShort } from './stock-ledger';
import { loadTp, releaseReservation, SELECT_TP, setTpState, toTp } from './ticket-parts';

const CLOSED = ['collected', 'cancelled'];
/** Same rule as the bench: the estimate is open until the customer answers. */
const PLAN_OPEN = ['received', 'diagnosing', 'awaiting_approval', 'on_hold'];

async function syncEstimate(ctx: SignedInContext, ticketId: number): Promise<void> {
  const t = await loadForChange(ctx.em, ticketId);
  await saveTicket(ctx.em, t, {
    estimateCents: Math.max(0, await estimateTotal(ctx.em, ticketId)),
    updatedAt: ctx.now,
  });
  ctx.emit('ticket.updated', { ticketId, number: t.number });
}

export const ticketPartMethods = [
  defineMethod('ticketParts.list', {
    input: v.ticketPartsSchema,
    access: 'ticket.read',
    write: false,
    async handler({ ticketId }, ctx) {
      const rows = await sqlOf(ctx.em).all<Parameters<typeof toTp>[0]>(
        `${SELECT_TP} WHERE tp.ticket_id = ? ORDER BY tp.id`,
        ticketId,
      );
      return rows.map(toTp);
    },
  }),

  defineMethod('ticketParts.reserve', {
    input: v.reserveSchema,
    access: 'stock.move',
    write: true,
    async handler({ ticketId, partId, qty, serial, waitIfShort, override }, ctx) {
      const db = sqlOf(ctx.em);
      const actor = actorOf(ctx);
      const ticket = await loadForChange(ctx.em, ticketId);
      if (CLOSED.includes(ticket.status)) {
        throw new ApiError('CONFLICT', 'This ticket is closed.', { key: 'errors.ticketClosed' });
      }
      const part = await rawPart(db, partId);
      if (part.active !== 1) throw notFound('Part', 'errors.partNotFound');
      if (part.serial_tracked === 1 && qty !== 1) {
        throw new ApiError('VALIDATION', 'Reserve serial-tracked parts one unit at a time.', {
          key: 'errors.oneUnit',
          issues: [{ path: 'qty', key: 'errors.oneUnit', message: 'one unit' }],
        });
      }
      const waiting = await db.get<Parameters<typeof toTp>[0]>(
        `${SELECT_TP} WHERE tp.ticket_id = ? AND tp.part_id = ? AND tp.state = 'waiting' ORDER BY tp.id LIMIT 1`,
        ticketId,
        partId,
      );
      const b = await loadBalance(db, partId, true);
      const available = b.onHand - b.reserved;
      const unit =
        part.serial_tracked === 1
          ? serial
            ? await unitFor(db, partId, serial, ['in_stock'])
            : await firstInStock(db, partId)
          : undefined;
      const short = available < qty || (part.serial_tracked === 1 && !unit);
      if (short && !override) {
        if (!waitIfShort) throw stockShort(Math.max(0, available), qty);
        if (waiting) return toTp(waiting);
        const id = await insertId(
          db,
          `INSERT INTO ticket_part (ticket_id, part_id, qty, state, price_cents, staff_id, created_at, updated_at)
           VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?)`,
          ticketId,
          partId,
          qty,
          part.price_cents,
          ctx.session.staffId,
          ctx.now,
          ctx.now,
        );
        await timeline(ctx, ticketId, 'part', `waiting: ${part.sku} ${part.name} ×${qty}`);
        ctx.audit.entity = 'ticket';
        ctx.audit.entityId = ticketId;
        ctx.emit('ticket.updated', { ticketId, number: ticket.number });
        return toTp(await loadTp(db, id));
      }
      const overrideBy = short ? await resolveOverride(ctx, override) : null;
      const { id: movementId } = await applyMovement(
        db,
        actor,
        {
          partId,
          kind: 'reserve',
          qty: 0,
          reservedDelta: qty,
          ticketId,
          serial: unit?.serial ?? null,
          overrideBy,
          reason: override?.reason ?? null,
        },
        b,
      );
      if (unit) await moveUnit(db, actor, unit, 'reserved', { ticketId, movementId });
      let lineId: number | null = null;
      if (PLAN_OPEN.includes(ticket.status) && ticket.approval === 'none') {
        const line = await ctx.em.save(EstimateLine, {
          ticketId,
          kind: 'part',
          description: `${part.name} (${part.sku})`.slice(0, 200),
          qty,
          unitCents: part.price_cents,
          staffId: ctx.session.staffId,
          createdAt: ctx.now,
          removedAt: null,
        });
        lineId = line.id;
      }
      let tpId: number;
      if (waiting) {
        await db.run(
          `UPDATE ticket_part SET state = 'reserved', qty = ?, unit_id = ?, estimate_line_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
          qty,
          unit?.id ?? null,
          lineId,
          ctx.now,
          waiting.id,
        );
        tpId = waiting.id;
      } else {
        tpId = await insertId(
          db,
          `INSERT INTO ticket_part (ticket_id, part_id, qty, state, unit_id, price_cents, estimate_line_id, staff_id, created_at, updated_at)
           VALUES (?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?)`,
          ticketId,
          partId,
          qty,
          unit?.id ?? null,
          part.price_cents,
          lineId,
          ctx.session.staffId,
          ctx.now,
          ctx.now,
        );
      }
      await timeline(
        ctx,
        ticketId,
        'part',
        `reserved: ${part.sku} ${part.name} ×${qty}${unit ? ` (${unit.serial})` : ''}`,
      );
      if (lineId) await syncEstimate(ctx, ticketId);
      else ctx.emit('ticket.updated', { ticketId, number: ticket.number });
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.audit.details = { ...ctx.audit.details, partId, qty, serial: unit?.serial };
      await noteStockChange(ctx, db, [partId]);
      return toTp(await loadTp(db, tpId));
    },
  }),

  defineMethod('ticketParts.consume', {
    input: v.consumeSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version, oldSerial }, ctx) {
      const db = sqlOf(ctx.em);
      const actor = actorOf(ctx);
      const tp = await loadTp(db, id, version);
      if (tp.state !== 'reserved') {
        throw new ApiError('CONFLICT', 'Reserve the part before fitting it.', {
          key: 'errors.notReserved',
        });
      }
      // DOMAIN step 6: the removed part's serial is recorded with the new one.
      if (tp.serial_tracked === 1 && !oldSerial) {
        throw new ApiError('VALIDATION', 'Enter the serial number of the part you removed.', {
          key: 'errors.oldSerialRequired',
          issues: [
            { path: 'oldSerial', key: 'errors.oldSerialRequired', message: 'old serial required' },
          ],
        });
      }
      const unit = tp.unit_id ? await unitById(db, tp.unit_id) : undefined;
      // Locked now: the movement below changes it, and reads it from here.
      const b = await loadBalance(db, tp.part_id, true);
      const cost = unit?.costCents ?? b.avgCostCents;
      const { id: movementId } = await applyMovement(
        db,
        actor,
        {
          partId: tp.part_id,
          kind: 'consume',
          qty: -tp.qty,
          reservedDelta: -tp.qty,
          unitCostCents: cost,
          ticketId: tp.ticket_id,
          serial: unit?.serial ?? null,
          oldSerial: oldSerial || null,
        },
        b,
      );
      if (unit) await moveUnit(db, actor, unit, 'used', { ticketId: tp.ticket_id, movementId });
      await setTpState(db, tp, 'consumed', ctx.now, {
        costCents: cost,
        oldSerial: oldSerial || null,
      });
      await timeline(
        ctx,
        tp.ticket_id,
        'part',
        `fitted: ${tp.sku} ${tp.name} ×${tp.qty}${unit ? ` (${unit.serial})` : ''}${oldSerial ? `, removed ${oldSerial}` : ''}`,
      );
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = tp.ticket_id;
      ctx.audit.details = { partId: tp.part_id, serial: unit?.serial, oldSerial };
      await noteStockChange(ctx, db, [tp.part_id]);
      return toTp(await loadTp(db, id));
    },
  }),

  defineMethod('ticketParts.release', {
    input: v.releaseSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version, reason }, ctx) {
      const db = sqlOf(ctx.em);
      const tp = await loadTp(db, id, version);
      const t = await loadForChange(ctx.em, tp.ticket_id);
      await releaseReservation(ctx, db, tp, reason ?? null);
      if (tp.estimate_line_id && PLAN_OPEN.includes(t.status) && t.approval === 'none') {
        await db.run(
          'UPDATE estimate_line SET removed_at = ? WHERE id = ? AND removed_at IS NULL',
          ctx.now,
          tp.estimate_line_id,
        );
        await syncEstimate(ctx, tp.ticket_id);
      }
      await timeline(
        ctx,
        tp.ticket_id,
        'part',
        `released: ${tp.sku} ${tp.name} ×${tp.qty}${reason ? `: ${reason}` : ''}`,
      );
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = tp.ticket_id;
      ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
      await noteStockChange(ctx, db, [tp.part_id]);
      return toTp(await loadTp(db, id));
    },
  }),

  defineMethod('ticketParts.returnToStock', {
    input: v.returnFromTicketSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version, sound, reason }, ctx) {
      const db = sqlOf(ctx.em);
      const actor = actorOf(ctx);
      const tp = await loadTp(db, id, version);
      if (tp.state !== 'consumed') {
        throw new ApiError('CONFLICT', 'Only a fitted part can come back.', {
          key: 'errors.notConsumed',
        });
      }
      const unit = tp.unit_id ? await unitById(db, tp.unit_id) : undefined;
      // Returned goods are inspected: sound ones go back on the shelf, faulty ones wait for the supplier.
      const { id: movementId } = await applyMovement(db, actor, {
        partId: tp.part_id,
        kind: 'return_to_stock',
        qty: sound ? tp.qty : 0,
        unitCostCents: tp.cost_cents,
        ticketId: tp.ticket_id,
        serial: unit?.serial ?? null,
        reason,
      });
      if (unit) await moveUnit(db, actor, unit, sound ? 'in_stock' : 'returned', { movementId });
      await setTpState(db, tp, 'returned', ctx.now);
      await timeline(
        ctx,
        tp.ticket_id,
        'part',
        `returned${sound ? '' : ' (faulty)'}: ${tp.sku} ${tp.name}: ${reason}`,
      );
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = tp.ticket_id;
      await noteStockChange(ctx, db, [tp.part_id]);
      return toTp(await loadTp(db, id));
    },
  }),
];
