import { ApiError } from '../../api/errors';
import type { SignedInContext } from '../../api/method';
import type { Rma } from '../../db/entities';
import { sqlOf } from '../../db/sql';
import { actorOf } from '../inventory/context';
import { noteStockChange } from '../inventory/low-stock';
import { rawPart } from '../inventory/part-rows';
import { firstInStock, moveUnit, unitFor, unitIn } from '../inventory/serial-units';
import { applyMovement, loadBalance, stockShort } from '../inventory/stock-ledger';

const required = (path: string, key: string, message: string) =>
  new ApiError('VALIDATION', message, { key, issues: [{ path, key, message }] });

export interface ExchangeInput {
  partId?: number;
  /** The replacement unit's serial; the oldest unit in stock when not given. */
  exchangeSerial?: string;
  /** The returned unit's serial when the request did not record one. */
  returnedSerial?: string;
}

/**
 * DOMAIN "Returns and exchanges" + "Spare parts": an exchange is two recorded stock movements
 * on the product's stock part. The replacement leaves stock (`exchange`, unit → exchanged);
 * the returned unit comes back as the inspection found it: sound → on the shelf
 * (`return_to_stock`), faulty → set aside for the supplier (`returned`, not on hand).
 * Short stock is CONFLICT before anything is written, and the dispatcher's transaction
 * undoes the first movement if the second fails. Returns the replacement's serial.
 */
export async function exchangeStock(
  ctx: SignedInContext,
  r: Rma,
  input: ExchangeInput,
): Promise<string | null> {
  if (!input.partId) {
    throw required('partId', 'errors.exchangePartRequired', 'Choose the stock part.');
  }
  const db = sqlOf(ctx.em);
  const actor = actorOf(ctx);
  const part = await rawPart(db, input.partId);
  const partId = part.id;
  const tracked = part.serial_tracked === 1;
  const returnedSerial = input.returnedSerial ?? r.serial ?? null;
  if (tracked && !returnedSerial) {
    throw required('returnedSerial', 'errors.returnedSerialRequired', 'Returned serial needed.');
  }
  const b = await loadBalance(db, partId);
  const available = b.onHand - b.reserved;
  const unit = tracked
    ? input.exchangeSerial
      ? await unitFor(db, partId, input.exchangeSerial, ['in_stock'])
      : await firstInStock(db, partId)
    : undefined;
  if (available < 1 || (tracked && !unit)) throw stockShort(Math.max(0, available), 1);

  const reason = `RMA ${r.code}`;
  const ticketId = r.ticketId;
  const out = await applyMovement(db, actor, {
    partId,
    kind: 'exchange',
    qty: -1,
    unitCostCents: unit?.costCents ?? b.avgCostCents,
    ticketId,
    serial: unit?.serial ?? null,
    reason,
  });
  if (unit) await moveUnit(db, actor, unit, 'exchanged', { ticketId, movementId: out.id });

  const sound = r.sound === 1;
  const back = await applyMovement(db, actor, {
    partId,
    kind: 'return_to_stock',
    qty: sound ? 1 : 0,
    unitCostCents: unit?.costCents ?? b.avgCostCents,
    ticketId,
    serial: returnedSerial,
    reason: sound ? reason : `${reason} (faulty)`,
  });
  if (tracked) {
    await unitIn(db, actor, partId, returnedSerial!, unit?.costCents ?? b.avgCostCents, {
      movementId: back.id,
      state: sound ? 'in_stock' : 'returned',
    });
  }
  await noteStockChange(ctx, db, [partId]);
  ctx.audit.details = {
    ...ctx.audit.details,
    partId,
    exchangeSerial: unit?.serial ?? null,
    returnedSerial,
    sound,
  };
  return unit?.serial ?? input.exchangeSerial ?? null;
}
