import { afterAll, beforeAll } from 'vitest';
import { DB_URL_ENV } from '../../main/db/engine';
import { dropPgDatabase, freshPgDatabase, testOnPostgres } from './pg-test-db';

/**
 * Backend setup file. `TEST_DB=postgres`: each test file gets its own fresh database, named by
 * WORKSTATION_DB_URL, so a test's own `createWorkstation({ dataDir })` (and a harness process
 * it spawns) opens PostgreSQL exactly as a station configured by that variable would.
 * `openTestShop()` goes further: a fresh database per shop (test/helpers/workstation.ts).
 */
if (testOnPostgres) {
  beforeAll(async () => {
    process.env[DB_URL_ENV] = await freshPgDatabase();
  });
  afterAll(async () => {
    const url = process.env[DB_URL_ENV];
    delete process.env[DB_URL_ENV];
    if (url) await dropPgDatabase(url);
  });
}
