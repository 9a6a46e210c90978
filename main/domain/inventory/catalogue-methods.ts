import { ApiError, notFound } from '../../api/errors';
import type { FittedLine, MovementDto, SerialUnitDto } from '../../api/contract';
import { defineMethod } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { empty } from '../../api/schemas/misc';
import { modelKey, partDto, partIdByCode, partRows, rawPart } from './part-rows';
import { partSearch } from './part-search';
import { insertPart, updatePart } from './part-write';
import { sqlOf, type Sql } from '../../db/sql';
import { stockLevel } from './stock-ledger';

const search = partSearch;

export async function movementDtos(
  db: Sql,
  where: string,
  params: unknown[],
  limit: number,
): Promise<MovementDto[]> {
  const rows = await db.all<{
    id: number;
    kind: string;
    qty: number;
    reserved_delta: number;
    on_hand_after: number;
    unit_cost_cents: number | null;
    ticket_number: string | null;
    po_number: string | null;
    serial: string | null;
    old_serial: string | null;
    reason: string | null;
    override_name: string | null;
    staff_name: string | null;
    at: number;
  }>(
    `SELECT m.id, m.kind, m.qty, m.reserved_delta, m.on_hand_after, m.unit_cost_cents, t.number AS ticket_number,
       o.number AS po_number, m.serial, m.old_serial, m.reason, ov.name AS override_name, s.name AS staff_name, m.at
     FROM stock_movement m LEFT JOIN ticket t ON t.id = m.ticket_id LEFT JOIN purchase_order o ON o.id = m.po_id
     LEFT JOIN staff ov ON ov.id = m.override_by LEFT JOIN staff s ON s.id = m.staff_id
     WHERE ${where} ORDER BY m.id DESC LIMIT ?`,
    ...params,
    limit,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    qty: r.qty,
    reservedDelta: r.reserved_delta,
    onHandAfter: r.on_hand_after,
    unitCostCents: r.unit_cost_cents,
    ticketNumber: r.ticket_number,
    poNumber: r.po_number,
    serial: r.serial,
    oldSerial: r.old_serial,
    reason: r.reason,
    overrideBy: r.override_name,
    staffName: r.staff_name,
    at: r.at,
  }));
}

async function unitDtos(db: Sql, partId: number): Promise<SerialUnitDto[]> {
  const units = await db.all<{
    id: number;
    serial: string;
    state: string;
    number: string | null;
    cost_cents: number;
    updated_at: number;
  }>(
    `SELECT u.id, u.serial, u.state, t.number, u.cost_cents, u.updated_at FROM serial_unit u
     LEFT JOIN ticket t ON t.id = u.ticket_id WHERE u.part_id = ?
     ORDER BY CASE u.state WHEN 'in_stock' THEN 0 WHEN 'reserved' THEN 1 ELSE 2 END, u.id DESC LIMIT 500`,
    partId,
  );
  return units.map((u) => ({
    id: u.id,
    serial: u.serial,
    state: u.state,
    ticketNumber: u.number,
    costCents: u.cost_cents,
    updatedAt: u.updated_at,
  }));
}

export const catalogueMethods = [
  defineMethod('parts.list', {
    input: v.partListSchema,
    access: 'parts.read',
    write: false,
    async handler({ q, category, bin, lowOnly, includeInactive, limit, offset }, ctx) {
      const db = sqlOf(ctx.em);
      if (q) {
        const ids = await search.findIds(db, q, offset + limit);
        const total = ids.length < offset + limit ? ids.length : await search.count(db, q);
        return { rows: await partRows(db, ids.slice(offset)), total };
      }
      const where: string[] = [];
      const params: unknown[] = [];
      if (!includeInactive) where.push('p.active = 1');
      if (category) {
        where.push('p.category = ?');
        params.push(category);
      }
      if (bin) {
        where.push('p.bin = ?');
        params.push(bin.toUpperCase());
      }
      const join = lowOnly ? 'JOIN stock_balance b ON b.part_id = p.id' : '';
      if (lowOnly) where.push('p.reorder_point > 0 AND b.on_hand - b.reserved <= p.reorder_point');
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const ids = await db.all<{ id: number }>(
        `SELECT p.id FROM part p ${join} ${w} ORDER BY p.sku LIMIT ? OFFSET ?`,
        ...params,
        limit,
        offset,
      );
      const total =
        (await db.get<{ n: number }>(`SELECT count(*) AS n FROM part p ${join} ${w}`, ...params))
          ?.n ?? 0;
      return {
        rows: await partRows(
          db,
          ids.map((r) => r.id),
        ),
        total,
      };
    },
  }),

  defineMethod('parts.search', {
    input: v.partSearchSchema,
    access: 'parts.read',
    write: false,
    async handler({ q, model, limit }, ctx) {
      const db = sqlOf(ctx.em);
      // Compatible parts first: a technician looks for what fits the device on the bench.
      const fits = model
        ? (
            await db.all<{ id: number }>(
              'SELECT part_id AS id FROM part_model WHERE model_norm = ? LIMIT 500',
              modelKey(model),
            )
          ).map((r) => r.id)
        : [];
      let ids: number[];
      if (q) {
        const hits = await search.findIds(db, q, 200);
        const fit = new Set(fits);
        ids = [...hits.filter((id) => fit.has(id)), ...hits.filter((id) => !fit.has(id))];
      } else ids = fits;
      return (await partRows(db, ids.slice(0, limit * 2))).filter((p) => p.active).slice(0, limit);
    },
  }),

  defineMethod('parts.byBarcode', {
    input: v.barcodeSchema,
    access: 'parts.read',
    write: false,
    async handler({ code }, ctx) {
      const db = sqlOf(ctx.em);
      const id = await partIdByCode(db, code);
      if (!id)
        throw new ApiError('NOT_FOUND', `No part has the code ${code}.`, {
          key: 'errors.unknownBarcode',
          params: { code },
        });
      return (await partRows(db, [id]))[0];
    },
  }),

  defineMethod('parts.get', {
    input: v.partIdSchema,
    access: 'parts.read',
    write: false,
    async handler({ partId }, ctx) {
      const db = sqlOf(ctx.em);
      const part = await partDto(db, partId);
      const openOrders = await db.all<{
        id: number;
        number: string;
        status: string;
        outstanding: number;
      }>(
        `SELECT o.id, o.number, o.status, l.qty_ordered - l.qty_received AS outstanding FROM po_line l
           JOIN purchase_order o ON o.id = l.po_id WHERE l.part_id = ? AND o.status IN ('draft', 'ordered', 'partly_received') ORDER BY o.id`,
        partId,
      );
      const waiting = await db.all<{ ticket_id: number; number: string; qty: number }>(
        `SELECT tp.ticket_id, t.number, tp.qty FROM ticket_part tp JOIN ticket t ON t.id = tp.ticket_id
         WHERE tp.part_id = ? AND tp.state = 'waiting' ORDER BY tp.id`,
        partId,
      );
      const waitingTickets = waiting.map((w) => ({
        ticketId: w.ticket_id,
        number: w.number,
        qty: w.qty,
      }));
      // Fitted lines can come back (return to stock); the (state, part_id) index finds them.
      const fitted = await db.all<FittedLine>(
        `SELECT tp.id, tp.version, tp.ticket_id AS "ticketId", t.number AS "ticketNumber", tp.qty, u.serial,
           tp.updated_at AS at
         FROM ticket_part tp JOIN ticket t ON t.id = tp.ticket_id LEFT JOIN serial_unit u ON u.id = tp.unit_id
         WHERE tp.part_id = ? AND tp.state = 'consumed' ORDER BY tp.id DESC LIMIT 50`,
        partId,
      );
      return {
        part,
        level: await stockLevel(db, partId),
        units: part.serialTracked ? await unitDtos(db, partId) : [],
        movements: await movementDtos(db, 'm.part_id = ?', [partId], 100),
        openOrders,
        waitingTickets,
        fitted,
      };
    },
  }),

  defineMethod('parts.save', {
    input: v.partSaveSchema,
    access: 'stock.manage',
    write: true,
    async handler({ id, version, ...fields }, ctx) {
      const db = sqlOf(ctx.em);
      if (
        fields.supplierId &&
        !(await db.get('SELECT id FROM supplier WHERE id = ?', fields.supplierId))
      ) {
        throw notFound('Supplier', 'errors.supplierNotFound');
      }
      let partId: number;
      if (id) {
        await updatePart(db, await rawPart(db, id), fields, version, ctx.now);
        partId = id;
      } else partId = await insertPart(db, fields, ctx.now);
      ctx.audit.entity = 'part';
      ctx.audit.entityId = partId;
      ctx.audit.details = { sku: fields.sku };
      ctx.emit('stock.changed', { partIds: [partId] });
      return partDto(db, partId);
    },
  }),

  defineMethod('parts.facets', {
    input: empty,
    access: 'parts.read',
    write: false,
    async handler(_input, ctx) {
      const db = sqlOf(ctx.em);
      const categories = await db.all<{ v: string }>(
        'SELECT DISTINCT category AS v FROM part WHERE active = 1 ORDER BY category',
      );
      const bins = await db.all<{ v: string }>(
        'SELECT DISTINCT bin AS v FROM part WHERE active = 1 ORDER BY bin',
      );
      return { categories: categories.map((c) => c.v), bins: bins.map((b) => b.v) };
    },
  }),

  defineMethod('parts.movements', {
    input: v.movementListSchema,
    access: 'parts.read',
    write: false,
    async handler({ partId, beforeId, limit }, ctx) {
      const db = sqlOf(ctx.em);
      await rawPart(db, partId);
      return beforeId
        ? movementDtos(db, 'm.part_id = ? AND m.id < ?', [partId, beforeId], limit)
        : movementDtos(db, 'm.part_id = ?', [partId], limit);
    },
  }),

  defineMethod('parts.serial', {
    input: v.serialGetSchema,
    access: 'parts.read',
    write: false,
    async handler({ partId, serial }, ctx) {
      const db = sqlOf(ctx.em);
      const unit = (await unitDtos(db, partId)).find((u) => u.serial === serial);
      if (!unit) throw notFound('Serial', 'errors.serialNotFound');
      const history = await db.all<{
        from_state: string | null;
        to_state: string;
        number: string | null;
        name: string | null;
        at: number;
      }>(
        `SELECT e.from_state, e.to_state, t.number, s.name, e.at FROM serial_event e LEFT JOIN ticket t ON t.id = e.ticket_id
         LEFT JOIN staff s ON s.id = e.staff_id WHERE e.unit_id = ? ORDER BY e.id`,
        unit.id,
      );
      return {
        ...unit,
        history: history.map((h) => ({
          from: h.from_state,
          to: h.to_state,
          ticketNumber: h.number,
          staffName: h.name,
          at: h.at,
        })),
      };
    },
  }),
];
