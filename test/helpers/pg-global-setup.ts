import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../main/db/open-postgres';
import { startPgCluster } from './pg-cluster';

/** The migrated database every test shop's database is copied from (CREATE DATABASE … TEMPLATE:
 * a file copy, much faster than running the migrations again for every shop). */
export const PG_TEMPLATE = 'ws_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `TEST_DB=postgres`: the run's throwaway cluster (its `postgres` database). */
    pgClusterUrl: string;
  }
}

/**
 * `TEST_DB=postgres`: one throwaway PostgreSQL cluster for the whole vitest run, with the shop's
 * migrations applied once to a template database through the app's own opening path. Stopped
 * (and its folder removed) at teardown.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPgCluster();
  // named in the log: a run killed from outside leaves it for whoever started it to stop
  console.error(`TEST_DB=postgres: cluster ${cluster.dir} on port ${cluster.port}`);
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    const ds = await openPostgres(cluster.url(PG_TEMPLATE));
    // Opening filed the shop days under this process's zone: a template holds schema only (a
    // copy must pass db:move's "empty target" check; each shop files its own zone at open).
    await ds.query('DELETE FROM shop_zone_offset');
    await ds.destroy();
  } catch (err) {
    cluster.stop();
    throw err;
  }
  project.provide('pgClusterUrl', cluster.url());
  return () => cluster.stop();
}
