import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import pg from 'pg';
import { inject } from 'vitest';

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

/**
 * The worker behind `pgScalarSync`: one open connection per database, kept between questions
 * (starting psql for each one cost tens of milliseconds; a test counting a few dozen tables per
 * call ran out of time). Plain JavaScript: it runs as an eval'd worker.
 */
const SCALAR_WORKER = `
const { parentPort } = require('node:worker_threads');
const pg = require('pg');
const clients = new Map();
function forget(url) {
  const c = clients.get(url);
  clients.delete(url);
  if (c) c.then((client) => client.end()).catch(() => undefined);
}
parentPort.on('message', async ({ url, sql, flag, port }) => {
  let answer;
  try {
    if (!clients.has(url)) {
      const client = new pg.Client({ connectionString: url });
      // a dropped test database ends its connections: forget it, never crash the worker
      client.on('error', () => forget(url));
      clients.set(url, client.connect().then(() => client));
    }
    const client = await clients.get(url);
    const { rows } = await client.query({ text: sql, rowMode: 'array' });
    answer = { value: rows.length ? String(rows[0][0]) : '' };
  } catch (err) {
    forget(url);
    answer = { error: String((err && err.message) || err) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;
let scalarWorker: Worker | undefined;

/** One value of a query, synchronously, for the test helpers whose SQLite twin reads
 * synchronously (`shop.count`): asked of a worker thread's connection while this thread waits. */
export function pgScalarSync(url: string, sql: string): string {
  if (!scalarWorker) {
    scalarWorker = new Worker(SCALAR_WORKER, { eval: true });
    scalarWorker.unref(); // never keeps a test process alive
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    scalarWorker.postMessage({ url, sql, flag, port: port2 }, [port2]);
    if (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') {
      throw new Error(`no answer from PostgreSQL in 60 s: ${sql}`);
    }
    const answer = receiveMessageOnPort(port1)?.message as
      { value: string; error?: undefined } | { error: string } | undefined;
    if (!answer) throw new Error(`no answer from PostgreSQL: ${sql}`);
    if (answer.error !== undefined) throw new Error(`${answer.error}: ${sql}`);
    return answer.value;
  } finally {
    port1.close();
  }
}
