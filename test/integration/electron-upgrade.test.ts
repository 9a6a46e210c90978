import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkstation, type Workstation } from '../../main/app';
import { migrations } from '../../main/db/migrations';
import { bootstrapAdmin, inProcessCaller } from '../../main/domain/staff/bootstrap';
import { APP_VERSION } from '../../main/domain/versions/app-version';
import { listPgBackups } from '../../main/safety/pg-backup';
import { UpgradeDesk } from '../../main/setup/upgrade-answer';
import { FakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { PINS } from '../helpers/pins';

/**
 * "Upgrade the shop's database" in the app (electron/main.ts + upgrade-ipc.ts, run against the
 * fake `electron` module): the shop's PostgreSQL database was migrated by an older app (one
 * migration fewer) and another station uses it, so this build's start stops with
 * ENGINE_UPGRADE_NEEDED. Instead of an error box, the window shows the upgrade screen over the
 * one `api` IPC channel (`upgrade.state` / `upgrade.confirm`, the harness's answers): a wrong
 * admin PIN is refused with a translated key and changes nothing; the right one announces,
 * backs up, migrates, records and audits, and the workstation opens in the same window.
 */
const holder = vi.hoisted(() => ({ fake: null as null | { module: Record<string, unknown> } }));
vi.mock('electron', () => holder.fake!.module);

const OLDER = '0.0.1';
const older = migrations.slice(0, -1);
const newest = Math.max(...migrations.map((m) => m.id));

type Answer = {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; details?: { key?: string } };
};

describe.skipIf(!pgAvailable())("upgrading the shop's database in the app", () => {
  let cluster: PgCluster;
  let url: string;
  let counter: Workstation;
  let db: pg.Client;
  let fake: FakeElectron;
  let win: FakeBrowserWindow;
  const dirs: string[] = [];
  const tmp = (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const scalar = async (sql: string) => (await db.query(sql)).rows[0]?.v as unknown;
  const call = (method: string, input: unknown = {}, frame?: string) =>
    fake.invoke(win, 'api', [method, input], ...(frame ? [frame] : [])) as Promise<Answer>;
  const upgradeRow = () => scalar("SELECT app_version AS v FROM app_version WHERE key = 'upgrade'");
  const applied = () => scalar('SELECT max(id) AS v FROM schema_migration');

  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await freshPgDatabase(cluster, 'eupgrade');
    // the counter station: an older app, which migrated the shop's database one step less
    counter = await createWorkstation({
      dataDir: tmp('ws-eupgrade-counter-'),
      dbUrl: url,
      appVersion: OLDER,
      migrations: older,
      logger: { error: () => undefined },
    });
    const caller = inProcessCaller(counter, 'test:counter');
    const admin = await bootstrapAdmin(caller, PINS.admin);
    await caller('stations.rename', { name: 'Counter' }, admin);
    db = new pg.Client({ connectionString: url });
    await db.connect();

    // this PC: the newer app, started on the same database
    const userData = tmp('ws-eupgrade-app-');
    fake = new FakeElectron({ userData, backend: 'gnome_libsecret', switches: { db: url } });
    holder.fake = fake as unknown as { module: Record<string, unknown> };
    await import('../../electron/main');
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 60_000 });
    win = fake.windows[0]!;
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await counter?.close();
    cluster?.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the window asks for the upgrade; nothing else answers, nothing was migrated', async () => {
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.exitCode).toBeNull();
    expect(await call('setup.state')).toEqual({ ok: true, result: { needed: false } });
    const state = await call('upgrade.state');
    expect(state.result).toMatchObject({
      needed: true,
      plan: { shopVersion: OLDER, mine: APP_VERSION },
      progress: { steps: [], running: false },
    });
    const stations = (state.result!.plan as { stations: Array<Record<string, unknown>> }).stations;
    // (a station's row carries its package version; the older app is played through app_version)
    expect(stations.map((s) => [s.name, s.appVersion])).toEqual([['Counter', APP_VERSION]]);
    expect(typeof stations[0]!.lastSeenAt).toBe('number');
    // no workstation yet: no API; a frame that is not the renderer's own is refused as always
    expect((await call('auth.staff')).error?.code).toBe('FORBIDDEN');
    const evil = await call(
      'upgrade.confirm',
      { name: 'Admin', pin: PINS.admin },
      'https://x.example/',
    );
    expect(evil.error?.code).toBe('FORBIDDEN');
    expect(await applied()).toBe(older.at(-1)!.id);
    expect(await upgradeRow()).toBeUndefined();
  });

  it('a wrong admin PIN is refused with a translated key, and nothing changes', async () => {
    const wrong = await call('upgrade.confirm', { name: 'Admin', pin: '9753' });
    expect(wrong.ok).toBe(true);
    expect(wrong.result).toMatchObject({ ok: false, key: 'errors.badPin' });
    // the screen shows it through the renderer's i18n, in both languages
    const dir = '../../renderer/src/i18n/';
    type Texts = { errors: Record<string, string> };
    const { en } = (await import(`${dir}en`)) as { en: Texts };
    const { zh } = (await import(`${dir}zh`)) as { zh: Texts };
    expect(en.errors['badPin']).toBe('Wrong PIN.');
    expect(zh.errors['badPin']).toBe('PIN 码错误。');
    // an empty form is refused the same way, before any PIN is checked
    expect((await call('upgrade.confirm', {})).result).toEqual({
      ok: false,
      key: 'errors.badPin',
      params: { attemptsLeft: '' },
    });

    expect(await applied()).toBe(older.at(-1)!.id);
    expect(await upgradeRow()).toBeUndefined();
    expect(listPgBackups(path.join(fake.opts.userData, 'data', 'backups'))).toEqual([]);
    expect((await call('upgrade.state')).result).toMatchObject({
      progress: { steps: [], running: false },
    });
    // the wrong PIN was counted for this window's station, as at sign-in
    expect(await scalar("SELECT failed AS v FROM pin_guard WHERE origin = 'ipc:window-1'")).toBe(1);
  });

  it('the right PIN upgrades the database, and the workstation opens in the same window', async () => {
    // The desk the window asks: its own record of the steps, which the screen's polls may
    // outrun (the last steps and the opening can fall between two polls on a quick machine).
    const asked = vi.spyOn(UpgradeDesk.prototype, 'state');
    expect(await call('upgrade.confirm', { name: 'Admin', pin: PINS.admin })).toEqual({
      ok: true,
      result: { ok: true },
    });
    // the screen polls the steps; once the workstation is open, none is needed any more
    const seen = new Set<string>();
    await vi.waitFor(
      async () => {
        const s = (await call('upgrade.state')).result as {
          needed: boolean;
          progress?: { steps: string[] };
        };
        for (const step of s.progress?.steps ?? []) seen.add(step);
        expect(s.needed).toBe(false);
      },
      { timeout: 120_000, interval: 200 },
    );
    const desk = asked.mock.contexts.at(-1) as UpgradeDesk;
    asked.mockRestore();
    const steps = ['admin', 'announced', 'stopped', 'backup', 'migrated', 'done'];
    expect(desk.state().progress.steps).toEqual(steps);
    // what the screen saw came in that order
    expect([...seen]).toEqual(steps.slice(0, seen.size));
    expect(seen.has('admin')).toBe(true);
    expect(fake.windows).toHaveLength(1);

    expect(await applied()).toBe(newest);
    expect(await scalar("SELECT app_version AS v FROM app_version WHERE key = 'migrated'")).toBe(
      APP_VERSION,
    );
    const [backup] = listPgBackups(path.join(fake.opts.userData, 'data', 'backups'));
    expect(backup?.reason).toBe('pre-migration');
    const audit = (
      await db.query<{ staff_name: string; origin: string; details: string }>(
        "SELECT staff_name, origin, details FROM audit_entry WHERE action = 'shop.upgrade'",
      )
    ).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ staff_name: 'Admin', origin: 'ipc:window-1' });
    expect(JSON.parse(audit[0]!.details)).toEqual({
      from: OLDER,
      to: APP_VERSION,
      migrations: [newest],
      backup: backup!.file,
      stations: ['Counter'],
    });

    // the app is open: the API answers in the window, the admin signs in; no more upgrade
    expect((await call('auth.staff')).ok).toBe(true);
    expect((await call('auth.login', { name: 'Admin', pin: PINS.admin })).ok).toBe(true);
    expect((await call('upgrade.confirm', { name: 'Admin', pin: PINS.admin })).error?.code).toBe(
      'NOT_FOUND',
    );
    // the older station, once it reads the record, stops writing
    expect((await counter.services.versions!.refresh()).outdated).toBe(true);

    fake.module.app.quit();
    await vi.waitFor(() => expect(fake.quitted).toBe(true), { timeout: 60_000 });
  }, 180_000);
});
