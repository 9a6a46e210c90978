import { defineMethod } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { actorOf, dbOf, resolveOverride } from './context';
import { noteStockChange } from './low-stock';
import { rawPart } from './part-rows';
import { moveUnit, requireSerials, unitFor, unitIn } from './serial-units';
import { applyMovement, checkStock, stockLevel } from './stock-ledger';

export const stockMethods = [
  defineMethod('stock.level', {
    input: v.partIdSchema,
    access: 'parts.read',
    write: false,
    async handler({ partId }, ctx) {
      return stockLevel(dbOf(ctx), partId);
    },
  }),

  defineMethod('stock.adjust', {
    input: v.adjustSchema,
    access: 'stock.manage',
    write: true,
    async handler({ partId, qty, reason, serials, override }, ctx) {
      const db = dbOf(ctx);
      const actor = actorOf(ctx);
      const part = rawPart(db, partId);
      const overrideBy = resolveOverride(ctx, override);
      const base = { partId, kind: 'adjust' as const, reason, overrideBy };
      if (part.serial_tracked === 1) {
        // Each unit found or written off is named, so the serial list stays true.
        for (const serial of requireSerials(serials, Math.abs(qty))) {
          if (qty > 0) {
            const { id } = applyMovement(db, actor, { ...base, qty: 1, serial });
            unitIn(db, actor, partId, serial, part.cost_cents, { movementId: id });
          } else {
            const unit = unitFor(db, partId, serial, ['in_stock']);
            const { id } = applyMovement(db, actor, { ...base, qty: -1, serial });
            moveUnit(db, actor, unit, 'written_off', { movementId: id });
          }
        }
      } else applyMovement(db, actor, { ...base, qty });
      ctx.audit.entity = 'part';
      ctx.audit.entityId = partId;
      ctx.audit.details = { ...ctx.audit.details, qty, reason };
      noteStockChange(ctx, db, [partId]);
      return stockLevel(db, partId);
    },
  }),

  defineMethod('stock.returnToSupplier', {
    input: v.supplierReturnSchema,
    access: 'purchasing',
    write: true,
    async handler({ partId, qty, reason, serials, override }, ctx) {
      const db = dbOf(ctx);
      const actor = actorOf(ctx);
      const part = rawPart(db, partId);
      const overrideBy = resolveOverride(ctx, override);
      const base = { partId, kind: 'return_to_supplier' as const, reason, overrideBy };
      if (part.serial_tracked === 1) {
        for (const serial of requireSerials(serials, qty)) {
          // Faulty units set aside from a ticket ("returned") go back without touching on-hand.
          const unit = unitFor(db, partId, serial, ['in_stock', 'returned']);
          const { id } = applyMovement(db, actor, {
            ...base,
            qty: unit.state === 'in_stock' ? -1 : 0,
            serial,
          });
          moveUnit(db, actor, unit, 'supplier', { movementId: id });
        }
      } else applyMovement(db, actor, { ...base, qty: -qty });
      ctx.audit.entity = 'part';
      ctx.audit.entityId = partId;
      ctx.audit.details = { ...ctx.audit.details, qty, reason };
      noteStockChange(ctx, db, [partId]);
      return stockLevel(db, partId);
    },
  }),

  defineMethod('stock.check', {
    input: v.checkSchema,
    access: 'stock.manage',
    write: false,
    async handler({ partId }, ctx) {
      return checkStock(dbOf(ctx), partId);
    },
  }),
];
