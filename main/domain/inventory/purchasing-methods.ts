import { ApiError, notFound } from '../../api/errors';
import type { PoDetail, SupplierDto } from '../../api/contract';
import { defineMethod, type SignedInContext } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { byId, empty } from '../../api/schemas/misc';
import { insertId, sqlOf, type Sql } from '../../db/sql';
import { actorOf } from './context';
import { lowStock, noteStockChange } from './low-stock';
import {
  createPo,
  loadPo,
  poDetail,
  poSummaries,
  setPoStatus,
  writePoLines,
  type LoadedPo,
} from './purchase-orders';
import { receiveGoods } from './po-receive';

async function supplierDto(db: Sql, id: number): Promise<SupplierDto> {
  const s = await db.get<{
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

/**
 * Every step on an existing order has one shape: load it at the version the user saw (stale is
 * CONFLICT), let `move` check the state and change it, record the order in the audit, answer
 * the fresh detail.
 */
async function poStep(
  ctx: SignedInContext,
  id: number,
  version: number,
  move: (db: Sql, po: LoadedPo) => Promise<void>,
): Promise<PoDetail> {
  const db = sqlOf(ctx.em);
  await move(db, await loadPo(db, id, version));
  ctx.audit.entity = 'purchase_order';
  ctx.audit.entityId = id;
  return poDetail(db, id);
}

/** A step that only moves the order's status (order a draft, close a received one). */
const statusStep = (name: 'po.order' | 'po.close', to: 'ordered' | 'closed') =>
  defineMethod(name, {
    input: v.poStepSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version }, ctx) {
      return poStep(ctx, id, version, (db, po) => setPoStatus(db, po, to, ctx.now));
    },
  });

export const purchasingMethods = [
  defineMethod('suppliers.list', {
    input: empty,
    access: 'parts.read',
    write: false,
    async handler(_i, ctx) {
      const db = sqlOf(ctx.em);
      const ids = await db.all<{ id: number }>(
        'SELECT id FROM supplier ORDER BY active DESC, name',
      );
      const out: SupplierDto[] = [];
      for (const s of ids) out.push(await supplierDto(db, s.id));
      return out;
    },
  }),

  defineMethod('suppliers.save', {
    input: v.supplierSaveSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version, name, phone, email, leadDays, active }, ctx) {
      const db = sqlOf(ctx.em);
      const same = await db.get<{ id: number }>('SELECT id FROM supplier WHERE name = ?', name);
      if (same && same.id !== id) {
        throw new ApiError('CONFLICT', `A supplier called ${name} exists already.`, {
          key: 'errors.supplierTaken',
          params: { name },
        });
      }
      let sid = id;
      if (id) {
        // Without a version the save is unconditional: the check compares the row with itself.
        const res = await db.run(
          `UPDATE supplier SET name = ?, phone = ?, email = ?, lead_days = ?, active = ?, updated_at = ?, version = version + 1
           WHERE id = ? AND version = coalesce(?, version)`,
          name,
          phone ?? null,
          email ?? null,
          leadDays,
          active ? 1 : 0,
          ctx.now,
          id,
          version ?? null,
        );
        if (res.changes !== 1) {
          await supplierDto(db, id);
          throw new ApiError('CONFLICT', 'Someone else changed this supplier first.', {
            key: 'errors.stale',
          });
        }
      } else {
        sid = await insertId(
          db,
          'INSERT INTO supplier (name, phone, email, lead_days, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
          name,
          phone ?? null,
          email ?? null,
          leadDays,
          active ? 1 : 0,
          ctx.now,
          ctx.now,
        );
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
      return poSummaries(sqlOf(ctx.em), status, limit);
    },
  }),

  defineMethod('po.get', {
    input: byId,
    access: 'parts.read',
    write: false,
    async handler({ id }, ctx) {
      return poDetail(sqlOf(ctx.em), id);
    },
  }),

  defineMethod('po.create', {
    input: v.poCreateSchema,
    access: 'purchasing',
    write: true,
    async handler({ supplierId, lines }, ctx) {
      const db = sqlOf(ctx.em);
      const id = await createPo(db, supplierId, lines, ctx.session.staffId, ctx.now);
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
      return poStep(ctx, id, version, async (db, po) => {
        if (po.status !== 'draft') {
          throw new ApiError('CONFLICT', 'Only a draft order can be edited.', {
            key: 'errors.poNotDraft',
          });
        }
        await writePoLines(db, id, lines);
        await db.run(
          'UPDATE purchase_order SET updated_at = ?, version = version + 1 WHERE id = ?',
          ctx.now,
          id,
        );
      });
    },
  }),

  statusStep('po.order', 'ordered'),

  defineMethod('po.receive', {
    input: v.poReceiveSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version, lines }, ctx) {
      ctx.audit.details = { lines: lines.map((l) => ({ partId: l.partId, qty: l.qty })) };
      return poStep(ctx, id, version, async (db, po) => {
        await noteStockChange(ctx, db, await receiveGoods(db, actorOf(ctx), po, lines));
      });
    },
  }),

  statusStep('po.close', 'closed'),

  defineMethod('po.cancel', {
    input: v.poCancelSchema,
    access: 'purchasing',
    write: true,
    async handler({ id, version, reason }, ctx) {
      ctx.audit.details = { reason };
      return poStep(ctx, id, version, (db, po) =>
        setPoStatus(db, po, 'cancelled', ctx.now, { reason }),
      );
    },
  }),

  defineMethod('stock.lowList', {
    input: v.lowListSchema,
    access: 'parts.read',
    write: false,
    async handler({ limit }, ctx) {
      return lowStock(sqlOf(ctx.em), limit);
    },
  }),

  defineMethod('stock.lowToPo', {
    input: v.lowToPoSchema,
    access: 'purchasing',
    write: true,
    async handler({ partIds }, ctx) {
      const db = sqlOf(ctx.em);
      const rows = await lowStock(db, partIds.length, partIds);
      const bySupplier = new Map<number, typeof rows>();
      for (const r of rows) {
        if (r.supplierId)
          bySupplier.set(r.supplierId, [...(bySupplier.get(r.supplierId) ?? []), r]);
      }
      const ordered = new Set(rows.filter((r) => r.supplierId).map((r) => r.partId));
      const ids: number[] = [];
      for (const [supplierId, list] of bySupplier) {
        const lines = list.map((r) => ({ partId: r.partId, qty: r.suggestQty }));
        ids.push(await createPo(db, supplierId, lines, ctx.session.staffId, ctx.now));
      }
      ctx.audit.entity = 'purchase_order';
      ctx.audit.details = { orders: ids, parts: [...ordered] };
      const all = await poSummaries(db, 'draft', 1000);
      return {
        orders: all.filter((o) => ids.includes(o.id)),
        skipped: partIds.filter((p) => !ordered.has(p)),
      };
    },
  }),
];
