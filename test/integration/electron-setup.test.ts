import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINE_ERRORS_EN, ENGINE_ERRORS_ZH } from '../../main/api/labels-engine';
import { DB_URL_ENV } from '../../main/db/engine';
import { wrapKey } from '../../main/domain/privacy/shop-key';
import { FakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron';
import {
  addPasswordLogin,
  pgAvailable,
  startPgCluster,
  type PgCluster,
} from '../helpers/pg-cluster';

/**
 * Setup in the app (electron/main.ts + setup-ipc.ts, run against the fake `electron` module): a
 * first start on a data folder that has chosen no database shows Setup in the window, over the
 * one `api` IPC channel; "This PC only" opens the workstation on SQLite; "Join the shop's
 * database" writes database.json without the password and the password sealed by the keychain,
 * then opens the workstation on PostgreSQL. Each start is a fresh load of the shell.
 */
const holder = vi.hoisted(() => ({ fake: null as null | { module: Record<string, unknown> } }));
// The shell is loaded once per start (vi.resetModules): the mock follows the current fake.
vi.mock('electron', () => ({
  get app() {
    return holder.fake!.module.app;
  },
  get BrowserWindow() {
    return holder.fake!.module.BrowserWindow;
  },
  get Menu() {
    return holder.fake!.module.Menu;
  },
  get dialog() {
    return holder.fake!.module.dialog;
  },
  get ipcMain() {
    return holder.fake!.module.ipcMain;
  },
  get protocol() {
    return holder.fake!.module.protocol;
  },
  get session() {
    return holder.fake!.module.session;
  },
  get safeStorage() {
    return holder.fake!.module.safeStorage;
  },
}));

type Answer = { ok: boolean; result?: Record<string, unknown>; error?: { code: string } };
const dirs: string[] = [];
const savedEnv = process.env[DB_URL_ENV];

/** A first start of the app: a fresh userData folder, the shell loaded, Electron ready. */
async function firstStart(): Promise<{ fake: FakeElectron; win: FakeBrowserWindow; data: string }> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-esetup-'));
  dirs.push(userData);
  const fake = new FakeElectron({ userData, backend: 'gnome_libsecret' });
  holder.fake = fake as unknown as { module: Record<string, unknown> };
  vi.resetModules();
  await import('../../electron/main');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000 });
  return { fake, win: fake.windows[0], data: path.join(userData, 'data') };
}

const call = (fake: FakeElectron, win: FakeBrowserWindow, method: string, input: unknown = {}) =>
  fake.invoke(win, 'api', [method, input]) as Promise<Answer>;

async function quit(fake: FakeElectron): Promise<void> {
  fake.module.app.quit();
  await vi.waitFor(() => expect(fake.quitted).toBe(true), { timeout: 30_000 });
}

/** The window's Setup screen polls `setup.state` until the workstation is open, then reloads. */
async function waitOpen(fake: FakeElectron, win: FakeBrowserWindow): Promise<void> {
  await vi.waitFor(
    async () =>
      expect((await call(fake, win, 'setup.state')).result).toMatchObject({ needed: false }),
    { timeout: 60_000, interval: 100 },
  );
}

beforeAll(() => {
  // a first start means nothing names a database: not the test run's URL either
  delete process.env[DB_URL_ENV];
});
afterAll(() => {
  if (savedEnv !== undefined) process.env[DB_URL_ENV] = savedEnv;
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('Setup in the app, first start', () => {
  it('shows Setup in the window; "This PC only" opens the workstation on SQLite', async () => {
    const { fake, win, data } = await firstStart();
    expect(win.webContents.getURL()).toBe('app://renderer/index.html');
    expect((await win.lastLoad!).status).toBe(200);
    expect(await call(fake, win, 'setup.state')).toEqual({
      ok: true,
      result: { needed: true, opening: false },
    });
    // nothing else answers before a database is chosen, and nothing is on disk yet
    expect(await call(fake, win, 'auth.staff')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(fs.existsSync(path.join(data, 'workstation.sqlite'))).toBe(false);
    // a frame that is not the renderer's own is refused here too
    expect(
      await fake.invoke(win, 'api', ['setup.local', {}], 'https://evil.example/'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(fake, win, 'setup.nothing')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    expect(await call(fake, win, 'setup.local')).toEqual({ ok: true, result: { ok: true } });
    // a second choice (another window, a reload) changes nothing
    expect((await call(fake, win, 'setup.local')).result).toEqual({
      ok: false,
      code: 'SETUP_DONE',
    });
    await waitOpen(fake, win);
    expect(fake.windows).toHaveLength(1); // the same window, no relaunch
    expect(fs.existsSync(path.join(data, 'workstation.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(data, 'database.json'))).toBe(false);
    const staff = await call(fake, win, 'auth.staff');
    expect(staff.ok).toBe(true);
    expect(await call(fake, win, 'auth.me')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    await quit(fake);
  }, 120_000);

  it('a later start does not ask again', async () => {
    const { fake, win } = await firstStart();
    // this is a new folder: choose, quit, and start the shell again on the same folder
    expect((await call(fake, win, 'setup.local')).result).toEqual({ ok: true });
    await waitOpen(fake, win);
    await quit(fake);
    const again = new FakeElectron({ userData: fake.opts.userData, backend: 'gnome_libsecret' });
    holder.fake = again as unknown as { module: Record<string, unknown> };
    vi.resetModules();
    await import('../../electron/main');
    again.ready();
    await vi.waitFor(() => expect(again.windows).toHaveLength(1), { timeout: 30_000 });
    const [w] = again.windows;
    expect(await call(again, w, 'setup.state')).toEqual({ ok: true, result: { needed: false } });
    expect((await call(again, w, 'setup.local')).error?.code).toBe('NOT_FOUND');
    // nor is there an upgrade to confirm (electron-upgrade.test.ts has one)
    expect(await call(again, w, 'upgrade.state')).toEqual({ ok: true, result: { needed: false } });
    expect(
      (await call(again, w, 'upgrade.confirm', { name: 'Admin', pin: '0000' })).error?.code,
    ).toBe('NOT_FOUND');
    expect((await call(again, w, 'auth.staff')).ok).toBe(true);
    await quit(again);
  }, 120_000);
});

describe.skipIf(!pgAvailable())('Setup in the app: joining the shop database', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
    await addPasswordLogin(cluster, { user: 'clerk', password: 'right-pass-7', database: 'shop' });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('wrong password → the translated refusal; right one → database.json, sealed password, PostgreSQL', async () => {
    const { fake, win, data } = await firstStart();
    const server = `127.0.0.1:${cluster.port}/shop`;
    const join = { host: '127.0.0.1', port: cluster.port, database: 'shop', user: 'clerk' };

    const wrong = await call(fake, win, 'setup.test', { ...join, password: 'wrong-pass' });
    expect(wrong.result).toMatchObject({
      ok: false,
      code: 'ENGINE_AUTH_FAILED',
      params: { server },
    });
    // the screen shows it through engine.errors.<code>, in both languages
    expect(ENGINE_ERRORS_EN.ENGINE_AUTH_FAILED).toMatch(/refused the user name or password/);
    expect(ENGINE_ERRORS_ZH.ENGINE_AUTH_FAILED).toMatch(/拒绝了用户名或密码/);
    expect(
      (await call(fake, win, 'setup.join', { ...join, password: 'wrong-pass' })).result,
    ).toMatchObject({
      ok: false,
      code: 'ENGINE_AUTH_FAILED',
    });
    expect(fs.existsSync(path.join(data, 'database.json'))).toBe(false);
    expect((await call(fake, win, 'setup.state')).result).toMatchObject({ needed: true });

    const ok = await call(fake, win, 'setup.test', { ...join, password: 'right-pass-7' });
    expect(ok.result).toEqual({ ok: true, server, empty: true, shopKey: false });
    const joined = await call(fake, win, 'setup.join', { ...join, password: 'right-pass-7' });
    expect(joined.result).toEqual({ ok: true, server });
    await waitOpen(fake, win);

    const config = fs.readFileSync(path.join(data, 'database.json'), 'utf8');
    expect(JSON.parse(config)).toEqual({
      engine: 'postgres',
      url: `postgres://clerk@${server}`,
      password: 'stored',
    });
    expect(config).not.toContain('right-pass-7');
    // the password is sealed by the OS keychain (the fake's safeStorage), never in plain
    const sealed = fs.readFileSync(path.join(data, 'keys', 'database-password'));
    expect(sealed.includes(Buffer.from('right-pass-7'))).toBe(false);
    expect(sealed.subarray(0, 14).toString()).toBe('fake-keychain:');
    expect(fs.statSync(path.join(data, 'keys', 'database-password')).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(data, 'workstation.sqlite'))).toBe(false);

    // the workstation is open on the shop's database: migrated there, answering in the window
    expect((await call(fake, win, 'auth.staff')).ok).toBe(true);
    const clerk = new pg.Client({ connectionString: `postgres://clerk:right-pass-7@${server}` });
    await clerk.connect();
    const { rows } = await clerk.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'ticket'`,
    );
    await clerk.end();
    expect(Number(rows[0].n)).toBe(1);
    await quit(fake);
  }, 180_000);

  it('a second station joins with the join secret: the shop key is kept sealed where the app reads it', async () => {
    // the shop (migrated by the test above) shares a passcode key under a join secret
    const shopKey = Buffer.alloc(32, 7);
    const clerk = new pg.Client({
      connectionString: `postgres://clerk:right-pass-7@127.0.0.1:${cluster.port}/shop`,
    });
    await clerk.connect();
    await clerk.query('INSERT INTO shop_key (id, wrapped, created_at) VALUES (1, $1, $2)', [
      wrapKey(shopKey, 'bench-joins-2026'),
      Date.now(),
    ]);
    await clerk.end();

    const { fake, win, data } = await firstStart();
    const join = {
      host: '127.0.0.1',
      port: cluster.port,
      database: 'shop',
      user: 'clerk',
      password: 'right-pass-7',
    };
    expect((await call(fake, win, 'setup.test', join)).result).toMatchObject({
      ok: true,
      empty: false,
      shopKey: true,
    });
    expect((await call(fake, win, 'setup.join', join)).result).toEqual({
      ok: false,
      code: 'SHOP_KEY_SECRET_NEEDED',
    });
    expect(
      (await call(fake, win, 'setup.join', { ...join, joinSecret: 'not-the-secret' })).result,
    ).toEqual({ ok: false, code: 'SHOP_KEY_SECRET_WRONG' });
    expect(fs.existsSync(path.join(data, 'database.json'))).toBe(false);
    expect(
      (await call(fake, win, 'setup.join', { ...join, joinSecret: 'bench-joins-2026' })).result,
    ).toMatchObject({ ok: true });
    await waitOpen(fake, win);
    // the app's passcode key file (beside the data folder), sealed by the keychain
    const keyFile = path.join(fake.opts.userData, 'keys', 'passcode.key.enc');
    const sealedKey = fs.readFileSync(keyFile);
    expect(sealedKey.includes(Buffer.from(shopKey.toString('base64')))).toBe(false);
    const safeStorage = fake.module.safeStorage as { decryptString(b: Buffer): string };
    expect(Buffer.from(safeStorage.decryptString(sealedKey), 'base64').equals(shopKey)).toBe(true);
    expect(fs.existsSync(path.join(data, 'keys', 'passcode.key'))).toBe(false);
    expect((await call(fake, win, 'auth.staff')).ok).toBe(true);
    await quit(fake);
  }, 180_000);
});
