import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { openDatabase } from '../db/data-source';
import { DATABASE_CONFIG_FILE, DB_FILE, checkPgUrl, type DatabaseTarget } from '../db/engine';
import { moveShop, writeDatabaseConfig, type MoveProgress } from '../db/move/move';
import { MoveError } from '../db/move/move-error';
import { quoteIdent } from '../db/move/source';
import { connectTarget, migrateTarget, refuseNonEmpty, targetTables } from '../db/move/target';
import type { MoveVerification } from '../db/move/verify';
import { rebuildPgDerived } from '../db/pg-derived';
import { syncPgSequences } from '../db/pg-sequences';
import { sqlOf, toPgPlaceholders } from '../db/sql';
import { checkStock } from '../domain/inventory/stock-ledger';
import { verifyAuditPg } from '../safety/audit-verify';
import { seedTickets } from './seed';
import { PgCopyRows, type CopiedTable } from './seed-copy';
import { dropSecondaryIndexes, rebuildIndexes } from './seed-indexes';
import { seedOffice } from './seed-office';
import { insertParts } from './seed-parts';
import { seedPickup } from './seed-pickup';
import { SHOP_DEFAULTS, seedShop, type ShopSeedOptions, type ShopSeedResult } from './seed-shop';

/** Milliseconds per phase of a PostgreSQL seed, in the order they ran. */
export type SeedPhases = Record<string, number>;

export interface PgSeedCheck {
  what: string;
  expected: number | string;
  actual: number | string;
  ok: boolean;
}

export interface PgSeedResult extends ShopSeedResult {
  /** 'copy': generated rows streamed straight into COPY; 'move': seeded into a scratch SQLite
   * file and moved with db:move (a role that is not a superuser cannot use replica mode). */
  via: 'copy' | 'move';
  phases: SeedPhases;
  /** Rows written by COPY (or moved). */
  rows: number;
  verification: { ok: boolean; checks: PgSeedCheck[]; auditEntries: number };
  /** Only on the 'move' path: db:move's own report. */
  move?: { rows: number; ms: number; verification: MoveVerification };
}

/** The tables the generators stream: their secondary indexes are built after the load. */
const BULK_TABLES = [
  'customer',
  'device',
  'ticket',
  'ticket_event',
  'part',
  'part_barcode',
  'part_model',
  'stock_movement',
  'serial_unit',
  'serial_event',
];

type PgSeedOptions = ShopSeedOptions & { url: string; onMove?: (p: MoveProgress) => void };

/**
 * `npm run seed -- --db URL`: the same demo shop as on SQLite (the same generators, so the same
 * seed number gives the same rows), streamed straight into an empty PostgreSQL database:
 * migrate; tickets with their customers, devices and timelines, then parts with their stock
 * ledgers, as COPY streams (one connection per table, triggers and foreign keys off: replica
 * mode); the triggers' derived tables rebuilt set-based and the sequences moved past the ids;
 * the back office and the pickups through the real API (so their audit chain is the app's);
 * ANALYZE; then verified (rows and money per table against what was streamed, stock against
 * the ledger, the audit chain). The station's files land in `dataDir`, whose database.json
 * then names the server.
 */
export async function seedShopOnPostgres(opts: PgSeedOptions): Promise<PgSeedResult> {
  const url = checkPgUrl(opts.url);
  const client = await connectTarget(url);
  try {
    await refuseNonEmpty(client);
    const su = await client.query<{ s: boolean }>(
      'SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user',
    );
    if (!su.rows[0]?.s) return await seedViaMove(opts);
    return await seedByCopy(client, { ...opts, url });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function seedByCopy(client: pg.Client, opts: PgSeedOptions): Promise<PgSeedResult> {
  const phases: SeedPhases = {};
  let mark = Date.now();
  const phase = (name: string) => {
    const t = Date.now();
    phases[name] = t - mark;
    mark = t;
  };
  const started = mark;
  const now = opts.now ?? Date.now();
  const seedNo = opts.seed ?? 1;
  const database: DatabaseTarget = { engine: 'postgres', url: opts.url, from: 'option' };
  await migrateTarget(client, now);
  const types = await targetTables(client);
  const indexes = await dropSecondaryIndexes(client, BULK_TABLES);
  phase('migrate');

  fs.mkdirSync(opts.dataDir, { recursive: true });
  const opened = await openDatabase(opts.dataDir, database, { now });
  const copied: CopiedTable[] = [];
  let shop: Awaited<ReturnType<typeof seedTickets>>;
  let parts: Awaited<ReturnType<typeof insertParts>> | null = null;
  try {
    const em = opened.dataSource.manager;
    const sql = sqlOf(em);
    const ticketRows = new PgCopyRows(opts.url, types);
    shop = await seedTickets(
      { em, sql, rows: ticketRows },
      {
        tickets: opts.tickets ?? SHOP_DEFAULTS.tickets,
        seed: seedNo,
        now: opts.now,
        onProgress: (d, t) => opts.onProgress?.('tickets', d, t),
      },
    );
    copied.push(...(await ticketRows.end()));
    phase('tickets');
    const partCount = opts.parts ?? SHOP_DEFAULTS.parts;
    if (partCount > 0) {
      const partRows = new PgCopyRows(opts.url, types);
      parts = await insertParts(sql, partRows, {
        parts: partCount,
        movements: opts.movements ?? partCount * SHOP_DEFAULTS.movementsPerPart,
        seed: seedNo,
        now: opts.now,
        onProgress: (d, t) => opts.onProgress?.('parts', d, t),
      });
      copied.push(...(await partRows.end()));
    }
    phase('parts');
  } finally {
    await opened.dataSource.destroy();
  }

  await rebuildIndexes(opts.url, indexes);
  phase('indexes');
  // What the ticket triggers would have built, then the sequences past the given ids: the API
  // steps below insert with the sequences.
  await client.query('BEGIN');
  try {
    await rebuildPgDerived(client);
    await syncPgSequences(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  phase('derived');
  const checks = await checkCopied(client, copied);
  phase('verify copy');

  const office = await seedOffice({ dataDir: opts.dataDir, staff: shop.staff, now, database });
  const pickup = await seedPickup({
    dataDir: opts.dataDir,
    staff: shop.staff,
    seed: seedNo,
    now: opts.now,
    database,
  });
  phase('office and pickups');
  await client.query('ANALYZE');
  phase('analyze');

  const stock = await checkStock({
    engine: 'postgres',
    all: async (q, ...p) => (await client.query(toPgPlaceholders(q), p)).rows,
    get: async (q, ...p) => (await client.query(toPgPlaceholders(q), p)).rows[0],
    run: async (q, ...p) => ({
      changes: (await client.query(toPgPlaceholders(q), p)).rowCount ?? 0,
    }),
  });
  checks.push({
    what: 'stock balances = Σ ledger',
    expected: 0,
    actual: stock.mismatches.length,
    ok: stock.mismatches.length === 0,
  });
  const audit = await verifyAuditPg(opts.url, () => []);
  checks.push({ what: 'audit chain breaks', expected: 0, actual: audit.ok ? 0 : 1, ok: audit.ok });
  phase('verify');
  const ok = checks.every((c) => c.ok);
  if (!ok) {
    const bad = checks.filter((c) => !c.ok);
    throw new MoveError(
      `Seed verification FAILED: ${bad
        .slice(0, 5)
        .map((c) => `${c.what}: expected ${c.expected}, found ${c.actual}`)
        .join('; ')}`,
      'MOVE_MISMATCH',
    );
  }
  writeDatabaseConfig(opts.dataDir, opts.url);
  return {
    ...shop,
    ms: Date.now() - started,
    parts,
    office,
    pickup,
    via: 'copy',
    phases,
    rows: copied.reduce((n, t) => n + t.rows, 0),
    verification: { ok, checks, auditEntries: audit.checked },
  };
}

/** Every streamed table holds the rows and the money that went into its stream. */
async function checkCopied(client: pg.ClientBase, copied: CopiedTable[]): Promise<PgSeedCheck[]> {
  const checks: PgSeedCheck[] = [];
  for (const t of copied) {
    const cents = Object.keys(t.cents);
    const { rows } = await client.query<Record<string, number>>(
      `SELECT count(*) AS n${cents.map((c, i) => `, coalesce(sum(${quoteIdent(c)}), 0) AS s${i}`).join('')}
         FROM ${quoteIdent(t.table)}`,
    );
    const got = rows[0];
    const check = (what: string, expected: number, actual: number) =>
      checks.push({ what, expected, actual, ok: expected === actual });
    check(`${t.table} rows`, t.rows, Number(got.n));
    cents.forEach((c, i) => check(`Σ ${t.table}.${c}`, t.cents[c], Number(got[`s${i}`])));
  }
  return checks;
}

/**
 * The older path, for a role that may not switch off triggers and foreign keys (not a
 * superuser): seed a scratch SQLite file and move it with db:move's own code, which disables
 * the user triggers table by table as the owner and verifies the copy against the file.
 */
async function seedViaMove(opts: PgSeedOptions): Promise<PgSeedResult> {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-pg-'));
  try {
    const shop = await seedShop({ ...opts, dataDir: scratch });
    const seeded = Date.now();
    const moved = await moveShop({
      dataDir: scratch,
      url: opts.url,
      now: opts.now,
      onProgress: opts.onMove,
    });
    fs.mkdirSync(opts.dataDir, { recursive: true });
    for (const f of fs.readdirSync(scratch)) {
      if (f.startsWith(DB_FILE) || f === DATABASE_CONFIG_FILE) continue;
      fs.cpSync(path.join(scratch, f), path.join(opts.dataDir, f), { recursive: true });
    }
    writeDatabaseConfig(opts.dataDir, opts.url);
    return {
      ...shop,
      via: 'move',
      phases: { 'seed SQLite': seeded - started, 'move (copy and verify)': Date.now() - seeded },
      rows: moved.rows,
      verification: {
        ok: moved.verification.ok,
        checks: moved.verification.checks.map((c) => ({
          what: c.what,
          expected: c.source,
          actual: c.target,
          ok: c.ok,
        })),
        auditEntries: 0,
      },
      move: { rows: moved.rows, ms: moved.ms, verification: moved.verification },
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
