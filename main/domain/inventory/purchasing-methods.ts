import { ApiError, notFound } from '../../api/errors';
import type { SupplierDto } from '../../api/contract';
import { defineMethod } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { byId, empty } from '../../api/schemas/misc';
import { actorOf, dbOf } from './context';
import { lowStock, noteStockChange } from './low-stock';
import {
  createPo,
  loadPo,
  poDetail,
  poSummaries,
  setPoStatus,
  writePoLines,
} from './purchase-orders';
import { requireSerials, unitIn } from './serial-units';
import type { Q } from './sql';
import { applyMovement } from './stock-ledger';

function supplierDto(db: Q, id: number): SupplierDto {
  const s = db.get<{
    id: number;
    name: string;
    phone: string | null;
    email: string | null;
    lead_days: number;
    active: number;
    version: number;
  }>('SELECT id, name, phone, email, lead_days, active, version FROM supplier WHERE id = ?', id);
  if (!s) throw notFound('Supplier', 'errors.supplierNotFound');
  return {
    id: s.id,
    name: s.name,
    phone: s.phone,
    email: s.email,
    leadDays: s.lead_days,
    active: s.active === 1,
    version: s.version,
  };
}

export const purchasingMethods = [
  defineMethod('suppliers.list', {
    input: empty,
    access: 'parts.read',
    write: false,
    async handler(_i, ctx) {
      const db = dbOf(ctx);
      return db
        .all<{ id: number }>('SELECT id FROM supplier ORDER BY active DESC, name')
        .map((s) => supplierDto(db, s.id));
    },
  }),

  defineMethod('suppliers.save', {
    input: v.supplierSaveSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version, name, phone, email, leadDays, active }, ctx) {
      const db = dbOf(ctx);
      const same = db.get<{ id: number }>('SELECT id FROM supplier WHERE name = ?', name);
      if (same && same.id !== id) {
        throw new ApiError('CONFLICT', `A supplier called ${name} exists already.`, {
          key: 'errors.supplierTaken',
          params: { name },
        });
      }
      let sid = id;
      if (id) {
        const res = db.run(
          `UPDATE supplier SET name = ?, phone = ?, email = ?, lead_days = ?, active = ?, updated_at = ?, version = version + 1
           WHERE id = ? AND (? IS NULL OR version = ?)`,
          name,
          phone ?? null,
          email ?? null,
          leadDays,
          active ? 1 : 0,
          ctx.now,
          id,
          version ?? null,
          version ?? null,
        );
        if (res.changes !== 1) {
          supplierDto(db, id);
          throw new ApiError('CONFLICT', 'Someone else changed this supplier first.', {
            key: 'errors.stale',
          });
        }
      } else {
        sid = db.run(
          'INSERT INTO supplier (name, phone, email, lead_days, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
          name,
          phone ?? null,
          email ?? null,
          leadDays,
          active ? 1 : 0,
          ctx.now,
          ctx.now,
        ).id;
      }
      ctx.audit.entity = 'supplier';
      ctx.audit.entityId = sid;
      return supplierDto(db, sid as number);
    },
  }),

  defineMethod('po.list', {
    input: v.poListSchema,
    access: 'parts.read',
    write: false,
    async handler({ status, limit }, ctx) {
      return poSummaries(dbOf(ctx), status, limit);
    },
  }),

  defineMethod('po.get', {
    input: byId,
    access: 'parts.read',
    write: false,
    async handler({ id }, ctx) {
      return poDetail(dbOf(ctx), id);
    },
  }),

  defineMethod('po.create', {
    input: v.poCreateSchema,
    access: 'purchasing',
    write: true,
    async handler({ supplierId, lines }, ctx) {
      const db = dbOf(ctx);
      const id = createPo(db, supplierId, lines, ctx.session.staffId, ctx.now);
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      return poDetail(db, id);
    },
  }),

  defineMethod('po.setLines', {
    input: v.poLinesSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version, lines }, ctx) {
      const db = dbOf(ctx);
      const po = loadPo(db, id, version);
      if (po.status !== 'draft') {
        throw new ApiError('CONFLICT', 'Only a draft order can be edited.', {
          key: 'errors.poNotDraft',
        });
      }
      writePoLines(db, id, lines);
      db.run(
        'UPDATE purchase_order SET updated_at = ?, version = version + 1 WHERE id = ?',
        ctx.now,
        id,
      );
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      return poDetail(db, id);
    },
  }),

  defineMethod('po.order', {
    input: v.poStepSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version }, ctx) {
      const db = dbOf(ctx);
      setPoStatus(db, loadPo(db, id, version), 'ordered', ctx.now);
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      return poDetail(db, id);
    },
  }),

  defineMethod('po.receive', {
    input: v.poReceiveSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version, lines }, ctx) {
      const db = dbOf(ctx);
      const actor = actorOf(ctx);
      const po = loadPo(db, id, version);
      if (po.status !== 'ordered' && po.status !== 'partly_received') {
        throw new ApiError('CONFLICT', 'Only an ordered purchase order can be received.', {
          key: 'errors.poNotOrdered',
        });
      }
      const touched: number[] = [];
      for (const [i, l] of lines.entries()) {
        const line = db.get<{
          id: number;
          qty_ordered: number;
          qty_received: number;
          unit_cost_cents: number;
          serial_tracked: number;
        }>(
          `SELECT l.id, l.qty_ordered, l.qty_received, l.unit_cost_cents, p.serial_tracked FROM po_line l
           JOIN part p ON p.id = l.part_id WHERE l.po_id = ? AND l.part_id = ?`,
          id,
          l.partId,
        );
        if (!line) {
          throw new ApiError('VALIDATION', 'This part is not on the order.', {
            key: 'errors.notOnOrder',
            issues: [
              { path: `lines.${i}.partId`, key: 'errors.notOnOrder', message: 'not on the order' },
            ],
          });
        }
        const outstanding = line.qty_ordered - line.qty_received;
        if (l.qty > outstanding) {
          throw new ApiError('VALIDATION', `Only ${outstanding} outstanding on this line.`, {
            key: 'errors.overReceipt',
            params: { outstanding },
            issues: [
              {
                path: `lines.${i}.qty`,
                key: 'errors.overReceipt',
                params: { outstanding },
                message: 'too many',
              },
            ],
          });
        }
        const base = {
          partId: l.partId,
          kind: 'receive' as const,
          unitCostCents: line.unit_cost_cents,
          poId: id,
        };
        if (line.serial_tracked === 1) {
          for (const serial of requireSerials(l.serials, l.qty)) {
            const { id: movementId } = applyMovement(db, actor, { ...base, qty: 1, serial });
            unitIn(db, actor, l.partId, serial, line.unit_cost_cents, { poId: id, movementId });
          }
        } else applyMovement(db, actor, { ...base, qty: l.qty });
        db.run('UPDATE po_line SET qty_received = qty_received + ? WHERE id = ?', l.qty, line.id);
        db.run(
          'UPDATE part SET cost_cents = ?, updated_at = ? WHERE id = ?',
          line.unit_cost_cents,
          ctx.now,
          l.partId,
        );
        touched.push(l.partId);
      }
      const left =
        db.get<{ n: number }>(
          'SELECT coalesce(sum(qty_ordered - qty_received), 0) AS n FROM po_line WHERE po_id = ?',
          id,
        )?.n ?? 0;
      setPoStatus(db, po, left === 0 ? 'received' : 'partly_received', ctx.now);
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      ctx.audit.details = { lines: lines.map((l) => ({ partId: l.partId, qty: l.qty })) };
      noteStockChange(ctx, db, touched);
      return poDetail(db, id);
    },
  }),

  defineMethod('po.close', {
    input: v.poStepSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version }, ctx) {
      const db = dbOf(ctx);
      setPoStatus(db, loadPo(db, id, version), 'closed', ctx.now);
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      return poDetail(db, id);
    },
  }),

  defineMethod('po.cancel', {
    input: v.poCancelSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version, reason }, ctx) {
      const db = dbOf(ctx);
      setPoStatus(db, loadPo(db, id, version), 'cancelled', ctx.now, { reason });
      ctx.audit.entity = 'purchase_order';
      ctx.audit.entityId = id;
      ctx.audit.details = { reason };
      return poDetail(db, id);
    },
  }),

  defineMethod('stock.lowList', {
    input: v.lowListSchema,
    access: 'parts.read',
    write: false,
    async handler({ limit }, ctx) {
      return lowStock(dbOf(ctx), limit);
    },
  }),

  defineMethod('stock.lowToPo', {
    input: v.lowToPoSchema,
    access: 'purchasing',
    write: true,
    async handler({ partIds }, ctx) {
      const db = dbOf(ctx);
      const rows = lowStock(db, partIds.length, partIds);
      const bySupplier = new Map<number, typeof rows>();
      for (const r of rows) {
        if (r.supplierId)
          bySupplier.set(r.supplierId, [...(bySupplier.get(r.supplierId) ?? []), r]);
      }
      const ordered = new Set(rows.filter((r) => r.supplierId).map((r) => r.partId));
      const ids = [...bySupplier].map(([supplierId, list]) =>
        createPo(
          db,
          supplierId,
          list.map((r) => ({ partId: r.partId, qty: r.suggestQty })),
          ctx.session.staffId,
          ctx.now,
        ),
      );
      ctx.audit.entity = 'purchase_order';
      ctx.audit.details = { orders: ids, parts: [...ordered] };
      const all = poSummaries(db, 'draft', 1000);
      return {
        orders: all.filter((o) => ids.includes(o.id)),
        skipped: partIds.filter((p) => !ordered.has(p)),
      };
    },
  }),
];
