import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Workstation } from '../../main/app';
import { DATABASE_CONFIG_FILE, DB_FILE } from '../../main/db/engine';
import { moveShop } from '../../main/db/move/move';
import { openPostgres } from '../../main/db/open-postgres';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';
import { shopAnswers } from '../helpers/shop-answers';
import { folderStation } from '../helpers/folder-station';
import { seededSqliteShop } from '../helpers/seeded-sqlite-shop';

/**
 * `npm run db:move`: a seeded SQLite shop moved into an empty database on a throwaway
 * PostgreSQL cluster. The file is untouched, the move verifies itself, and the moved shop
 * answers the screens' calls exactly as the SQLite shop does.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const NOW = Date.parse('2026-11-23T18:00:00+08:00');
const DAY = 86_400_000;

const shop = seededSqliteShop({ tickets: 400, parts: 40, now: NOW - DAY });
const { copyShop, open } = shop;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const dbMove = (args: string[]) =>
  run('npm', ['run', '-s', 'db:move', '--', ...args], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

const station = (dataDir: string) => folderStation(dataDir, NOW, open);

const answers = (ws: Workstation) => shopAnswers(ws, shop.seeded.staff, NOW);

describe('db:move (PostgreSQL)', () => {
  it('(PostgreSQL) moves a seeded shop, verifies it on the target, and the moved shop answers like the SQLite one', async () => {
    const dir = copyShop();
    const file = path.join(dir, DB_FILE);
    const before = sha(file);
    const url = await freshPgDatabase(shop.cluster, 'move');

    const sqlite = await station(copyShop());
    const expected = await answers(sqlite);

    const { code, stdout, stderr } = await dbMove(['--data', dir, '--to', url]);
    expect(stderr).toContain('rows');
    expect(code).toBe(0);
    expect(stdout).toContain('Verification passed');
    expect(stdout).toMatch(/ok\s+audit head hash\s+[0-9a-f]{64}/);
    expect(stdout).not.toContain('BAD');
    expect(sha(file)).toBe(before);
    expect(JSON.parse(fs.readFileSync(path.join(dir, DATABASE_CONFIG_FILE), 'utf8'))).toEqual({
      engine: 'postgres',
      url,
    });

    // the counts the target holds are the file's, independent of the move's own check
    const src = new Database(file, { readonly: true });
    const pg = await pgClient(url);
    try {
      for (const t of [
        'ticket',
        'ticket_event',
        'customer',
        'audit_entry',
        'payment',
        'stock_movement',
      ]) {
        const n = (src.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
        expect(Number((await pg.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n), t).toBe(n);
      }
      expect(Number((await pg.query('SELECT sum(amount_cents) AS s FROM payment')).rows[0].s)).toBe(
        (src.prepare('SELECT sum(amount_cents) AS s FROM payment').get() as { s: number }).s,
      );
      expect(
        Number((await pg.query('SELECT count(*) AS n FROM payment')).rows[0].n),
      ).toBeGreaterThan(0);
      // new rows continue after the copied ids
      const maxTicket = (src.prepare('SELECT max(id) AS m FROM ticket').get() as { m: number }).m;
      const next = (await pg.query(`SELECT nextval(pg_get_serial_sequence('ticket', 'id')) AS n`))
        .rows[0].n;
      expect(Number(next)).toBeGreaterThan(maxTicket);
    } finally {
      src.close();
      await pg.end();
    }

    // the data folder now opens PostgreSQL (database.json), and answers the same
    const moved = await station(dir);
    expect(moved.services.engine).toBe('postgres');
    expect(await answers(moved)).toEqual(expected);
    expect(sha(file)).toBe(before);
  }, 240_000);

  it('(PostgreSQL) refuses a target that already holds a shop, and leaves it as it was', async () => {
    const url = await freshPgDatabase(shop.cluster, 'busy');
    const pg = await pgClient(url);
    try {
      await pg.query('CREATE TABLE customer (id SERIAL PRIMARY KEY, name TEXT)');
      await pg.query(`INSERT INTO customer (name) VALUES ('Someone else')`);
      const dir = copyShop();
      const r = await dbMove(['--data', dir, '--to', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('The target database is not empty');
      expect(fs.existsSync(path.join(dir, DATABASE_CONFIG_FILE))).toBe(false);
      const tables = await pg.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.map((t) => t.tablename)).toEqual(['customer']);
      expect((await pg.query('SELECT name FROM customer')).rows).toEqual([
        { name: 'Someone else' },
      ]);

      // a shop's own (migrated, used) database is refused too
      const used = await freshPgDatabase(shop.cluster, 'used');
      const first = copyShop();
      await moveShop({ dataDir: first, url: used });
      const second = copyShop();
      await expect(moveShop({ dataDir: second, url: used })).rejects.toThrow(/already has rows/);
      expect(fs.existsSync(path.join(second, DATABASE_CONFIG_FILE))).toBe(false);
    } finally {
      await pg.end();
    }
  }, 240_000);

  it('(PostgreSQL) accepts a target a station opened but never used (its zone spans are replaced)', async () => {
    const url = await freshPgDatabase(shop.cluster, 'opened');
    await (await openPostgres(url)).destroy();
    const dir = copyShop();
    await moveShop({ dataDir: dir, url });
    const db = new Database(path.join(dir, DB_FILE), { readonly: true });
    const spans = db.prepare('SELECT count(*) AS n FROM shop_zone_offset').get() as { n: number };
    db.close();
    const pg = await pgClient(url);
    try {
      const { rows } = await pg.query('SELECT count(*)::int AS n FROM shop_zone_offset');
      expect(rows[0].n).toBe(spans.n);
    } finally {
      await pg.end();
    }
  }, 240_000);

  it('(PostgreSQL) a mismatch (an audit entry edited in the file) exits non-zero, keeps nothing, and writes no database.json', async () => {
    const dir = copyShop();
    const db = new Database(path.join(dir, DB_FILE));
    db.exec('DROP TRIGGER audit_entry_no_update');
    db.prepare(`UPDATE audit_entry SET details = '{"edited":true}' WHERE id = 3`).run();
    db.close();
    const url = await freshPgDatabase(shop.cluster, 'bad');
    const r = await dbMove(['--data', dir, '--to', url]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Verification FAILED');
    expect(r.stderr).toContain('audit chain does not verify in the shop file');
    expect(fs.existsSync(path.join(dir, DATABASE_CONFIG_FILE))).toBe(false);
    const pg = await pgClient(url);
    try {
      expect(Number((await pg.query('SELECT count(*) AS n FROM ticket')).rows[0].n)).toBe(0);
      expect(Number((await pg.query('SELECT count(*) AS n FROM audit_entry')).rows[0].n)).toBe(0);
    } finally {
      await pg.end();
    }
  }, 240_000);

  it('(PostgreSQL) as the database owner (no superuser): triggers disabled for the copy only, foreign keys kept', async () => {
    const admin = await pgClient(shop.cluster.url());
    try {
      await admin.query(`CREATE ROLE shop_owner LOGIN PASSWORD 'owner-pw'`);
      await admin.query('CREATE DATABASE shop_owned OWNER shop_owner');
    } finally {
      await admin.end();
    }
    const url = shop.cluster.url('shop_owned').replace('postgres@', 'shop_owner:owner-pw@');
    const dir = copyShop();
    const r = await moveShop({ dataDir: dir, url });
    expect(r.triggers).toBe('disabled');
    expect(r.verification.ok).toBe(true);
    const pg = await pgClient(url);
    try {
      // every trigger of the app is on again after the copy
      const off = await pg.query(
        `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`,
      );
      expect(off.rows).toEqual([]);
      expect(Number((await pg.query('SELECT count(*) AS n FROM ticket')).rows[0].n)).toBe(400);
    } finally {
      await pg.end();
    }
  }, 240_000);
});
