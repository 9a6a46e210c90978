import type { StockLevel } from '../../api/contract';
import { defineMethod, type SignedInContext } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { sqlOf, type Sql } from '../../db/sql';
import { actorOf, resolveOverride } from './context';
import { noteStockChange } from './low-stock';
import { rawPart } from './part-rows';
import { moveUnit, requireSerials, unitFor, unitIn } from './serial-units';
import { applyMovement, checkStock, stockLevel, type Actor } from './stock-ledger';

type Override = Parameters<typeof resolveOverride>[1];

interface UnitStep {
  db: Sql;
  actor: Actor;
  serial: string;
  costCents: number;
  /** Records this unit's movement of `qty` (−1, 0 or +1) and returns its id. */
  move(qty: number): Promise<number>;
}

/**
 * What a manual stock change shares (adjust, return to supplier): the manager override, one
 * movement of `delta` for a plain part or one per named serial (each unit moved by `unitStep`)
 * for a serial-tracked one, the audit, and the stock-changed note.
 */
async function ledgerWrite(
  ctx: SignedInContext,
  kind: 'adjust' | 'return_to_supplier',
  input: { partId: number; qty: number; reason: string; serials?: string[]; override?: Override },
  delta: number,
  unitStep: (u: UnitStep) => Promise<void>,
): Promise<StockLevel> {
  const { partId, qty, reason, serials, override } = input;
  const db = sqlOf(ctx.em);
  const actor = actorOf(ctx);
  const part = await rawPart(db, partId);
  const base = { partId, kind, reason, overrideBy: await resolveOverride(ctx, override) };
  if (part.serial_tracked === 1) {
    for (const serial of requireSerials(serials, Math.abs(qty))) {
      const move = async (n: number) =>
        (await applyMovement(db, actor, { ...base, qty: n, serial })).id;
      await unitStep({ db, actor, serial, costCents: part.cost_cents, move });
    }
  } else await applyMovement(db, actor, { ...base, qty: delta });
  ctx.audit.entity = 'part';
  ctx.audit.entityId = partId;
  ctx.audit.details = { ...ctx.audit.details, qty, reason };
  await noteStockChange(ctx, db, [partId]);
  return stockLevel(db, partId);
}

export const stockMethods = [
  defineMethod('stock.level', {
    input: v.partIdSchema,
    access: 'parts.read',
    write: false,
    async handler({ partId }, ctx) {
      return stockLevel(sqlOf(ctx.em), partId);
    },
  }),

  defineMethod('stock.adjust', {
    input: v.adjustSchema,
    access: 'stock.manage',
    write: true,
    async handler(input, ctx) {
      const { partId, qty } = input;
      return ledgerWrite(ctx, 'adjust', input, qty, async (u) => {
        // Each unit found or written off is named, so the serial list stays true.
        if (qty > 0) {
          const movementId = await u.move(1);
          await unitIn(u.db, u.actor, partId, u.serial, u.costCents, { movementId });
        } else {
          const unit = await unitFor(u.db, partId, u.serial, ['in_stock']);
          await moveUnit(u.db, u.actor, unit, 'written_off', { movementId: await u.move(-1) });
        }
      });
    },
  }),

  defineMethod('stock.returnToSupplier', {
    input: v.supplierReturnSchema,
    access: 'purchasing',
    write: true,
    async handler(input, ctx) {
      return ledgerWrite(ctx, 'return_to_supplier', input, -input.qty, async (u) => {
        // Faulty units set aside from a ticket ("returned") go back without touching on-hand.
        const unit = await unitFor(u.db, input.partId, u.serial, ['in_stock', 'returned']);
        const movementId = await u.move(unit.state === 'in_stock' ? -1 : 0);
        await moveUnit(u.db, u.actor, unit, 'supplier', { movementId });
      });
    },
  }),

  defineMethod('stock.check', {
    input: v.checkSchema,
    access: 'stock.manage',
    write: false,
    async handler({ partId }, ctx) {
      return checkStock(sqlOf(ctx.em), partId);
    },
  }),
];
