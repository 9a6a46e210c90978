import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { inject } from 'vitest';
import { pgBin } from './pg-cluster';

/** `TEST_DB=postgres npx vitest run --project backend …` (npm run test:pg): shops on PostgreSQL. */
export const testOnPostgres = process.env.TEST_DB === 'postgres';

let made = 0;

/** A new, migrated, empty shop database on the run's cluster; returns its URL. */
export async function freshPgDatabase(): Promise<string> {
  const base = new URL(inject('pgClusterUrl'));
  const name = `ws_${process.pid}_${Date.now().toString(36)}_${++made}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ws_template`);
        break;
      } catch (err) {
        // 55006: another worker's CREATE DATABASE is reading the template at this moment
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  return base.toString();
}

/** Drops a test shop's database (its connections closed first): a run makes thousands. */
export async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: inject('pgClusterUrl') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** One value of a query, synchronously (psql), for the test helpers whose SQLite twin reads
 * synchronously (`shop.count`). */
export function pgScalarSync(url: string, sql: string): string {
  return execFileSync(pgBin('psql'), ['-X', '-q', '-t', '-A', '-d', url, '-c', sql], {
    encoding: 'utf8',
  }).trim();
}
