import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StockCheck } from '../../main/api/contract';
import { seed } from '../../main/cli/seed';
import { seedParts } from '../../main/cli/seed-parts';
import { moveShop } from '../../main/db/move/move';
import { freshPgDatabase, testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop, type TestShop } from '../helpers/workstation';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-parts-'));
let shop: TestShop | undefined;
afterAll(async () => {
  await shop?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('seeding spare parts', () => {
  it('writes parts with a movement history whose cached balances check out', async () => {
    await seed({ dataDir: dir, tickets: 10, seed: 3 });
    const r = await seedParts({ dataDir: dir, parts: 300, movements: 9000, seed: 3 });
    expect(r.parts).toBe(300);
    expect(r.movements).toBeGreaterThan(6000);
    // PostgreSQL: the seeders write the folder's SQLite file; the shop moves as `npm run seed
    // -- --db URL` moves it (db:move's copy and verification).
    const dbUrl = testOnPostgres ? await freshPgDatabase() : undefined;
    if (dbUrl) await moveShop({ dataDir: dir, url: dbUrl });
    shop = await openTestShop({ dataDir: dir, dbUrl });
    const admin = await shop.as('admin');
    const check = (await shop.call(admin, 'stock.check', {})) as StockCheck;
    expect(check).toMatchObject({ ok: true, checkedParts: 300 });
    const hit = (await shop.call(admin, 'parts.byBarcode', { code: '6900000000007' })) as {
      sku: string;
      onHand: number;
    };
    expect(hit.sku).toBe('P-000007');
    const zh = (await shop.call(admin, 'parts.list', { q: '电池' })) as { total: number };
    expect(zh.total).toBeGreaterThan(0);
  });
});
