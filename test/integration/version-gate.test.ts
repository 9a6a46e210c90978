import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_VERSION,
  SCHEMA_LEVEL,
  VersionGate,
  compareVersions,
} from '../../main/domain/versions/app-version';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

const fill = (text: string, params: Record<string, unknown>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

/** Runs on both engines (TEST_DB=postgres: one PostgreSQL database shared by the reopen). */
describe('version gate: the database records which app version migrated it', () => {
  const open: TestShop[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('a new shop records this app version and its schema level', async () => {
    const shop = await openTestShop();
    open.push(shop);
    const row = await shop.sql.get<{ app_version: string; schema_level: number }>(
      "SELECT app_version, schema_level FROM app_version WHERE key = 'migrated'",
    );
    expect(row).toEqual({ app_version: APP_VERSION, schema_level: SCHEMA_LEVEL });
    expect(shop.ws.services.versions?.current.outdated).toBe(false);
    const counter = await shop.as('counter');
    await shop.call(counter, 'intake.commit', validWalkIn());
  });

  it('a station older than the app that migrated the database refuses writes, in both languages; reads and sign-in go on', async () => {
    const newer = await openTestShop({ appVersion: '9.0.0' });
    const counterNew = await newer.as('counter');
    await newer.call(counterNew, 'intake.commit', validWalkIn());
    await newer.ws.close();

    const older = await openTestShop({ dataDir: newer.dataDir, appVersion: '0.1.0' });
    open.push(older);
    expect(older.ws.services.versions?.current).toMatchObject({
      mine: '0.1.0',
      migratedBy: '9.0.0',
      outdated: true,
    });
    const counter = await older.as('counter');
    const before = await older.counts(['ticket', 'audit_entry']);
    const err = await older.fail(counter, 'intake.commit', validWalkIn({ problem: 'Screen' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.key).toBe('errors.appOutdated');
    expect(err.details?.params).toEqual({ mine: '0.1.0', shop: '9.0.0' });
    const params = err.details!.params!;
    // the renderer's i18n (not part of the backend's typecheck: imported by path, as day-close does)
    const dir = '../../renderer/src/i18n/';
    type Texts = { errors: Record<string, string> };
    const { en } = (await import(`${dir}en`)) as { en: Texts };
    const { zh } = (await import(`${dir}zh`)) as { zh: Texts };
    expect(fill(en.errors['appOutdated']!, params)).toBe(
      "This PC's app (0.1.0) is older than the shop's database (9.0.0) — update this PC.",
    );
    expect(fill(zh.errors['appOutdated']!, params)).toBe(
      '本电脑的程序（0.1.0）比店铺数据库（9.0.0）旧 — 请更新本电脑。',
    );
    // nothing written: no ticket
    expect((await older.counts(['ticket']))['ticket']).toBe(before['ticket']);
    // reading goes on
    const list = (await older.call(counter, 'tickets.list', {})) as { rows: unknown[] };
    expect(list.rows.length).toBe(1);
    // the record still names the newer app: an older station never lowers it
    const row = await older.sql.get<{ app_version: string }>(
      "SELECT app_version FROM app_version WHERE key = 'migrated'",
    );
    expect(row?.app_version).toBe('9.0.0');
  });

  it('a running station stops writing once a newer station announces its upgrade', async () => {
    const shop = await openTestShop();
    open.push(shop);
    const counter = await shop.as('counter');
    await shop.call(counter, 'intake.commit', validWalkIn());
    await VersionGate.announceUpgrade(shop.ws.services.dataSource, {
      version: '99.0.0',
      schemaLevel: SCHEMA_LEVEL + 1,
      station: 'Office PC',
      now: shop.clock.now,
    });
    // the station reads the record on its timer; here at once
    const state = await shop.ws.services.versions!.refresh();
    expect(state).toMatchObject({ upgradeTo: '99.0.0', outdated: true });
    const err = await shop.fail(counter, 'intake.commit', validWalkIn());
    expect(err.details?.key).toBe('errors.appOutdated');
    expect(err.details?.params).toEqual({ mine: APP_VERSION, shop: '99.0.0' });
  });

  it('compares versions number by number', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBe(1);
    expect(compareVersions('1.0.0', '1.0')).toBe(0);
    expect(compareVersions('0.1.0', '9.0.0')).toBe(-1);
  });
});
