import { ApiError, notFound } from '../../api/errors';
import type { CountDetail, CountLineDto, CountSummary } from '../../api/contract';
import { defineMethod } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { byId } from '../../api/schemas/misc';
import { insertId, sqlOf, type Sql } from '../../db/sql';
import { actorOf } from './context';
import { noteStockChange } from './low-stock';
import { partIdByCode, rawPart } from './part-rows';
import { findUnit, moveUnit, unitIn, unitsIn } from './serial-units';
import { applyMovement } from './stock-ledger';

interface RawCount {
  id: number;
  scope: string;
  scope_value: string;
  status: string;
  created_by: string;
  approved_by: string | null;
  created_at: number;
  version: number;
}

const COUNT_SELECT = `SELECT c.id, c.scope, c.scope_value, c.status, s.name AS created_by, a.name AS approved_by, c.created_at, c.version
  FROM stock_count c JOIN staff s ON s.id = c.created_by LEFT JOIN staff a ON a.id = c.approved_by`;

const toSummary = (c: RawCount): CountSummary => ({
  id: c.id,
  scope: c.scope,
  scopeValue: c.scope_value,
  status: c.status,
  createdBy: c.created_by,
  approvedBy: c.approved_by,
  createdAt: c.created_at,
  version: c.version,
});

interface RawLine {
  part_id: number;
  sku: string;
  name: string;
  bin: string;
  expected: number;
  on_hand: number;
  counted: number | null;
  serial_tracked: number;
  serials: string | null;
}

const LINE_SELECT = `SELECT l.part_id, p.sku, p.name, p.bin, l.expected, b.on_hand, l.counted, p.serial_tracked, l.serials
  FROM stock_count_line l JOIN part p ON p.id = l.part_id JOIN stock_balance b ON b.part_id = l.part_id`;

/** Variance against what is on hand now (stock may have moved while the bin was counted);
 * a line nobody counted means nothing was found. */
const toLine = (l: RawLine): CountLineDto => ({
  partId: l.part_id,
  sku: l.sku,
  name: l.name,
  bin: l.bin,
  expected: l.expected,
  onHand: l.on_hand,
  counted: l.counted,
  variance: (l.counted ?? 0) - l.on_hand,
  serialTracked: l.serial_tracked === 1,
});

async function countDetail(db: Sql, id: number): Promise<CountDetail> {
  const c = await db.get<RawCount>(`${COUNT_SELECT} WHERE c.id = ?`, id);
  if (!c) throw notFound('Stock count', 'errors.countNotFound');
  const lines = await db.all<RawLine>(
    `${LINE_SELECT} WHERE l.count_id = ? ORDER BY p.bin, p.sku`,
    id,
  );
  return { ...toSummary(c), lines: lines.map(toLine) };
}

async function openCount(db: Sql, id: number, version?: number): Promise<RawCount> {
  const c = await db.get<RawCount>(`${COUNT_SELECT} WHERE c.id = ?`, id);
  if (!c) throw notFound('Stock count', 'errors.countNotFound');
  if (c.status !== 'open')
    throw new ApiError('CONFLICT', 'This count is finished.', { key: 'errors.countClosed' });
  if (version !== undefined && version !== c.version) {
    throw new ApiError('CONFLICT', 'Someone else changed this count first. Reload and try again.', {
      key: 'errors.stale',
    });
  }
  return c;
}

async function lineFor(db: Sql, countId: number, partId: number): Promise<RawLine> {
  let line = await db.get<RawLine>(
    `${LINE_SELECT} WHERE l.count_id = ? AND l.part_id = ?`,
    countId,
    partId,
  );
  if (!line) {
    // A part found in the bin that the catalogue places elsewhere is still counted here.
    const p = await rawPart(db, partId);
    await db.run(
      'INSERT INTO stock_count_line (count_id, part_id, expected, counted) VALUES (?, ?, ?, NULL)',
      countId,
      partId,
      p.on_hand,
    );
    line = (await db.get<RawLine>(
      `${LINE_SELECT} WHERE l.count_id = ? AND l.part_id = ?`,
      countId,
      partId,
    )) as RawLine;
  }
  return line;
}

const scannedSerials = (l: RawLine): string[] =>
  l.serials ? (JSON.parse(l.serials) as string[]) : [];

export const countMethods = [
  defineMethod('counts.list', {
    input: v.countListSchema,
    access: 'parts.read',
    write: false,
    async handler({ limit }, ctx) {
      const rows = await sqlOf(ctx.em).all<RawCount>(
        `${COUNT_SELECT} ORDER BY c.id DESC LIMIT ?`,
        limit,
      );
      return rows.map(toSummary);
    },
  }),

  defineMethod('counts.get', {
    input: byId,
    access: 'parts.read',
    write: false,
    async handler({ id }, ctx) {
      return countDetail(sqlOf(ctx.em), id);
    },
  }),

  defineMethod('counts.start', {
    input: v.countStartSchema,
    access: 'stock.move',
    write: true,
    async handler({ scope, value }, ctx) {
      const db = sqlOf(ctx.em);
      const scopeValue = scope === 'bin' ? value.toUpperCase() : value;
      const parts = await db.all<{ id: number; on_hand: number }>(
        `SELECT p.id, b.on_hand FROM part p JOIN stock_balance b ON b.part_id = p.id WHERE p.active = 1 AND p.${scope === 'bin' ? 'bin' : 'category'} = ?`,
        scopeValue,
      );
      if (parts.length === 0)
        throw new ApiError('NOT_FOUND', `No parts in ${scope} ${value}.`, {
          key: 'errors.countEmpty',
          params: { value },
        });
      const id = await insertId(
        db,
        `INSERT INTO stock_count (scope, scope_value, status, created_by, created_at) VALUES (?, ?, 'open', ?, ?)`,
        scope,
        scopeValue,
        ctx.session.staffId,
        ctx.now,
      );
      for (const p of parts)
        await db.run(
          'INSERT INTO stock_count_line (count_id, part_id, expected, counted) VALUES (?, ?, ?, NULL)',
          id,
          p.id,
          p.on_hand,
        );
      ctx.audit.entity = 'stock_count';
      ctx.audit.entityId = id;
      return countDetail(db, id);
    },
  }),

  defineMethod('counts.scan', {
    input: v.countScanSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, code, qty, serial }, ctx) {
      const db = sqlOf(ctx.em);
      await openCount(db, id);
      let partId = await partIdByCode(db, code);
      let unitSerial = serial;
      if (!partId) {
        // A serial label scanned directly names its part.
        const u = await db.get<{ part_id: number; serial: string }>(
          'SELECT part_id, serial FROM serial_unit WHERE serial = ? LIMIT 1',
          code.trim(),
        );
        if (!u)
          throw new ApiError('NOT_FOUND', `No part has the code ${code}.`, {
            key: 'errors.unknownBarcode',
            params: { code },
          });
        partId = u.part_id;
        unitSerial = u.serial;
      }
      const line = await lineFor(db, id, partId);
      if (line.serial_tracked === 1) {
        if (!unitSerial) {
          throw new ApiError('VALIDATION', 'Scan each unit’s serial number.', {
            key: 'errors.scanSerial',
            issues: [{ path: 'serial', key: 'errors.scanSerial', message: 'serial' }],
          });
        }
        const list = [...new Set([...scannedSerials(line), unitSerial])];
        await db.run(
          'UPDATE stock_count_line SET serials = ?, counted = ? WHERE count_id = ? AND part_id = ?',
          JSON.stringify(list),
          list.length,
          id,
          partId,
        );
      } else {
        await db.run(
          'UPDATE stock_count_line SET counted = coalesce(counted, 0) + ? WHERE count_id = ? AND part_id = ?',
          qty,
          id,
          partId,
        );
      }
      ctx.audit.entity = 'stock_count';
      ctx.audit.entityId = id;
      return toLine(await lineFor(db, id, partId));
    },
  }),

  defineMethod('counts.set', {
    input: v.countSetSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, partId, counted }, ctx) {
      const db = sqlOf(ctx.em);
      await openCount(db, id);
      const line = await lineFor(db, id, partId);
      if (line.serial_tracked === 1 && counted !== scannedSerials(line).length) {
        throw new ApiError('VALIDATION', 'Scan each unit’s serial number.', {
          key: 'errors.scanSerial',
          issues: [{ path: 'counted', key: 'errors.scanSerial', message: 'serial' }],
        });
      }
      await db.run(
        'UPDATE stock_count_line SET counted = ? WHERE count_id = ? AND part_id = ?',
        counted,
        id,
        partId,
      );
      ctx.audit.entity = 'stock_count';
      ctx.audit.entityId = id;
      return toLine(await lineFor(db, id, partId));
    },
  }),

  defineMethod('counts.approve', {
    input: v.countStepSchema,
    access: 'count.approve',
    write: true,
    async handler({ id, version }, ctx) {
      const db = sqlOf(ctx.em);
      const actor = actorOf(ctx);
      await openCount(db, id, version);
      const lines = await db.all<RawLine>(`${LINE_SELECT} WHERE l.count_id = ?`, id);
      const base = {
        kind: 'count' as const,
        countId: id,
        reason: `count #${id}`,
        overrideBy: ctx.session.staffId,
      };
      const touched: number[] = [];
      for (const l of lines) {
        if (l.serial_tracked === 1) {
          const seen = new Set(scannedSerials(l));
          const shelf = await unitsIn(db, l.part_id, 'in_stock');
          for (const u of shelf.filter((u) => !seen.has(u.serial))) {
            const { id: mid } = await applyMovement(db, actor, {
              ...base,
              partId: l.part_id,
              qty: -1,
              serial: u.serial,
            });
            await moveUnit(db, actor, u, 'written_off', { movementId: mid });
            touched.push(l.part_id);
          }
          for (const s of seen) {
            const known = await findUnit(db, l.part_id, s);
            if (known && (known.state === 'in_stock' || known.state === 'reserved')) continue;
            const { id: mid } = await applyMovement(db, actor, {
              ...base,
              partId: l.part_id,
              qty: 1,
              serial: s,
            });
            const { cost_cents: cost } = await rawPart(db, l.part_id);
            await unitIn(db, actor, l.part_id, s, cost, { movementId: mid });
            touched.push(l.part_id);
          }
        } else {
          const variance = (l.counted ?? 0) - l.on_hand;
          if (variance !== 0) {
            await applyMovement(db, actor, { ...base, partId: l.part_id, qty: variance });
            touched.push(l.part_id);
          }
        }
      }
      const res = await db.run(
        `UPDATE stock_count SET status = 'approved', approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
        ctx.session.staffId,
        ctx.now,
        id,
        version,
      );
      if (res.changes !== 1)
        throw new ApiError('CONFLICT', 'Someone else changed this count first.', {
          key: 'errors.stale',
        });
      ctx.audit.entity = 'stock_count';
      ctx.audit.entityId = id;
      ctx.audit.details = { adjusted: [...new Set(touched)] };
      if (touched.length) await noteStockChange(ctx, db, touched);
      return countDetail(db, id);
    },
  }),

  defineMethod('counts.cancel', {
    input: v.countStepSchema,
    access: 'stock.move',
    write: true,
    async handler({ id, version }, ctx) {
      const db = sqlOf(ctx.em);
      await openCount(db, id, version);
      await db.run(
        `UPDATE stock_count SET status = 'cancelled', version = version + 1 WHERE id = ?`,
        id,
      );
      ctx.audit.entity = 'stock_count';
      ctx.audit.entityId = id;
      return countDetail(db, id);
    },
  }),
];
