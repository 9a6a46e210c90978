import { ApiError } from '../../api/errors';
import type { Actor } from './stock-ledger';
import { insertId, type Sql } from '../../db/sql';

export interface Unit {
  id: number;
  serial: string;
  state: string;
  ticketId: number | null;
  costCents: number;
}

const COLS = 'id, serial, state, ticket_id AS "ticketId", cost_cents AS "costCents"';

export function findUnit(db: Sql, partId: number, serial: string): Promise<Unit | undefined> {
  return db.get<Unit>(
    `SELECT ${COLS} FROM serial_unit WHERE part_id = ? AND serial = ?`,
    partId,
    serial,
  );
}

export const unitById = (db: Sql, id: number): Promise<Unit | undefined> =>
  db.get<Unit>(`SELECT ${COLS} FROM serial_unit WHERE id = ?`, id);

/** The units of a part in one state, oldest first. */
export const unitsIn = (db: Sql, partId: number, state: string): Promise<Unit[]> =>
  db.all<Unit>(
    `SELECT ${COLS} FROM serial_unit WHERE part_id = ? AND state = ? ORDER BY id`,
    partId,
    state,
  );

/** The oldest unit on the shelf (first in, first out). */
export const firstInStock = (db: Sql, partId: number): Promise<Unit | undefined> =>
  db.get<Unit>(
    `SELECT ${COLS} FROM serial_unit WHERE part_id = ? AND state = 'in_stock' ORDER BY id LIMIT 1`,
    partId,
  );

/** Moves one unit from the state the caller saw to the next; a unit someone else moved is CONFLICT. */
export async function moveUnit(
  db: Sql,
  actor: Actor,
  unit: Unit,
  to: string,
  opts: { ticketId?: number | null; movementId?: number | null } = {},
): Promise<void> {
  const ticketId = opts.ticketId ?? null;
  const res = await db.run(
    'UPDATE serial_unit SET state = ?, ticket_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND state = ?',
    to,
    ticketId,
    actor.now,
    unit.id,
    unit.state,
  );
  if (res.changes !== 1) {
    throw new ApiError('CONFLICT', `Unit ${unit.serial} was moved by someone else.`, {
      key: 'errors.unitMoved',
      params: { serial: unit.serial },
    });
  }
  await db.run(
    'INSERT INTO serial_event (unit_id, from_state, to_state, ticket_id, movement_id, staff_id, at) VALUES (?,?,?,?,?,?,?)',
    unit.id,
    unit.state,
    to,
    ticketId,
    opts.movementId ?? null,
    actor.staffId,
    actor.now,
  );
  unit.state = to;
  unit.ticketId = ticketId;
}

/**
 * A unit arriving on the shelf: new, or one that left earlier coming back. A faulty unit a
 * customer returned arrives as `returned` (set aside for the supplier, not on hand).
 */
export async function unitIn(
  db: Sql,
  actor: Actor,
  partId: number,
  serial: string,
  costCents: number,
  opts: { poId?: number | null; movementId: number; state?: 'in_stock' | 'returned' },
): Promise<Unit> {
  const state = opts.state ?? 'in_stock';
  const known = await findUnit(db, partId, serial);
  if (known) {
    if (known.state === 'in_stock' || known.state === 'reserved') {
      throw new ApiError('CONFLICT', `Serial ${serial} is already in stock.`, {
        key: 'errors.serialInStock',
        params: { serial },
      });
    }
    await moveUnit(db, actor, known, state, { movementId: opts.movementId });
    return known;
  }
  const id = await insertId(
    db,
    `INSERT INTO serial_unit (part_id, serial, state, ticket_id, po_id, cost_cents, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)`,
    partId,
    serial,
    state,
    opts.poId ?? null,
    costCents,
    actor.now,
  );
  await db.run(
    `INSERT INTO serial_event (unit_id, from_state, to_state, ticket_id, movement_id, staff_id, at) VALUES (?, NULL, ?, NULL, ?, ?, ?)`,
    id,
    state,
    opts.movementId,
    actor.staffId,
    actor.now,
  );
  return { id, serial, state, ticketId: null, costCents };
}

/** Exactly `count` distinct serials, trimmed; anything else is a VALIDATION error on `serials`. */
export function requireSerials(serials: string[] | undefined, count: number): string[] {
  const list = [...new Set((serials ?? []).map((s) => s.trim()).filter(Boolean))];
  if (list.length !== count) {
    throw new ApiError('VALIDATION', `Enter ${count} different serial numbers.`, {
      key: 'errors.serialsNeeded',
      params: { count },
      issues: [
        {
          path: 'serials',
          key: 'errors.serialsNeeded',
          params: { count },
          message: 'Serials needed',
        },
      ],
    });
  }
  return list;
}

/** A unit that must be in one of `states` for this move. */
export async function unitFor(
  db: Sql,
  partId: number,
  serial: string,
  states: string[],
): Promise<Unit> {
  const unit = await findUnit(db, partId, serial);
  if (!unit || !states.includes(unit.state)) {
    throw new ApiError('CONFLICT', `Serial ${serial} is not ${states.join(' or ')}.`, {
      key: 'errors.serialNotAvailable',
      params: { serial },
    });
  }
  return unit;
}
