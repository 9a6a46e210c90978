import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Workstation } from '../../main/app';
import { seedShopOnPostgres, type PgSeedResult } from '../../main/cli/seed-postgres';
import { seedShop, type ShopSeedResult } from '../../main/cli/seed-shop';
import { DB_FILE } from '../../main/db/engine';
import { pgClientConfig } from '../../main/db/open-postgres';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { shopAnswers } from '../helpers/shop-answers';
import { STATUS_COUNT_DRIFT } from '../helpers/status-count-drift';
import { folderStation } from '../helpers/folder-station';

/**
 * `npm run seed -- --db URL` streams the generated shop straight into PostgreSQL (COPY, no
 * SQLite step). The same seed number on both engines gives the same rows, the same derived
 * tables (day aggregates), and a shop that answers the screens' calls alike; the audit chain
 * the API steps wrote verifies with `audit:verify --db`.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const NOW = Date.parse('2026-11-23T18:00:00+08:00');
const DAY = 86_400_000;
const OPTS = { tickets: 400, parts: 40, seed: 5, now: NOW - DAY };

let cluster: PgCluster;
let url: string;
let sqliteShop: ShopSeedResult;
let pgShop: PgSeedResult;
const dirs: string[] = [];
const open: Workstation[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-pg-'));
  dirs.push(d);
  return d;
};
let sqliteDir: string;
let pgDir: string;

beforeAll(async () => {
  cluster = await startPgCluster();
  url = await freshPgDatabase(cluster, 'seed');
  sqliteDir = tempDir();
  pgDir = tempDir();
  sqliteShop = await seedShop({ dataDir: sqliteDir, ...OPTS });
  pgShop = await seedShopOnPostgres({ dataDir: pgDir, url, ...OPTS });
}, 240_000);
afterAll(async () => {
  await Promise.all(open.map((w) => w.close()));
  cluster?.stop();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const station = (dataDir: string) => folderStation(dataDir, NOW, open);

/** Rows of `sql` on both shops, as plain JSON (PostgreSQL's bigints parsed as numbers). */
async function bothEngines(sql: string): Promise<[unknown[], unknown[]]> {
  const db = new Database(path.join(sqliteDir, DB_FILE), { readonly: true });
  const client = new pg.Client(pgClientConfig(url));
  await client.connect();
  try {
    return [db.prepare(sql).all(), (await client.query(sql)).rows];
  } finally {
    db.close();
    await client.end();
  }
}

describe.skipIf(!pgAvailable())('seed --db (PostgreSQL, COPY)', () => {
  it('(PostgreSQL) streams by COPY, verifies itself, and points the folder at the server', () => {
    expect(pgShop.via).toBe('copy');
    expect(pgShop.verification.ok).toBe(true);
    expect(pgShop.verification.checks.map((c) => c.what)).toEqual(
      expect.arrayContaining([
        'ticket rows',
        'Σ ticket.estimate_cents',
        'stock balances = Σ ledger',
      ]),
    );
    expect(pgShop.verification.auditEntries).toBeGreaterThan(0);
    expect(Object.keys(pgShop.phases)).toEqual(
      expect.arrayContaining(['migrate', 'tickets', 'parts', 'derived', 'analyze', 'verify']),
    );
    expect(JSON.parse(fs.readFileSync(path.join(pgDir, 'database.json'), 'utf8'))).toEqual({
      engine: 'postgres',
      url,
    });
    const { tickets, customers, devices, events, lastNumber } = sqliteShop;
    expect({ tickets, customers, devices, events, lastNumber }).toEqual({
      tickets: pgShop.tickets,
      customers: pgShop.customers,
      devices: pgShop.devices,
      events: pgShop.events,
      lastNumber: pgShop.lastNumber,
    });
    expect(pgShop.parts).toMatchObject({
      parts: sqliteShop.parts!.parts,
      movements: sqliteShop.parts!.movements,
      serialUnits: sqliteShop.parts!.serialUnits,
    });
    expect(pgShop.pickup).toEqual(sqliteShop.pickup);
    expect(pgShop.office).toEqual(sqliteShop.office);
  });

  it('(PostgreSQL) the same seed gives the same rows and the same day aggregates as on SQLite', async () => {
    for (const sql of [
      'SELECT * FROM customer ORDER BY id',
      'SELECT * FROM device ORDER BY id',
      'SELECT * FROM ticket ORDER BY id',
      'SELECT * FROM ticket_event ORDER BY id',
      'SELECT * FROM part ORDER BY id',
      'SELECT * FROM part_model ORDER BY part_id, model_norm',
      'SELECT * FROM stock_balance ORDER BY part_id',
      'SELECT * FROM stock_movement ORDER BY id',
      'SELECT * FROM serial_unit ORDER BY id',
      'SELECT * FROM payment ORDER BY id',
      'SELECT * FROM kpi_done ORDER BY ticket_id',
      'SELECT day, brand, model, problem, count FROM kpi_fault_day',
      'SELECT status, CAST(sum(n) AS INTEGER) AS n FROM ticket_status_count GROUP BY status',
    ]) {
      const [a, b] = await bothEngines(sql);
      const sort = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(a.length, sql).toBeGreaterThan(0);
      expect(sort(b), sql).toEqual(sort(a));
    }
    // the tickets per status the COPY skipped the triggers of, rebuilt: a recount on both
    expect(await bothEngines(STATUS_COUNT_DRIFT)).toEqual([[], []]);
  }, 60_000);

  it('(PostgreSQL) the seeded server shop answers like the SQLite-seeded one, and audit:verify --db passes', async () => {
    const expected = await shopAnswers(await station(sqliteDir), sqliteShop.staff, NOW);
    const onPg = await station(pgDir);
    expect(onPg.services.engine).toBe('postgres');
    expect(await shopAnswers(onPg, pgShop.staff, NOW)).toEqual(expected);

    const r = await run('npm', ['run', '-s', 'audit:verify', '--', '--data', pgDir, '--db', url], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    // the seed's entries and this test's sign-ins, one chain
    const checked = Number(/Audit log intact: (\d+) entries verified/.exec(r.stdout)?.[1]);
    expect(checked).toBeGreaterThan(pgShop.verification.auditEntries);
  }, 120_000);
});
