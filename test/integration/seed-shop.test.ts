import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
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

const seedCli = (args: string[]) =>
  run('npm', ['run', '-s', 'seed', '--', ...args], {
    cwd: root,
    maxBuffer: 16 * 2 ** 20,
    env: { ...process.env, FORCE_COLOR: '0' },
  });

describe('npm run seed', () => {
  it('makes a whole shop by default, and --json prints only JSON on stdout', async () => {
    const dataDir = tempDir();
    const { stdout, stderr } = await seedCli(['--data', dataDir, '--json']);
    const out = JSON.parse(stdout) as {
      tickets: number;
      staff: Array<{ name: string; role: string; pin: string | null }>;
      parts: { parts: number; serialUnits: number };
      office: { articles: number; purchaseOrders: number };
      pickup: { pickups: number };
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

    const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
    try {
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT count(*) AS n FROM ticket')).toBe(SHOP_DEFAULTS.tickets);
      expect(n('SELECT count(*) AS n FROM stock_balance WHERE on_hand > 0')).toBeGreaterThan(100);
      expect(n("SELECT count(*) AS n FROM serial_unit WHERE state = 'in_stock'")).toBeGreaterThan(
        0,
      );
      expect(n('SELECT count(*) AS n FROM supplier WHERE active = 1')).toBeGreaterThan(3);
      // one order sent and partly received (its goods on the shelf), one draft to send
      const pos = db
        .prepare('SELECT status FROM purchase_order ORDER BY id')
        .all()
        .map((r) => (r as { status: string }).status);
      expect(pos).toEqual(['partly_received', 'draft']);
      expect(
        n("SELECT count(*) AS n FROM stock_movement WHERE kind = 'receive' AND po_id IS NOT NULL"),
      ).toBeGreaterThan(0);
      expect(n('SELECT count(*) AS n FROM kb_article')).toBe(out.office.articles);
      expect(n('SELECT count(*) AS n FROM payment')).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('prints for people on stdout without --json; parts can be left out', async () => {
    const dataDir = tempDir();
    const { stdout } = await seedCli(['--data', dataDir, '--tickets', '200', '--parts', '0']);
    expect(stdout).toContain('Demo staff (name / role / PIN):');
    expect(stdout).toContain('200 tickets');
    expect(() => JSON.parse(stdout)).toThrow();
    const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM part').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a negative size with the usage', async () => {
    await expect(seedCli(['--data', tempDir(), '--tickets', '-5'])).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: npm run seed'),
    });
  });
});
