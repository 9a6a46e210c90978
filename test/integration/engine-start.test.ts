import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineStartError } from '../../main/db/engine-errors';
import { DB_FILE, describeTarget, resolveDatabase } from '../../main/db/engine';
import { m0001 } from '../../main/db/migrations/0001-foundation';
import { openPostgres } from '../../main/db/open-postgres';
import {
  addPasswordLogin,
  freePort,
  pgAvailable,
  startPgCluster,
  type PgCluster,
} from '../helpers/pg-cluster';

/**
 * Choosing the shop's database and the refusals at start, against a real throwaway PostgreSQL
 * cluster: each wrong setting ends in one typed, translated sentence that names the server but
 * never the password, and nothing is written into a database that is not the workstation's.
 */
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ws-engine-'));

describe('engine choice: --db, WORKSTATION_DB_URL, database.json, else SQLite', () => {
  it('takes the first that is given, in that order', () => {
    const dir = tmp();
    const env = { WORKSTATION_DB_URL: 'postgres://u:p@env-host:5433/shop' };
    fs.writeFileSync(
      path.join(dir, 'database.json'),
      JSON.stringify({ engine: 'postgres', url: 'postgres://u@file-host/shop' }),
    );
    const opt = resolveDatabase(dir, { url: 'postgres://u@opt-host/shop', env });
    expect(opt).toMatchObject({ engine: 'postgres', from: 'option' });
    expect(resolveDatabase(dir, { env })).toMatchObject({ from: 'environment' });
    expect(describeTarget(resolveDatabase(dir, { env }))).toEqual({
      engine: 'postgres',
      where: 'env-host:5433/shop',
    });
    expect(resolveDatabase(dir, { env: {} })).toMatchObject({ from: 'file' });
    fs.rmSync(path.join(dir, 'database.json'));
    expect(resolveDatabase(dir, { env: {} })).toEqual({
      engine: 'sqlite',
      file: path.join(dir, DB_FILE),
    });
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses an address that is not PostgreSQL, or an unreadable database.json, without echoing a password', () => {
    const dir = tmp();
    const bad = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(EngineStartError);
        return err as EngineStartError;
      }
      throw new Error('expected a refusal');
    };
    const e = bad(() => resolveDatabase(dir, { url: 'mysql://root:s3cret@db/shop', env: {} }));
    expect(e.code).toBe('ENGINE_URL_INVALID');
    expect(e.key).toBe('engine.errors.ENGINE_URL_INVALID');
    expect(e.message).not.toContain('s3cret');
    expect(bad(() => resolveDatabase(dir, { url: 'postgres://host-only', env: {} })).code).toBe(
      'ENGINE_URL_INVALID',
    );
    fs.writeFileSync(path.join(dir, 'database.json'), '{"engine": "postgres", url: oops}');
    const cfg = bad(() => resolveDatabase(dir, { env: {} }));
    expect(cfg.code).toBe('ENGINE_CONFIG_INVALID');
    expect(cfg.text('zh')).toContain('无法读取');
    fs.rmSync(dir, { recursive: true });
  });
});

describe.skipIf(!pgAvailable())('start errors on a real PostgreSQL server', () => {
  let cluster: PgCluster;
  let admin: pg.Client;
  const url = (user: string, db: string) => {
    const u = new URL(cluster.url(db));
    u.username = user;
    return u.toString();
  };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EngineStartError);
    return err as EngineStartError;
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    // A role that must give its password over TCP (the cluster trusts everyone else).
    await addPasswordLogin(cluster, { user: 'clerk', password: 'right-one', database: 'shop' });
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    cluster?.stop();
  });

  it('a refused password names the server, never the password', async () => {
    const u = new URL(url('clerk', 'shop'));
    u.password = 'wrong-one';
    const e = await refusal(openPostgres(u.toString()));
    expect(e.code).toBe('ENGINE_AUTH_FAILED');
    expect(e.message).toContain(`127.0.0.1:${cluster.port}/shop`);
    expect(e.message).not.toContain('wrong-one');
    expect(e.text('zh')).toContain('拒绝了用户名或密码');
  });

  it('a database that does not exist', async () => {
    const e = await refusal(openPostgres(cluster.url('no_such_shop')));
    expect(e.code).toBe('ENGINE_NO_DATABASE');
  });

  it('a server that is down (nothing listens on the port)', async () => {
    const port = await freePort();
    const e = await refusal(openPostgres(`postgres://postgres@127.0.0.1:${port}/shop`));
    expect(e.code).toBe('ENGINE_UNREACHABLE');
    expect(e.message).toContain(`127.0.0.1:${port}/shop`);
  });

  it('a server that never answers (a dropped network): refused after the connect timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    const started = Date.now();
    const e = await refusal(openPostgres(`postgres://postgres@127.0.0.1:${port}/shop`));
    expect(e.code).toBe('ENGINE_UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const s of sockets) s.destroy();
    silent.close();
  }, 30_000);

  it('a database of another program is refused and left exactly as it was', async () => {
    await admin.query('CREATE DATABASE erp');
    const erp = new pg.Client({ connectionString: cluster.url('erp') });
    await erp.connect();
    await erp.query('CREATE TABLE orders (id serial PRIMARY KEY, total numeric)');
    const e = await refusal(openPostgres(cluster.url('erp')));
    expect(e.code).toBe('ENGINE_FOREIGN_DATABASE');
    const tables = await erp.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(['orders']);
    await erp.end();
  });

  it('a database set up by a newer version of the app', async () => {
    await admin.query('CREATE DATABASE newer');
    const c = new pg.Client({ connectionString: cluster.url('newer') });
    await c.connect();
    await c.query(
      `CREATE TABLE schema_migration (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)`,
    );
    await c.query(`INSERT INTO schema_migration VALUES (9999, 'from-the-future', 'x', 0)`);
    await c.end();
    const e = await refusal(openPostgres(cluster.url('newer')));
    expect(e.code).toBe('ENGINE_NEWER_DATABASE');
  });

  it('an empty database opens: ? placeholders translated in one place, int8 back as numbers', async () => {
    const ds = await openPostgres(url('clerk', 'shop').replace('clerk@', 'clerk:right-one@'), {
      migrations: [m0001],
    });
    try {
      const [row] = (await ds.manager.query(
        `SELECT count(*) AS n, ?::bigint AS at, ? AS label, '?' AS literal FROM staff WHERE name <> ?`,
        [1_764_000_000_000, 'a?b', 'nobody'],
      )) as Array<{ n: unknown; at: unknown; label: unknown; literal: unknown }>;
      expect(row).toEqual({ n: 0, at: 1_764_000_000_000, label: 'a?b', literal: '?' });
      // inside a transaction too (the dispatcher's writes)
      await ds.transaction(async (em) => {
        const [r] = (await em.query('SELECT ?::int + ?::int AS s', [2, 3])) as Array<{ s: number }>;
        expect(r.s).toBe(5);
      });
    } finally {
      await ds.destroy();
    }
  });

  it('the harness prints the refusal as one translated sentence, no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = tmp();
    const run = (lang: string) =>
      spawnSync(
        process.execPath,
        [
          path.resolve('node_modules/tsx/dist/cli.mjs'),
          '--tsconfig',
          'tsconfig.node.json',
          'main/cli/web.ts',
          '--data',
          dir,
          '--port',
          '0',
          '--db',
          cluster.url('no_such_shop'),
        ],
        { encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: '' }, timeout: 60_000 },
      );
    const en = run('en_GB.UTF-8');
    expect(en.status).toBe(1);
    expect(en.stderr.trim()).toBe(
      `The database server 127.0.0.1:${cluster.port}/no_such_shop has no database of that name. Create it (an empty database) or correct the address.`,
    );
    const zh = run('zh_CN.UTF-8');
    expect(zh.stderr).toContain('上没有这个名称的数据库');
    expect(zh.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
