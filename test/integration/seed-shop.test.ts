import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pgClientConfig } from '../../main/db/open-postgres';
import { freshPgDatabase, testOnPostgres } from '../helpers/pg-test-db';
import { SHOP_DEFAULTS } from '../../main/cli/seed-shop';
import { DB_FILE } from '../../main/db/data-source';

/**
 * `npm run seed` as the README gives it: with no sizes it makes a whole shop (every screen has
 * something to show), and under --json its stdout is exactly one JSON object.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-shop-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The seeded shop's database, read-only use: the folder's SQLite file, or (TEST_DB=postgres)
 * the database `--db` seeded. */
async function openShopDb(dataDir: string, url: string | undefined) {
  if (!url) {
    const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
    return {
      all: async (sql: string) => db.prepare(sql).all() as Array<Record<string, unknown>>,
      close: async () => db.close(),
    };
  }
  const client = new pg.Client(pgClientConfig(url));
  await client.connect();
  return {
    all: async (sql: string) => (await client.query(sql)).rows as Array<Record<string, unknown>>,
    close: () => client.end(),
  };
}

/** `--db URL` on PostgreSQL: a new empty database per seeded shop. */
const dbArgs = async (): Promise<{ url?: string; args: string[] }> => {
  if (!testOnPostgres) return { args: [] };
  const url = await freshPgDatabase();
  return { url, args: ['--db', url] };
};

const seedCli = (args: string[]) =>
  run('npm', ['run', '-s', 'seed', '--', ...args], {
    cwd: root,
    maxBuffer: 16 * 2 ** 20,
    env: { ...process.env, FORCE_COLOR: '0' },
  });

describe('npm run seed', () => {
  it('makes a whole shop by default, and --json prints only JSON on stdout', async () => {
    const dataDir = tempDir();
    const target = await dbArgs();
    const { stdout, stderr } = await seedCli(['--data', dataDir, '--json', ...target.args]);
    const out = JSON.parse(stdout) as {
      tickets: number;
      staff: Array<{ name: string; role: string; pin: string | null }>;
      parts: { parts: number; serialUnits: number };
      office: { articles: number; purchaseOrders: number };
      pickup: { pickups: number };
      engine: string;
      via?: string;
      verification?: { ok: boolean };
    };
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Demo staff');
    expect(out.tickets).toBe(SHOP_DEFAULTS.tickets);
    expect(out.parts.parts).toBe(SHOP_DEFAULTS.parts);
    expect(out.office.articles).toBeGreaterThanOrEqual(8);
    expect(out.staff.map((s) => s.role).sort()).toEqual([
      'admin',
      'counter',
      'inspector',
      'manager',
      'technician',
    ]);

    expect(out.engine).toBe(testOnPostgres ? 'postgres' : 'sqlite');
    const db = await openShopDb(dataDir, target.url);
    try {
      const n = async (sql: string) => Number((await db.all(sql))[0].n);
      expect(await n('SELECT count(*) AS n FROM ticket')).toBe(SHOP_DEFAULTS.tickets);
      expect(await n('SELECT count(*) AS n FROM stock_balance WHERE on_hand > 0')).toBeGreaterThan(
        100,
      );
      expect(
        await n("SELECT count(*) AS n FROM serial_unit WHERE state = 'in_stock'"),
      ).toBeGreaterThan(0);
      expect(await n('SELECT count(*) AS n FROM supplier WHERE active = 1')).toBeGreaterThan(3);
      // one order sent and partly received (its goods on the shelf), one draft to send
      const pos = (await db.all('SELECT status FROM purchase_order ORDER BY id')).map(
        (r) => (r as { status: string }).status,
      );
      expect(pos).toEqual(['partly_received', 'draft']);
      expect(
        await n(
          "SELECT count(*) AS n FROM stock_movement WHERE kind = 'receive' AND po_id IS NOT NULL",
        ),
      ).toBeGreaterThan(0);
      expect(await n('SELECT count(*) AS n FROM kb_article')).toBe(out.office.articles);
      expect(await n('SELECT count(*) AS n FROM payment')).toBeGreaterThan(0);
      if (target.url) {
        // streamed by COPY (the test cluster's user is a superuser), its verification passed
        // (rows and money per table, stock, audit chain), and the next ticket, customer and
        // audit entry get ids past the seeded ones.
        expect(out.via).toBe('copy');
        expect(out.verification?.ok).toBe(true);
        for (const table of ['ticket', 'customer', 'audit_entry', 'ticket_event']) {
          const [row] = await db.all(
            `SELECT (SELECT last_value FROM ${table}_id_seq) AS seq, (SELECT max(id) FROM ${table}) AS max`,
          );
          expect({ table, ok: Number(row.seq) >= Number(row.max) }).toEqual({ table, ok: true });
        }
        expect(fs.existsSync(path.join(dataDir, 'database.json'))).toBe(true);
      }
    } finally {
      await db.close();
    }
  });

  it('prints for people on stdout without --json; parts can be left out', async () => {
    const dataDir = tempDir();
    const target = await dbArgs();
    const { stdout } = await seedCli([
      '--data',
      dataDir,
      '--tickets',
      '200',
      '--parts',
      '0',
      ...target.args,
    ]);
    expect(stdout).toContain('Demo staff (name / role / PIN):');
    expect(stdout).toContain('200 tickets');
    expect(() => JSON.parse(stdout)).toThrow();
    const db = await openShopDb(dataDir, target.url);
    try {
      expect(Number((await db.all('SELECT count(*) AS n FROM part'))[0].n)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('refuses a negative size with the usage', async () => {
    await expect(seedCli(['--data', tempDir(), '--tickets', '-5'])).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: npm run seed'),
    });
  });
});
