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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-stock-pages-'));
let shop: TestShop | undefined;
afterAll(async () => {
  await shop?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stock check over a catalogue of several pages', () => {
  it('checks every part once and names each broken balance, on any page', async () => {
    await seed({ dataDir: dir, tickets: 5, seed: 7 });
    // Balances are read 1,000 parts a page: 2,345 parts end part-way through a third page.
    await seedParts({ dataDir: dir, parts: 2345, movements: 6000, seed: 7 });
    // PostgreSQL: the seeders write the folder's SQLite file; the shop moves as `npm run seed
    // -- --db URL` moves it (db:move's copy and verification).
    const dbUrl = testOnPostgres ? await freshPgDatabase() : undefined;
    if (dbUrl) await moveShop({ dataDir: dir, url: dbUrl });
    shop = await openTestShop({ dataDir: dir, dbUrl });
    const admin = await shop.as('admin');
    const clean = (await shop.call(admin, 'stock.check', {})) as StockCheck;
    expect(clean).toEqual({ ok: true, checkedParts: 2345, mismatches: [] });

    // Break the cache of the last part of page one, the first of page two and the very last
    // part, as a crash between the movement and its balance would.
    const ids = (
      await shop.sql.all<{ part_id: number }>('SELECT part_id FROM stock_balance ORDER BY part_id')
    ).map((r) => r.part_id);
    const broken = [ids[999], ids[1000], ids[ids.length - 1]];
    const before = new Map<number, { on_hand: number; reserved: number }>();
    for (const id of broken) {
      before.set(
        id,
        (await shop.sql.get<{ on_hand: number; reserved: number }>(
          'SELECT on_hand, reserved FROM stock_balance WHERE part_id = ?',
          id,
        ))!,
      );
    }
    await shop.sql.run(
      'UPDATE stock_balance SET on_hand = on_hand + 3 WHERE part_id IN (?, ?)',
      broken[0],
      broken[2],
    );
    await shop.sql.run(
      'UPDATE stock_balance SET reserved = reserved + 1 WHERE part_id = ?',
      broken[1],
    );

    const check = (await shop.call(admin, 'stock.check', {})) as StockCheck;
    expect(check.ok).toBe(false);
    expect(check.checkedParts).toBe(2345);
    const plain = check.mismatches.filter((m) => m.field === 'onHand' || m.field === 'reserved');
    expect(plain).toEqual([
      {
        partId: broken[0],
        field: 'onHand',
        cached: before.get(broken[0])!.on_hand + 3,
        actual: before.get(broken[0])!.on_hand,
      },
      {
        partId: broken[1],
        field: 'reserved',
        cached: before.get(broken[1])!.reserved + 1,
        actual: before.get(broken[1])!.reserved,
      },
      {
        partId: broken[2],
        field: 'onHand',
        cached: before.get(broken[2])!.on_hand + 3,
        actual: before.get(broken[2])!.on_hand,
      },
    ]);
    // One part alone is checked on its own.
    const one = (await shop.call(admin, 'stock.check', { partId: broken[1] })) as StockCheck;
    expect(one.checkedParts).toBe(1);
    expect(one.mismatches.map((m) => [m.partId, m.field])).toContainEqual([broken[1], 'reserved']);
  });
});
