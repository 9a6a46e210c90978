import { ApiError, notFound } from '../../api/errors';
import type { TicketPartDto } from '../../api/contract';
import type { SignedInContext } from '../../api/method';
import { sqlOf, type Sql } from '../../db/sql';
import { actorOf } from './context';
import { noteStockChange } from './low-stock';
import { moveUnit, unitById, type Unit } from './serial-units';
import { applyMovement } from './stock-ledger';

export const SELECT_TP = `SELECT tp.id, tp.ticket_id, tp.part_id, p.sku, p.name, tp.qty, tp.state, u.serial, tp.old_serial,
  p.serial_tracked, tp.price_cents, tp.cost_cents, b.on_hand - b.reserved AS available, tp.version, tp.unit_id,
  tp.estimate_line_id
  FROM ticket_part tp JOIN part p ON p.id = tp.part_id JOIN stock_balance b ON b.part_id = tp.part_id
  LEFT JOIN serial_unit u ON u.id = tp.unit_id`;

export interface RawTp {
  id: number;
  ticket_id: number;
  part_id: number;
  sku: string;
  name: string;
  qty: number;
  state: string;
  serial: string | null;
  old_serial: string | null;
  serial_tracked: number;
  price_cents: number;
  cost_cents: number | null;
  available: number;
  version: number;
  unit_id: number | null;
  estimate_line_id: number | null;
}

export const toTp = (r: RawTp): TicketPartDto => ({
  id: r.id,
  ticketId: r.ticket_id,
  partId: r.part_id,
  sku: r.sku,
  name: r.name,
  qty: r.qty,
  state: r.state,
  serial: r.serial,
  oldSerial: r.old_serial,
  serialTracked: r.serial_tracked === 1,
  priceCents: r.price_cents,
  costCents: r.cost_cents,
  available: r.available,
  version: r.version,
});

export async function loadTp(db: Sql, id: number, version?: number): Promise<RawTp> {
  const r = await db.get<RawTp>(`${SELECT_TP} WHERE tp.id = ?`, id);
  if (!r) throw notFound('Ticket part', 'errors.notFound');
  if (version !== undefined && r.version !== version) {
    throw new ApiError(
      'CONFLICT',
      'Someone else changed this part line first. Reload and try again.',
      { key: 'errors.stale' },
    );
  }
  return r;
}

/** Moves a ticket's part line on, only from the state (and version) that was read. */
export async function setTpState(
  db: Sql,
  tp: RawTp,
  state: string,
  now: number,
  extra: { costCents?: number; oldSerial?: string | null; unitId?: number | null } = {},
): Promise<void> {
  const res = await db.run(
    `UPDATE ticket_part SET state = ?, cost_cents = coalesce(?, cost_cents), old_serial = coalesce(?, old_serial),
       unit_id = coalesce(?, unit_id), updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
    state,
    extra.costCents ?? null,
    extra.oldSerial ?? null,
    extra.unitId ?? null,
    now,
    tp.id,
    tp.version,
  );
  if (res.changes !== 1) {
    throw new ApiError(
      'CONFLICT',
      'Someone else changed this part line first. Reload and try again.',
      { key: 'errors.stale' },
    );
  }
}

const unitOf = async (db: Sql, id: number): Promise<Unit> => {
  const u = await unitById(db, id);
  if (!u) throw notFound('Serial unit', 'errors.serialNotFound');
  return u;
};

/** Gives back a reservation (cancelled ticket, declined estimate, or the technician's choice). */
export async function releaseReservation(
  ctx: SignedInContext,
  db: Sql,
  tp: RawTp,
  reason: string | null,
): Promise<void> {
  const actor = actorOf(ctx);
  if (tp.state === 'reserved') {
    const unit = tp.unit_id ? await unitOf(db, tp.unit_id) : null;
    const { id } = await applyMovement(db, actor, {
      partId: tp.part_id,
      kind: 'release',
      qty: 0,
      reservedDelta: -tp.qty,
      ticketId: tp.ticket_id,
      serial: unit?.serial ?? null,
      reason,
    });
    if (unit) await moveUnit(db, actor, unit, 'in_stock', { movementId: id });
  } else if (tp.state !== 'waiting') {
    throw new ApiError('CONFLICT', 'Only a reserved or awaited part can be released.', {
      key: 'errors.notReserved',
    });
  }
  await setTpState(db, tp, 'released', ctx.now);
  // The part's estimate line goes with it while the estimate is still open.
  if (tp.estimate_line_id) {
    await db.run(
      `UPDATE estimate_line SET removed_at = ? WHERE id = ? AND removed_at IS NULL AND ticket_id IN
         (SELECT id FROM ticket WHERE approval = 'none')`,
      ctx.now,
      tp.estimate_line_id,
    );
  }
}

/** Called when a ticket is cancelled or its estimate declined: every reservation goes back. */
export async function releaseTicketParts(
  ctx: SignedInContext,
  ticketId: number,
  why: string,
): Promise<void> {
  const db = sqlOf(ctx.em);
  const open = await db.all<RawTp>(
    `${SELECT_TP} WHERE tp.ticket_id = ? AND tp.state IN ('reserved', 'waiting')`,
    ticketId,
  );
  for (const tp of open) await releaseReservation(ctx, db, tp, why);
  if (open.length)
    await noteStockChange(
      ctx,
      db,
      open.map((t) => t.part_id),
    );
}
