import { ApiError, notFound } from '../../api/errors';
import type { StockCheck, StockLevel } from '../../api/contract';
import type { MOVEMENT_KINDS } from '../../api/schemas/inventory';
import { insertId, type Sql } from '../../db/sql';

export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface Movement {
  partId: number;
  kind: MovementKind;
  /** Change of on-hand, signed. */
  qty: number;
  reservedDelta?: number;
  /** Cost of goods coming in (receive, return to stock); recorded for outflows too. */
  unitCostCents?: number | null;
  ticketId?: number | null;
  poId?: number | null;
  countId?: number | null;
  serial?: string | null;
  oldSerial?: string | null;
  reason?: string | null;
  /** The manager who allowed available stock to go below zero. */
  overrideBy?: number | null;
}

export interface Balance {
  partId: number;
  onHand: number;
  reserved: number;
  avgCostCents: number;
  version: number;
}

export interface Actor {
  staffId: number | null;
  now: number;
}

export const stockShort = (available: number, wanted: number) =>
  new ApiError('CONFLICT', `Not enough stock: ${available} available.`, {
    key: 'errors.stockShort',
    params: { available, wanted },
  });

/** `lock`: about to change it. On PostgreSQL the row stays locked until commit, so a second
 * station taking the same part waits and then reads what the first left (never both the last
 * unit). SQLite's write transaction already excludes every other writer. */
export async function loadBalance(db: Sql, partId: number, lock = false): Promise<Balance> {
  const b = await db.get<Balance>(
    `SELECT part_id AS "partId", on_hand AS "onHand", reserved, avg_cost_cents AS "avgCostCents", version FROM stock_balance WHERE part_id = ?${lock && db.engine === 'postgres' ? ' FOR UPDATE' : ''}`,
    partId,
  );
  if (!b) throw notFound('Part', 'errors.partNotFound');
  return b;
}

/** Moving weighted average: incoming goods blend into what is on the shelf. */
export function blendCost(onHand: number, avg: number, qty: number, unitCost: number): number {
  if (onHand <= 0) return unitCost;
  return Math.round((onHand * avg + qty * unitCost) / (onHand + qty));
}

/**
 * The one way stock changes: append a movement and update the cached balance in the same
 * transaction. The balance row is updated only if its version is the one read here, so two
 * writers (even in two processes) cannot both take the last unit: the second gets CONFLICT.
 */
export async function applyMovement(
  db: Sql,
  actor: Actor,
  m: Movement,
  /** The part's balance the caller already read with `loadBalance(…, true)` in this
   * transaction (locked on PostgreSQL): not read again. */
  locked?: Balance,
): Promise<{ id: number; balance: Balance }> {
  const b = locked?.partId === m.partId ? locked : await loadBalance(db, m.partId, true);
  const reservedDelta = m.reservedDelta ?? 0;
  const onHand = b.onHand + m.qty;
  const reserved = b.reserved + reservedDelta;
  const before = b.onHand - b.reserved;
  const after = onHand - reserved;
  if (onHand < 0) throw stockShort(b.onHand, -m.qty);
  if (reserved < 0) {
    throw new ApiError('CONFLICT', 'Nothing is reserved to release.', {
      key: 'errors.notReserved',
    });
  }
  const needsOverride = after < 0 && after < before;
  if (needsOverride && !m.overrideBy) throw stockShort(Math.max(0, before), before - after);
  const incoming = (m.kind === 'receive' || m.kind === 'return_to_stock') && m.qty > 0;
  const avg =
    incoming && m.unitCostCents != null
      ? blendCost(b.onHand, b.avgCostCents, m.qty, m.unitCostCents)
      : b.avgCostCents;
  const id = await insertId(
    db,
    `INSERT INTO stock_movement (part_id, kind, qty, reserved_delta, on_hand_after, unit_cost_cents, ticket_id, po_id,
       count_id, serial, old_serial, reason, override_by, staff_id, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    m.partId,
    m.kind,
    m.qty,
    reservedDelta,
    onHand,
    m.unitCostCents ?? b.avgCostCents,
    m.ticketId ?? null,
    m.poId ?? null,
    m.countId ?? null,
    m.serial ?? null,
    m.oldSerial ?? null,
    m.reason ?? null,
    needsOverride ? (m.overrideBy ?? null) : null,
    actor.staffId,
    actor.now,
  );
  const res = await db.run(
    `UPDATE stock_balance SET on_hand = ?, reserved = ?, avg_cost_cents = ?, last_movement_id = ?, version = version + 1
     WHERE part_id = ? AND version = ?`,
    onHand,
    reserved,
    avg,
    id,
    m.partId,
    b.version,
  );
  if (res.changes !== 1) {
    throw new ApiError('CONFLICT', 'Someone else moved this stock first. Try again.', {
      key: 'errors.stale',
    });
  }
  return {
    id,
    balance: { partId: m.partId, onHand, reserved, avgCostCents: avg, version: b.version + 1 },
  };
}

/** Ordered but not yet received, on orders that are still open (drafts count: they are on their way to the supplier). */
export async function onOrder(db: Sql, partId: number): Promise<number> {
  const r = await db.get<{ n: number | null }>(
    `SELECT sum(l.qty_ordered - l.qty_received) AS n FROM po_line l JOIN purchase_order o ON o.id = l.po_id
     WHERE l.part_id = ? AND o.status IN ('draft', 'ordered', 'partly_received')`,
    partId,
  );
  return r?.n ?? 0;
}

export async function stockLevel(db: Sql, partId: number): Promise<StockLevel> {
  const b = await loadBalance(db, partId);
  return {
    partId,
    onHand: b.onHand,
    reserved: b.reserved,
    available: b.onHand - b.reserved,
    onOrder: await onOrder(db, partId),
    avgCostCents: b.avgCostCents,
  };
}

/** Parts checked per page: bounded memory and bounded work per statement at any catalogue size. */
const CHECK_PAGE = 1000;

type CheckRow = { part_id: number; on_hand: number; reserved: number };

/** Cached balance ≠ Σ movements, for one page of balances (sums read over the page's id range). */
async function ledgerMismatches(db: Sql, page: CheckRow[]): Promise<StockCheck['mismatches']> {
  const sums = await db.all<{ part_id: number; m_on_hand: number; m_reserved: number }>(
    `SELECT part_id, sum(qty) AS m_on_hand, sum(reserved_delta) AS m_reserved FROM stock_movement
     WHERE part_id BETWEEN ? AND ? GROUP BY part_id`,
    page[0].part_id,
    page[page.length - 1].part_id,
  );
  const byPart = new Map(sums.map((s) => [s.part_id, s]));
  const out: StockCheck['mismatches'] = [];
  for (const r of page) {
    const s = byPart.get(r.part_id);
    const onHand = Number(s?.m_on_hand ?? 0);
    const reserved = Number(s?.m_reserved ?? 0);
    if (r.on_hand !== onHand)
      out.push({ partId: r.part_id, field: 'onHand', cached: r.on_hand, actual: onHand });
    if (r.reserved !== reserved)
      out.push({ partId: r.part_id, field: 'reserved', cached: r.reserved, actual: reserved });
  }
  return out;
}

/** Verifies the cache: balance = Σ movements, and serial units agree with the counts. Balances
 * are read in keyset pages of CHECK_PAGE by part id. */
export async function checkStock(db: Sql, partId?: number): Promise<StockCheck> {
  const params = partId ? [partId] : [];
  const mismatches: StockCheck['mismatches'] = [];
  let checked = 0;
  for (let after = 0; ;) {
    const page = partId
      ? await db.all<CheckRow>(
          `SELECT b.part_id, b.on_hand, b.reserved FROM stock_balance b JOIN part p ON p.id = b.part_id
           WHERE b.part_id = ?`,
          partId,
        )
      : await db.all<CheckRow>(
          `SELECT b.part_id, b.on_hand, b.reserved FROM stock_balance b JOIN part p ON p.id = b.part_id
           WHERE b.part_id > ? ORDER BY b.part_id LIMIT ?`,
          after,
          CHECK_PAGE,
        );
    if (page.length === 0) break;
    checked += page.length;
    mismatches.push(...(await ledgerMismatches(db, page)));
    if (partId || page.length < CHECK_PAGE) break;
    after = page[page.length - 1].part_id;
  }
  const units = await db.all<{
    part_id: number;
    on_hand: number;
    reserved: number;
    u_stock: number;
    u_reserved: number;
  }>(
    `SELECT b.part_id, b.on_hand, b.reserved,
       (SELECT count(*) FROM serial_unit u WHERE u.part_id = b.part_id AND u.state IN ('in_stock', 'reserved')) AS u_stock,
       (SELECT count(*) FROM serial_unit u WHERE u.part_id = b.part_id AND u.state = 'reserved') AS u_reserved
     FROM stock_balance b JOIN part p ON p.id = b.part_id WHERE p.serial_tracked = 1 ${partId ? 'AND b.part_id = ?' : ''}`,
    ...params,
  );
  for (const u of units) {
    const stock = Number(u.u_stock);
    const reserved = Number(u.u_reserved);
    if (stock !== u.on_hand)
      mismatches.push({ partId: u.part_id, field: 'units', cached: u.on_hand, actual: stock });
    if (reserved !== u.reserved) {
      mismatches.push({
        partId: u.part_id,
        field: 'reservedUnits',
        cached: u.reserved,
        actual: reserved,
      });
    }
  }
  return { ok: mismatches.length === 0, checkedParts: checked, mismatches };
}
