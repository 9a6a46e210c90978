import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seed, type SeedOptions } from '../../main/cli/seed';
import { moveShop } from '../../main/db/move/move';
import { freshPgDatabase, testOnPostgres } from './pg-test-db';
import { openTestShop, type TestShop } from './workstation';

/**
 * A test shop holding `npm run seed`'s history. The seeder writes through SQLite; under
 * TEST_DB=postgres the seeded file is then moved with db:move's own code (verified) into the
 * shop's fresh database, as a shop would move, and the shop opens on PostgreSQL.
 */
export async function openSeededShop(
  opts: Omit<SeedOptions, 'dataDir'> & { start?: number },
): Promise<TestShop> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seeded-'));
  const { start, ...seedOpts } = opts;
  await seed({ ...seedOpts, dataDir });
  let dbUrl: string | undefined;
  if (testOnPostgres) {
    dbUrl = await freshPgDatabase();
    await moveShop({ dataDir, url: dbUrl, now: opts.now });
  }
  return openTestShop({ dataDir, start, dbUrl });
}
