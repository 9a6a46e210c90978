import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Workstation } from '../../main/app';
import { seedShop, type ShopSeedResult } from '../../main/cli/seed-shop';
import { startPgCluster, type PgCluster } from './pg-cluster';

export interface SeededSqliteShop {
  /** A throwaway PostgreSQL cluster to move the shop into. */
  readonly cluster: PgCluster;
  /** What the seeder made (its staff and their PINs). */
  readonly seeded: ShopSeedResult;
  /** The workstations a test opened: closed after the file's tests. */
  readonly open: Workstation[];
  /** A copy of the seeded shop's folder, so each move starts from the same file. */
  copyShop(): string;
}

/**
 * A SQLite shop seeded once per test file with `npm run seed`'s history, beside a throwaway
 * PostgreSQL cluster: for the tests that move a shop to a server (db:move, stations.move*).
 * Registers the file's beforeAll (cluster, seed) and afterAll (workstations, cluster, folders).
 */
export function seededSqliteShop(seed: {
  tickets: number;
  parts: number;
  now: number;
}): SeededSqliteShop {
  let cluster: PgCluster | undefined;
  let seeded: ShopSeedResult | undefined;
  let shopDir = '';
  const dirs: string[] = [];
  const open: Workstation[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-move-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    shopDir = tempDir();
    seeded = await seedShop({ dataDir: shopDir, ...seed });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((w) => w.close()));
    cluster?.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  return {
    get cluster() {
      if (!cluster) throw new Error('the cluster starts in beforeAll');
      return cluster;
    },
    get seeded() {
      if (!seeded) throw new Error('the shop is seeded in beforeAll');
      return seeded;
    },
    open,
    copyShop() {
      const dir = tempDir();
      fs.cpSync(shopDir, dir, { recursive: true });
      return dir;
    },
  };
}
