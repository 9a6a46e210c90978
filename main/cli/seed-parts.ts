import { openDatabase } from '../db/data-source';
import { insertId, sqliteSql, type Sql } from '../db/sql';
import { modelKey } from '../domain/inventory/part-rows';
import { CATALOG } from './seed-data';
import { mulberry32 } from './seed';
import { sqliteRows, type RowSink } from './seed-rows';

/**
 * Spare parts at any scale: `npm run seed -- --data DIR --tickets N --parts 20000 [--movements 5000000]`.
 * Raw prepared statements in big transactions, like the ticket seed; the cached balances are
 * computed alongside, so `stock.check` holds on the result.
 */

const KINDS = [
  { en: 'LCD screen assembly', zh: '液晶屏幕总成', cat: 'Screens', cost: [8000, 45000] },
  { en: 'OLED screen assembly', zh: 'OLED屏幕总成', cat: 'Screens', cost: [20000, 90000] },
  { en: 'Battery', zh: '电池', cat: 'Batteries', cost: [2000, 9000] },
  { en: 'Charging port flex', zh: '尾插排线', cat: 'Flex cables', cost: [500, 3000] },
  { en: 'Rear camera', zh: '后置摄像头', cat: 'Cameras', cost: [3000, 25000] },
  { en: 'Back glass', zh: '后盖玻璃', cat: 'Housings', cost: [800, 6000] },
  { en: 'Loudspeaker', zh: '扬声器', cat: 'Audio', cost: [400, 2500] },
  { en: 'Mainboard', zh: '主板', cat: 'Boards', cost: [30000, 150000] },
  { en: 'Keyboard', zh: '键盘', cat: 'Input', cost: [2500, 12000] },
  { en: 'SSD 512 GB', zh: '固态硬盘 512GB', cat: 'Storage', cost: [18000, 40000] },
] as const;
/** Serial-tracked kinds: boards and storage carry their own serial numbers. */
const TRACKED = new Set(['Boards', 'Storage']);
const SUPPLIERS = [
  '深圳华强北配件行',
  'Guangzhou Parts Co.',
  '东莞精密电子',
  'iFix Wholesale',
  '上海数码配件',
  'Mobile Sentrix',
  '北京中关村供应',
  'Phone LCD Parts',
];
/** Parts per transaction (each with its whole movement history). */
const PART_BATCH = 2000;

export interface PartSeedResult {
  parts: number;
  movements: number;
  serialUnits: number;
  ms: number;
}

export async function seedParts(opts: {
  dataDir: string;
  parts: number;
  movements: number;
  seed?: number;
  now?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<PartSeedResult> {
  const started = Date.now();
  const { dataSource, raw } = await openDatabase(opts.dataDir);
  try {
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -524288');
    try {
      const result = await insertParts(sqliteSql(raw), sqliteRows(raw), opts, started);
      raw.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    } finally {
      raw.pragma('cache_size = -2000');
      raw.pragma('synchronous = FULL');
    }
  } finally {
    await dataSource.destroy();
  }
}

/** The parts with their stock histories, into either engine: small reads and the suppliers
 * through `sql`, the bulk rows (ids given, so both engines number them alike) through `rows`. */
export async function insertParts(
  sql: Sql,
  rows: RowSink,
  opts: {
    parts: number;
    movements: number;
    seed?: number;
    now?: number;
    onProgress?: (done: number, total: number) => void;
  },
  started = Date.now(),
): Promise<PartSeedResult> {
  const rand = mulberry32(opts.seed ?? 7);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const now = opts.now ?? Date.now();
  const staffId = (await sql.get<{ id: number }>(
    "SELECT id FROM staff WHERE role IN ('manager', 'admin') ORDER BY id LIMIT 1",
  ))!.id;
  {
    const supplierIds: number[] = [];
    for (const name of SUPPLIERS) {
      const known = await sql.get<{ id: number }>('SELECT id FROM supplier WHERE name = ?', name);
      supplierIds.push(
        known
          ? known.id
          : await insertId(
              sql,
              'INSERT INTO supplier (name, lead_days, active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
              name,
              int(1, 7),
              now,
              now,
            ),
      );
    }
    const maxId = async (table: string) =>
      Number(
        (await sql.get<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM ${table}`))?.n ?? 0,
      );
    const base = await maxId('part');
    const moveBase = await maxId('stock_movement');
    const unitBase = await maxId('serial_unit');
    const partRow = rows.table('part', [
      'id',
      'sku',
      'name',
      'category',
      'models',
      'bin',
      'cost_cents',
      'price_cents',
      'reorder_point',
      'reorder_qty',
      'supplier_id',
      'serial_tracked',
      'active',
      'created_at',
      'updated_at',
    ]);
    const insCode = rows.table('part_barcode', ['code', 'part_id']);
    const insModel = rows.table('part_model', ['part_id', 'model_norm']);
    const insBal = rows.table('stock_balance', [
      'part_id',
      'on_hand',
      'reserved',
      'avg_cost_cents',
      'reorder_point',
      'last_movement_id',
    ]);
    const insMove = rows.table('stock_movement', [
      'id',
      'part_id',
      'kind',
      'qty',
      'reserved_delta',
      'on_hand_after',
      'unit_cost_cents',
      'reason',
      'staff_id',
      'at',
    ]);
    const insUnit = rows.table('serial_unit', [
      'id',
      'part_id',
      'serial',
      'state',
      'cost_cents',
      'updated_at',
    ]);
    const insUnitEv = rows.table('serial_event', [
      'unit_id',
      'from_state',
      'to_state',
      'movement_id',
      'staff_id',
      'at',
    ]);

    // Movements go to untracked parts (tracked ones get a few received units each).
    // About one part in ten is serial-tracked (and gets only a few movements): the rest carry the ledger.
    const perPart = Math.max(1, Math.round(opts.movements / Math.max(1, opts.parts * 0.9)));
    let moves = 0;
    let units = 0;
    const span = 730 * 86_400_000;
    for (let start = 0; start < opts.parts; start += PART_BATCH) {
      const end = Math.min(opts.parts, start + PART_BATCH);
      await rows.batch(() => {
        for (let i = start; i < end; i++) {
          const n = base + i + 1;
          const id = n;
          const k = KINDS[int(0, KINDS.length - 1)];
          const m = CATALOG[int(0, CATALOG.length - 1)];
          const m2 = CATALOG[int(0, CATALOG.length - 1)];
          const cost = int(k.cost[0], k.cost[1]);
          const tracked = TRACKED.has(k.cat) && rand() < 0.5;
          const reorderPoint = int(0, 5);
          partRow(
            id,
            `P-${String(n).padStart(6, '0')}`,
            `${m.brand} ${m.model} ${k.en} ${k.zh}`,
            k.cat,
            m === m2 ? m.model : `${m.model}, ${m2.model}`,
            `${String.fromCharCode(65 + int(0, 25))}-${String(int(1, 40)).padStart(2, '0')}`,
            cost,
            Math.round((cost * (1.6 + rand())) / 100) * 100,
            reorderPoint,
            int(3, 20),
            supplierIds[int(0, supplierIds.length - 1)],
            tracked ? 1 : 0,
            1,
            now,
            now,
          );
          insCode(`69${String(n).padStart(11, '0')}`, id);
          // one row per distinct model key (the INSERT OR IGNORE of the SQLite-only seeder)
          const k1 = modelKey(m.model);
          const k2 = modelKey(m2.model);
          insModel(id, k1);
          if (k2 !== k1) insModel(id, k2);
          // A history: receipts, then consumption and the odd adjustment, never below zero.
          let onHand = 0;
          let last: number | null = null;
          const count = tracked
            ? int(1, 4)
            : Math.min(
                perPart * 2 - 1,
                int(Math.max(1, perPart - perPart / 2), perPart + perPart / 2),
              );
          const at0 = now - span;
          for (let j = 0; j < count && (tracked || moves < opts.movements); j++) {
            const at = at0 + Math.floor((span * (j + 1)) / (count + 1));
            let kind: string;
            let qty: number;
            if (tracked || onHand < 2 || rand() < 0.2) {
              kind = 'receive';
              qty = tracked ? 1 : int(5, 30);
            } else if (rand() < 0.97) {
              kind = 'consume';
              qty = -1;
            } else {
              kind = 'adjust';
              qty = -1;
            }
            onHand += qty;
            last = moveBase + moves + 1;
            insMove(
              last,
              id,
              kind,
              qty,
              0,
              onHand,
              cost,
              kind === 'adjust' ? 'damaged' : null,
              staffId,
              at,
            );
            moves++;
            if (tracked) {
              const unitId = unitBase + units + 1;
              insUnit(unitId, id, `SN${n}-${j + 1}`, 'in_stock', cost, at);
              insUnitEv(unitId, null, 'in_stock', last, staffId, at);
              units++;
            }
          }
          insBal(id, onHand, 0, cost, reorderPoint, last);
        }
      });
      opts.onProgress?.(end, opts.parts);
    }
    return { parts: opts.parts, movements: moves, serialUnits: units, ms: Date.now() - started };
  }
}
