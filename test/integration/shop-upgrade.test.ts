import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkstation } from '../../main/app';
import { migrations } from '../../main/db/migrations';
import type { Migration } from '../../main/db/migrations/types';
import { sqlOf } from '../../main/db/sql';
import { verifyAuditChain } from '../../main/domain/audit/audit-log';
import { APP_VERSION, SCHEMA_LEVEL } from '../../main/domain/versions/app-version';
import {
  upgradeShopDatabase,
  UpgradeFailed,
  type UpgradeStep,
} from '../../main/domain/versions/shop-upgrade';
import { ShopUpgradeNeeded, type UpgradePlan } from '../../main/domain/versions/upgrade-plan';
import { listPgBackups, verifyPgBackup } from '../../main/safety/pg-backup';
import { pgScalarSync, testOnPostgres } from '../helpers/pg-test-db';
import { PINS, openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const NEWER = '99.0.0';
/** "A newer build": this build's migrations plus one (test-only; the app never passes a list). */
const probe = (extra: string[] = []): Migration[] => [
  ...migrations,
  {
    id: 9001,
    name: 'upgrade-probe',
    sql: ['CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY)', ...extra],
  },
];

/**
 * A station on a newer build meets a shop's PostgreSQL database that another (older) station
 * uses: it migrates nothing at start; an admin's confirmation announces the upgrade (the older
 * station stops writing), backs the database up, migrates, records the version and audits it.
 */
describe.runIf(testOnPostgres)("upgrading the shop's shared database", () => {
  let older: TestShop;
  let url: string;
  let newerDir: string;
  const scalar = (sql: string) => pgScalarSync(url, sql);
  const probeExists = () => scalar("SELECT to_regclass('upgrade_probe') IS NOT NULL") === 'true';
  const upgradeRow = () => scalar("SELECT app_version FROM app_version WHERE key = 'upgrade'");
  const backups = () => listPgBackups(path.join(newerDir, 'backups'));

  const openNewer = (list: Migration[]) =>
    createWorkstation({
      dataDir: newerDir,
      dbUrl: url,
      appVersion: NEWER,
      migrations: list,
      logger: { error: () => undefined },
    });
  const planOf = async (list: Migration[]): Promise<UpgradePlan> => {
    const err = await openNewer(list).then(
      async (ws) => {
        await ws.close();
        throw new Error('the newer station opened without a confirmation');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ShopUpgradeNeeded);
    return (err as ShopUpgradeNeeded).plan;
  };
  const confirm = (
    plan: UpgradePlan,
    list: Migration[],
    admin: { name: string; pin: string },
    onStep?: (s: UpgradeStep) => void,
  ) =>
    upgradeShopDatabase({
      url,
      dataDir: newerDir,
      plan,
      migrations: list,
      admin,
      origin: 'test:upgrade',
      station: 'Office',
      now: Date.now,
      settleMs: 300,
      onStep,
    });

  beforeAll(async () => {
    older = await openTestShop({ start: Date.now() });
    url = older.dbUrl!;
    await older.call(await older.as('admin'), 'stations.rename', { name: 'Counter' });
    await older.as('manager');
    newerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-newer-'));
  });

  afterAll(async () => {
    await older?.close();
    fs.rmSync(newerDir, { recursive: true, force: true });
  });

  it('does not migrate at start: a typed, translated outcome names the versions and the other station', async () => {
    const before = scalar('SELECT max(id) FROM schema_migration');
    const plan = await planOf(probe());
    expect(plan).toMatchObject({ shopVersion: APP_VERSION, mine: NEWER, pending: [9001] });
    expect(plan.stations.map((s) => [s.name, s.appVersion])).toEqual([['Counter', APP_VERSION]]);
    const err = new ShopUpgradeNeeded(plan);
    expect(err.code).toBe('ENGINE_UPGRADE_NEEDED');
    expect(err.text('en')).toContain(`is at version ${APP_VERSION} (recorded in app_version)`);
    expect(err.text('en')).toContain(`this PC is ${NEWER}`);
    expect(err.text('en')).toContain('Stations Counter use it: an admin must confirm');
    expect(err.text('zh')).toContain('工作站 Counter 正在使用它');
    // nothing changed
    expect(probeExists()).toBe(false);
    expect(scalar('SELECT max(id) FROM schema_migration')).toBe(before);
    expect(upgradeRow()).toBe('');
    expect(older.ws.services.versions!.current.outdated).toBe(false);
  });

  it('a wrong admin PIN or a manager is refused, in words, and nothing changes', async () => {
    const plan = await planOf(probe());
    const wrong = await confirm(plan, probe(), { name: 'Admin', pin: '9753' }).catch((e) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', details: { key: 'errors.badPin' } });
    const manager = await confirm(plan, probe(), {
      name: 'Test manager',
      pin: PINS.manager,
    }).catch((e) => e);
    expect(manager).toMatchObject({
      code: 'FORBIDDEN',
      details: { key: 'errors.upgradeAdminOnly' },
    });
    expect(probeExists()).toBe(false);
    expect(upgradeRow()).toBe('');
    expect(backups()).toEqual([]);
    // the older station still writes
    await older.call(await older.as('counter'), 'intake.commit', validWalkIn());
  });

  it('a migration that fails leaves the schema as it was and takes the announcement back', async () => {
    const broken = probe(['SELECT no_such_function()']);
    const plan = await planOf(broken);
    const err = await confirm(plan, broken, { name: 'Admin', pin: PINS.admin }).catch((e) => e);
    expect(err).toBeInstanceOf(UpgradeFailed);
    expect((err as UpgradeFailed).step).toBe('migrate');
    // PostgreSQL's DDL is transactional: the first statement's table is gone with the rest
    expect(probeExists()).toBe(false);
    expect(scalar('SELECT count(*) FROM schema_migration WHERE id = 9001')).toBe('0');
    expect(upgradeRow()).toBe('');
    expect((await older.ws.services.versions!.refresh()).outdated).toBe(false);
    await older.call(await older.as('counter'), 'intake.commit', validWalkIn());
    for (const m of backups()) fs.rmSync(path.join(newerDir, 'backups', m.file));
  });

  it('a backup that cannot be made stops the upgrade before migrating; the other station writes again', async () => {
    const admin = await older.as('admin');
    const blocker = path.join(newerDir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the backup folder should be');
    await older.call(admin, 'settings.update', {
      key: 'backup.folder',
      value: path.join(blocker, 'backups'),
    });
    try {
      const plan = await planOf(probe());
      const err = await confirm(plan, probe(), { name: 'Admin', pin: PINS.admin }).catch((e) => e);
      expect(err).toBeInstanceOf(UpgradeFailed);
      expect((err as UpgradeFailed).step).toBe('backup');
      expect(probeExists()).toBe(false);
      expect(upgradeRow()).toBe('');
      expect((await older.ws.services.versions!.refresh()).outdated).toBe(false);
      await older.call(await older.as('counter'), 'intake.commit', validWalkIn());
    } finally {
      await older.call(admin, 'settings.update', { key: 'backup.folder', value: '' });
      fs.rmSync(blocker);
    }
  });

  it('an admin confirms: announced before the backup, backed up, migrated, recorded, audited; the older station asks to be updated', async () => {
    const plan = await planOf(probe());
    const seen: Array<{ step: UpgradeStep; upgrade: string; backups: number }> = [];
    const result = await confirm(plan, probe(), { name: 'Admin', pin: PINS.admin }, (step) =>
      seen.push({ step, upgrade: upgradeRow(), backups: backups().length }),
    );
    expect(seen.map((s) => s.step)).toEqual([
      'admin',
      'announced',
      'stopped',
      'backup',
      'migrated',
      'done',
    ]);
    // committed before the backup was begun
    expect(seen[1]).toEqual({ step: 'announced', upgrade: NEWER, backups: 0 });
    expect(seen[3]!.backups).toBe(1);

    const [manifest] = backups();
    expect(manifest!.file).toBe(result.backup);
    expect(manifest!.reason).toBe('pre-migration');
    expect(manifest!.migrations).not.toContain(9001);
    expect(verifyPgBackup(path.join(newerDir, 'backups'), manifest!)).toEqual({
      ok: true,
      problem: null,
    });

    expect(result).toMatchObject({ from: APP_VERSION, to: NEWER, applied: [9001] });
    expect(probeExists()).toBe(true);
    expect(
      scalar("SELECT app_version || ' ' || schema_level FROM app_version WHERE key = 'migrated'"),
    ).toBe(`${NEWER} 9001`);
    const sql = sqlOf(older.ws.services.dataSource.manager);
    const audit = await sql.get<{ staff_name: string; details: string }>(
      "SELECT staff_name, details FROM audit_entry WHERE action = 'shop.upgrade'",
    );
    expect(audit?.staff_name).toBe('Admin');
    expect(JSON.parse(audit!.details)).toEqual({
      from: APP_VERSION,
      to: NEWER,
      migrations: [9001],
      backup: result.backup,
      stations: ['Counter'],
    });
    expect(await verifyAuditChain(older.ws.services.dataSource.manager)).toBeNull();

    // the older station (its gate reads on a timer; here at once) refuses writes
    expect(await older.ws.services.versions!.refresh()).toMatchObject({
      mine: APP_VERSION,
      migratedBy: NEWER,
      outdated: true,
    });
    const refused = await older.fail(
      await older.as('counter'),
      'intake.commit',
      validWalkIn({ problem: 'Screen' }),
    );
    expect(refused.details?.key).toBe('errors.appOutdated');
    expect(refused.details?.params).toEqual({ mine: APP_VERSION, shop: NEWER });

    // the newer station now opens as usual, not outdated, and its admin signs in
    const ws = await openNewer(probe());
    try {
      expect(ws.services.versions!.current).toMatchObject({ mine: NEWER, outdated: false });
      await ws.call('auth.login', { name: 'Admin', pin: PINS.admin }, { token: null, origin: 't' });
    } finally {
      await ws.close();
    }
    // the schema level this build recorded is above the real list's
    expect(SCHEMA_LEVEL).toBeLessThan(9001);
  });
});
