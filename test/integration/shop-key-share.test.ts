import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShopKeyStateDto } from '../../main/api/contract';
import { ShopKeyError, fetchShopKey } from '../../main/domain/privacy/shop-key';
import { testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop, type TestShop } from '../helpers/workstation';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * Settings → Stations' "Passcode key for other stations" (issue 15 item 7): an admin shares
 * this station's passcode key under a join secret, on the shop's database server; a joining
 * station opens it with that secret (join-shop.test.ts). On SQLite the shop has one station and
 * the answer says so.
 */
const SECRET = 'counter-shares-2026';
const SECOND = 'a-new-secret-2027';
let shop: TestShop;
let admin: string;

const audits = () =>
  shop.sql.all<{ outcome: string; entity: string; details: string | null }>(
    `SELECT outcome, entity, details FROM audit_entry WHERE action = 'stations.shareKey' ORDER BY id`,
  );

beforeAll(async () => {
  shop = await openTestShop({ start: Date.parse('2026-11-23T10:00:00+08:00') });
  admin = await shop.as('admin');
});
afterAll(async () => {
  await shop?.close();
});

describe.runIf(testOnPostgres)('sharing the passcode key (PostgreSQL)', () => {
  it('starts not shared', async () => {
    expect(await shop.call(admin, 'stations.shopKey', {})).toEqual({
      shared: false,
      sharedAt: null,
      server: true,
    });
  });

  it('refuses a manager (admin only), to read and to share', async () => {
    const manager = await shop.as('manager');
    expect((await shop.fail(manager, 'stations.shareKey', { secret: SECRET })).code).toBe(
      'FORBIDDEN',
    );
    expect((await shop.fail(manager, 'stations.shopKey', {})).code).toBe('FORBIDDEN');
    expect(await shop.counts(['shop_key'])).toEqual({ shop_key: 0 });
  });

  it('refuses a join secret shorter than 8 characters, with its translated key', async () => {
    const err = await shop.fail(admin, 'stations.shareKey', { secret: 'short7!' });
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toMatchObject({ key: 'shopKey.errors.short', params: { min: 8 } });
    expect(await shop.counts(['shop_key'])).toEqual({ shop_key: 0 });
  });

  it('shares the key (audited without the secret), the secret opens this station’s key', async () => {
    const at = shop.clock.now;
    const res = (await shop.call(admin, 'stations.shareKey', { secret: SECRET })) as ShopKeyStateDto;
    expect(res).toEqual({ shared: true, sharedAt: at, server: true });
    expect(await shop.call(admin, 'stations.shopKey', {})).toEqual(res);

    const mine = shop.ws.services.cipher.key();
    expect((await fetchShopKey(shop.sql, SECRET)).equals(mine)).toBe(true);

    const rows = await audits();
    const ok = rows.filter((r) => r.outcome === 'success');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.entity).toBe('shop_key');
    expect(JSON.parse(ok[0]!.details!)).toMatchObject({ replaced: false });
    // Nothing of the secret or the key anywhere in the audit log, refused calls included.
    const all = JSON.stringify(
      await shop.sql.all('SELECT * FROM audit_entry WHERE action LIKE ?', 'stations.%'),
    );
    for (const s of [SECRET, 'short7!', mine.toString('base64'), mine.toString('hex')])
      expect(all).not.toContain(s);
    expect(rows.map((r) => r.outcome)).toContain('denied');
  });

  it('sharing again replaces the secret; the key stays', async () => {
    shop.clock.now += 60_000;
    const res = (await shop.call(admin, 'stations.shareKey', { secret: SECOND })) as ShopKeyStateDto;
    expect(res.sharedAt).toBe(shop.clock.now);
    expect(await shop.counts(['shop_key'])).toEqual({ shop_key: 1 });
    const refused = await fetchShopKey(shop.sql, SECRET).catch((e: unknown) => e);
    expect((refused as ShopKeyError).code).toBe('SHOP_KEY_SECRET_WRONG');
    expect((await fetchShopKey(shop.sql, SECOND)).equals(shop.ws.services.cipher.key())).toBe(
      true,
    );
    const last = (await audits()).filter((r) => r.outcome === 'success').at(-1)!;
    expect(JSON.parse(last.details!)).toMatchObject({ replaced: true });
  });
});

describe.runIf(!testOnPostgres)('sharing the passcode key (SQLite)', () => {
  it('answers plainly that sharing is for a shop database server', async () => {
    expect(await shop.call(admin, 'stations.shopKey', {})).toEqual({
      shared: false,
      sharedAt: null,
      server: false,
    });
    const err = await shop.fail(admin, 'stations.shareKey', { secret: SECRET });
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ key: 'shopKey.errors.sqlite' });
  });
});
