import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_CONFIG_FILE, DB_FILE } from '../db/engine';
import { moveShop, writeDatabaseConfig, type MoveProgress } from '../db/move/move';
import type { MoveVerification } from '../db/move/verify';
import { seedShop, type ShopSeedOptions, type ShopSeedResult } from './seed-shop';

export interface PgSeedResult extends ShopSeedResult {
  /** The copy into PostgreSQL: rows, time and db:move's verification (counts, money, stock,
   * audit chain on both sides). */
  move: { rows: number; ms: number; verification: MoveVerification };
}

/**
 * `npm run seed -- --db URL`: the same demo shop, on PostgreSQL. The seeders write through the
 * SQLite handle (fast, synchronous, deterministic), so the shop is seeded into a scratch
 * folder and then moved with db:move's own code: dependency order, triggers silenced while the
 * history is copied (the day aggregates and the search twin come along as they are), sequences
 * past the copied ids, and the whole copy verified before it commits. The station's own files
 * (issued numbers, signatures) land in `dataDir`, whose database.json then names the server.
 */
export async function seedShopOnPostgres(
  opts: ShopSeedOptions & { url: string; onMove?: (p: MoveProgress) => void },
): Promise<PgSeedResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-pg-'));
  try {
    const shop = await seedShop({ ...opts, dataDir: scratch });
    const moved = await moveShop({
      dataDir: scratch,
      url: opts.url,
      now: opts.now,
      onProgress: opts.onMove,
    });
    fs.mkdirSync(opts.dataDir, { recursive: true });
    for (const f of fs.readdirSync(scratch)) {
      if (f.startsWith(DB_FILE) || f === DATABASE_CONFIG_FILE) continue;
      fs.cpSync(path.join(scratch, f), path.join(opts.dataDir, f), { recursive: true });
    }
    writeDatabaseConfig(opts.dataDir, opts.url);
    return {
      ...shop,
      move: { rows: moved.rows, ms: moved.ms, verification: moved.verification },
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
