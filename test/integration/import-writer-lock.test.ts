import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../main/db/data-source';
import { partFields } from '../../main/api/schemas/inventory';
import { ImportWriter } from '../../main/domain/inventory/import-writer-thread';
import { testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop, type TestShop } from '../helpers/workstation';
import type { ImportReport } from '../../main/api/contract';
import { partsCsv } from '../../main/cli/bench-stall';

const part = (sku: string) =>
  partFields.parse({
    sku,
    name: `Part ${sku}`,
    category: 'Screens',
    bin: 'A1',
    costCents: 100,
    priceCents: 200,
    reorderPoint: 0,
    reorderQty: 0,
  });

/**
 * The parts import writes its batches on a thread of its own; the app's own connection keeps
 * writing beside it (a station's heartbeat, the print queue, the message outbox), outside the
 * dispatcher's queue that keeps other API writes away. A batch that meets such a write must wait
 * for it, not fail the import with "database is locked" (seen in CI under load).
 */
describe.skipIf(testOnPostgres)('the parts import writer beside other writers (SQLite)', () => {
  let shop: TestShop | null = null;
  let writer: ImportWriter | null = null;
  afterEach(async () => {
    await writer?.stop();
    await shop?.close();
    writer = null;
    shop = null;
  });

  it('a batch waits while another connection commits, then writes every row', async () => {
    shop = await openTestShop();
    const file = path.join(shop.dataDir, DB_FILE);
    writer = await ImportWriter.start(file);
    const other = new Database(file);
    other.pragma('busy_timeout = 5000');
    try {
      for (let round = 0; round < 20; round++) {
        // Another connection holds the write lock and commits while the batch is under way:
        // with a deferred BEGIN the thread's read snapshot goes stale and its first INSERT is
        // refused at once (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout.
        other.exec('BEGIN IMMEDIATE');
        const pending = writer
          .write({
            now: Date.now(),
            rows: Array.from({ length: 50 }, (_, i) => ({
              line: i + 2,
              fields: part(`LOCK-${round}-${i}`),
            })),
            stopAtConflict: true,
          })
          .catch((err: unknown) => err);
        await new Promise((r) => setTimeout(r, 30));
        other.prepare("UPDATE setting SET value = value WHERE key = 'shop.name'").run();
        other.exec('COMMIT');
        const r = await pending;
        expect(r).toMatchObject({ imported: 50, used: 50, conflicts: [] });
      }
    } finally {
      other.close();
    }
    expect(await shop.sql.get('SELECT count(*) AS n FROM part WHERE sku LIKE ?', 'LOCK-%')).toEqual(
      {
        n: 1000,
      },
    );
  });

  it('an import goes through while the app writes on its own connection beside it (a heartbeat)', async () => {
    shop = await openTestShop();
    const manager = await shop.as('manager');
    const station = shop.ws.services.station.id;
    // A station's heartbeat, far more often than the real one: each lands between the import's
    // batches or while the writer thread holds the lock, never inside a batch's turn.
    let beats = 0;
    const beat = setInterval(() => {
      void shop!.ws.services.dataSource
        .query('UPDATE station SET last_seen_at = ? WHERE id = ?', [Date.now(), station])
        .then(() => beats++);
    }, 1);
    const csv = partsCsv(600_000, 'BEAT');
    const rows = csv.trim().split('\n').length - 1;
    try {
      const r = (await shop.call(manager, 'parts.import', { csv, mode: 'all' })) as ImportReport;
      expect(r).toMatchObject({ rows, imported: rows, bad: 0 });
    } finally {
      clearInterval(beat);
    }
    expect(beats).toBeGreaterThan(50);
    expect(await shop.sql.get('SELECT count(*) AS n FROM part WHERE sku LIKE ?', 'BEAT-%')).toEqual(
      { n: rows },
    );
  }, 120_000);
});
