import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Workstation } from '../../main/app';
import { globalQueries, lookupQueries, sampleData } from '../../main/cli/bench-lookup';
import { mulberry32 } from '../../main/cli/seed';
import { seedShop, type ShopSeedResult } from '../../main/cli/seed-shop';
import { moveShop } from '../../main/db/move/move';
import { sqlOf } from '../../main/db/sql';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase } from '../helpers/pg-migrated';
import { folderStation } from '../helpers/folder-station';

/**
 * The counter's lookups answer alike on both engines: a seeded shop, and the same shop moved
 * to PostgreSQL, asked the bench's own query mix (phone starts and ends, name parts, Chinese
 * names, ticket numbers typed or scanned, IMEIs, serials) plus substrings common enough that
 * the first matches by id are a strict cut of many. customers.search, search.global and
 * tickets.progress must return the same JSON, in the same order.
 */
const NOW = Date.parse('2026-11-23T18:00:00+08:00');
const DAY = 86_400_000;

let cluster: PgCluster;
let seeded: ShopSeedResult;
const dirs: string[] = [];
const open: Workstation[] = [];
let lite: Workstation;
let pg: Workstation;
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-lookup-'));
  dirs.push(d);
  return d;
};

const station = (dataDir: string) => folderStation(dataDir, NOW, open);

const signIn = async (ws: Workstation) => {
  const manager = seeded.staff.find((s) => s.role === 'manager' && s.pin)!;
  const { token } = (await ws.call(
    'auth.login',
    { name: manager.name, pin: manager.pin },
    { token: null, origin: 'test' },
  )) as { token: string };
  return { token, origin: 'test' };
};

beforeAll(async () => {
  cluster = await startPgCluster();
  const liteDir = tempDir();
  seeded = await seedShop({ dataDir: liteDir, tickets: 1500, parts: 0, now: NOW - DAY });
  const pgDir = tempDir();
  fs.cpSync(liteDir, pgDir, { recursive: true });
  await moveShop({ dataDir: pgDir, url: await freshPgDatabase(cluster, 'lookup'), now: NOW - DAY });
  lite = await station(liteDir);
  pg = await station(pgDir);
  // Changed rows move in PostgreSQL's heap: the answers must still follow ids, not storage.
  for (const ws of [lite, pg])
    await sqlOf(ws.services.dataSource.manager).run(
      'UPDATE customer SET updated_at = updated_at + 1 WHERE id % 7 = 3',
    );
}, 180_000);
afterAll(async () => {
  await Promise.all(open.map((w) => w.close()));
  cluster?.stop();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

describe('lookups on both engines', () => {
  it('(PostgreSQL) customers.search, search.global and tickets.progress answer exactly as on SQLite', async () => {
    const [liteAs, pgAs] = [await signIn(lite), await signIn(pg)];
    const sampled = await sampleData(sqlOf(lite.services.dataSource.manager), 120, mulberry32(5));
    const lookups = [
      ...lookupQueries(sampled, 120, mulberry32(6)),
      // common 3-letter pieces: far more than a page match, the page is the first ids
      'son',
      'ang',
      'mail',
      'ith',
      'an',
      // case: ILIKE on PostgreSQL (spelt LIKE on a lower-cased column), FTS5 folds it on SQLite
      'SON',
      'Mail',
    ];
    // the end of a name and the start of its email, joined by a newline: never one match
    const withEmail = await sqlOf(lite.services.dataSource.manager).get<{ name: string; email: string }>(
      "SELECT name, email FROM customer WHERE email LIKE '%@%' ORDER BY id LIMIT 1",
    );
    lookups.push(`${withEmail!.name.slice(-3)}\n${withEmail!.email.slice(0, 3)}`);
    const globals = globalQueries(sampled, 120, mulberry32(7));
    const ask = async (method: 'customers.search' | 'search.global' | 'tickets.progress', input: object) => {
      const [want, got] = [await lite.call(method, input, liteAs), await pg.call(method, input, pgAs)];
      expect({ method, input, got }).toEqual({ method, input, got: want });
      return want;
    };
    let many = 0;
    let found = 0;
    for (const q of lookups) {
      const page = (await ask('customers.search', { q, limit: 20 })) as unknown[];
      if (page.length) found++;
      const short = (await ask('customers.search', { q, limit: 5 })) as unknown[];
      if (short.length === 5) many++;
    }
    for (const q of globals) await ask('search.global', { q });
    for (const number of sampled.numbers.slice(0, 40))
      await ask('tickets.progress', { number });
    // not a test of nothing: most queries find someone, some fill a whole page
    expect(found).toBeGreaterThan(lookups.length * 0.8);
    expect(many).toBeGreaterThanOrEqual(8);
  });
});
