import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../main/db/data-source';
import { sqlOf } from '../../main/db/sql';
import { customerKeys } from '../../main/domain/customers/normalize';
import {
  customerSearch,
  pgCustomerSearch,
  sqliteCustomerSearch,
} from '../../main/domain/customers/customer-search';
import { partSearch, sqlitePartSearch } from '../../main/domain/inventory/part-search';
import { kbSearch, pgKbSearch, sqliteKbSearch } from '../../main/domain/knowledge/kb-search';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { migratedPgDatabase, pgDataSource } from '../helpers/pg-migrated';

/**
 * The PostgreSQL search (pg_trgm GIN indexes, code-point prefix ranges) finds what SQLite's
 * (FTS5 trigram, BINARY prefix ranges) finds, on the same rows: the same customers in the same
 * order, the same parts, the same articles and past repairs.
 */
let cluster: PgCluster;
let lite: OpenedDatabase;
let pgDs: DataSource;
let dir: string;

const T = Date.UTC(2026, 10, 20, 9);
const NAMES = [
  'Li Wei',
  'Li Wen',
  'Liang Qiao',
  'Wei Li',
  'Anna Lindqvist',
  'Lindsay Ortiz',
  '王小明',
  '王小红',
  '小明 王',
  '陈大文',
  'Émile Zola',
  'emily rose',
  "O'Brien Kate",
  'Kate 100%',
  'li_wei',
  'LIWEI',
  'Li Wei',
  'Li Wei',
];
const customers = NAMES.map((name, i) => {
  const phone =
    i % 3 === 0
      ? `+86 138${String(1000_0000 + i * 7919).slice(0, 8)}`
      : `0755-${2600_0000 + i * 104_729}`;
  return {
    id: i + 1,
    name,
    phone,
    email: i % 4 === 0 ? `${name.split(' ')[0].toLowerCase()}@mail.example` : null,
    ...customerKeys(name, phone),
  };
});
const PARTS = [
  ['SCR-IP13', 'iPhone 13 screen OLED', 'iphone13'],
  ['SCR-IP13P', 'iPhone 13 Pro screen', 'iphone13pro'],
  ['BAT-IP13', '电池 iPhone 13', 'iphone13'],
  ['BAT-P8', 'Battery Pixel 8', 'pixel8'],
  ['CAM-P8', 'Pixel 8 rear camera', 'pixel8'],
  ['SCR-MATE60', '华为 Mate 60 屏幕总成', 'mate60'],
  ['CHG-USB', 'USB-C charging port', 'iphone15,pixel8'],
  ['GLUE-B7000', 'B-7000 glue', ''],
];
const ARTICLES = [
  [
    'Black screen after drop',
    'screen black, vibrates',
    'display connector loose',
    'reseat connector',
    'iPhone 13',
    'screen',
  ],
  [
    'Battery drains overnight',
    'battery drains fast',
    'bad battery cell',
    'replace battery',
    'Pixel 8',
    'battery',
  ],
  ['Water damage 进水', '进水 开不了机', 'corrosion on board', 'clean board', 'Mate 60', 'water'],
  [
    'No charging',
    'does not charge',
    'dirty charging port',
    'clean port',
    'Pixel 8',
    'charging,port',
  ],
  [
    'Screen flicker',
    'screen flickers when warm',
    'screen cable',
    'replace screen',
    'iPhone 13 Pro',
    'screen,display',
  ],
];

async function seed(run: (sql: string, params: unknown[]) => Promise<unknown>) {
  await run(
    `INSERT INTO staff (id, name, role, pin_hash, pin_salt, created_at, updated_at) VALUES (1, 'Mei', 'manager', 'h', 's', ?, ?)`,
    [T, T],
  );
  for (const c of customers) {
    await run(
      `INSERT INTO customer (id, name, name_norm, phone, phone_digits, phone_rev, email, channel, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'phone', ?, ?)`,
      [c.id, c.name, c.nameNorm, c.phone, c.phoneDigits, c.phoneRev, c.email, T, T],
    );
  }
  // A changed row moves in PostgreSQL's heap: namesakes must still come in id order.
  await run('UPDATE customer SET created_at = created_at + 1 WHERE id = 1', []);
  for (const [i, [sku, name, models]] of PARTS.entries()) {
    await run(
      `INSERT INTO part (id, sku, name, category, models, bin, cost_cents, price_cents, reorder_point, reorder_qty, serial_tracked, created_at, updated_at)
       VALUES (?, ?, ?, 'parts', ?, 'A1', 100, 200, 0, 0, 0, ?, ?)`,
      [i + 1, sku, name, models, T, T],
    );
    for (const m of models.split(',').filter(Boolean))
      await run('INSERT INTO part_model (part_id, model_norm) VALUES (?, ?)', [i + 1, m]);
  }
  await run(`INSERT INTO part_barcode (code, part_id) VALUES ('6901234567892', 4)`, []);
  for (const [i, [title, symptoms, cause, steps, models, tags]] of ARTICLES.entries()) {
    await run(
      `INSERT INTO kb_article (id, title, symptoms, cause, steps, models, tags, author_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      [
        i + 1,
        title,
        symptoms,
        cause,
        steps,
        JSON.stringify([models]),
        JSON.stringify(tags.split(',')),
        T,
        T + i,
      ],
    );
  }
  // Past repairs: a device per ticket, diagnosed afterwards (the trigger files them).
  for (const [i, [brand, model, problem, cause]] of [
    ['Apple', 'iPhone 13', 'screen black after drop', 'display connector loose'],
    ['Google', 'Pixel 8', 'battery drains overnight', 'battery cell worn'],
    ['Apple', 'iPhone 13', 'no sound from speaker', 'speaker mesh blocked'],
    ['Huawei', 'Mate 60', '进水后不开机', '主板腐蚀'],
  ].entries()) {
    const id = i + 1;
    await run(
      `INSERT INTO device (id, customer_id, type, brand, model, proof, created_at, updated_at) VALUES (?, 1, 'phone', ?, ?, 'none', ?, ?)`,
      [id, brand, model, T, T],
    );
    await run(
      `INSERT INTO ticket (id, number, customer_id, device_id, status, category, priority, service_mode, problem, accessories,
         condition_notes, backup_ack, warranty, estimate_cents, deposit_cents, promised_at, received_at, created_by, updated_at)
       VALUES (?, ?, 1, ?, 'received', 'fault', 'normal', 'walk-in', ?, '', '', 1, 'none', 0, 0, ?, ?, 1, ?)`,
      [id, `T-${id}`, id, problem, T, T, T],
    );
    await run('UPDATE ticket SET cause = ? WHERE id = ?', [cause, id]);
  }
}

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-search-'));
  lite = await openDatabase(dir);
  await seed(async (sql, params) => lite.raw.prepare(sql).run(...params));
  pgDs = await pgDataSource(await migratedPgDatabase(cluster, 'search'));
  const pgSql = sqlOf(pgDs.manager);
  await seed((sql, params) => pgSql.run(sql, ...params));
  // a cluster start and two migrations: 10 s is not enough on a loaded machine
}, 120_000);
afterAll(async () => {
  await pgDs?.destroy();
  await lite?.dataSource.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  cluster?.stop();
});

const CUSTOMER_QUERIES = [
  '138',
  '0755',
  '7919',
  '+86 138',
  'li',
  'li w',
  'Li Wei',
  'wei',
  'lind',
  'indsay',
  '王小',
  '王小明',
  '小明',
  'emily',
  'mile',
  'mail.example',
  "o'brien",
  '100%',
  'li_w',
  'nobody',
  'ei L',
];

describe('search on PostgreSQL finds what SQLite finds', () => {
  it('(PostgreSQL) customers: phone start and end, name start, any 3+ characters, in the same order', async () => {
    let found = 0;
    for (const q of CUSTOMER_QUERIES) {
      const want = await sqliteCustomerSearch.findIds(lite.dataSource.manager, q, 10);
      if (want.length) found++;
      expect({ q, ids: await pgCustomerSearch.findIds(pgDs.manager, q, 10) }).toEqual({
        q,
        ids: want,
      });
      // The engine-neutral entry point picks the engine's own search.
      expect(await customerSearch.findIds(pgDs.manager, q, 10)).toEqual(want);
    }
    expect(found).toBeGreaterThanOrEqual(CUSTOMER_QUERIES.length - 2); // not a test of nothing
    expect(await pgCustomerSearch.findIds(pgDs.manager, '王小', 10)).toEqual([7, 8]);
    expect((await pgCustomerSearch.findIds(pgDs.manager, 'li wei', 10)).slice(0, 3)).toEqual([
      1, 17, 18,
    ]);
  });

  it('(PostgreSQL) parts: barcode, SKU prefix, model, substrings and short Chinese words, counted alike', async () => {
    const liteSql = sqlOf(lite.dataSource.manager);
    const pgSql = sqlOf(pgDs.manager);
    for (const q of [
      '6901234567892',
      'SCR',
      'scr-ip13',
      'iPhone 13',
      'pixel8',
      'screen',
      '电池',
      '屏幕',
      '华为 Mate',
      'glue',
      'USB-C',
      'zzz',
    ]) {
      const sync = await sqlitePartSearch.findIds(liteSql, q, 10);
      expect({ q, ids: await partSearch.findIds(liteSql, q, 10) }).toEqual({ q, ids: sync });
      const got = await partSearch.findIds(pgSql, q, 10);
      expect({ q, ids: [...got].sort() }).toEqual({ q, ids: [...sync].sort() });
      expect({ q, n: await partSearch.count(pgSql, q) }).toEqual({
        q,
        n: await sqlitePartSearch.count(liteSql, q),
      });
    }
  });

  it('(PostgreSQL) knowledge: search, similar articles and past repairs find the same, best first', async () => {
    const liteEm = lite.dataSource.manager;
    const em = pgDs.manager;
    const same = async (a: Promise<number[]>, b: Promise<number[]>, what: string) => {
      const [x, y] = [await a, await b];
      expect({ what, ids: [...y].sort() }).toEqual({ what, ids: [...x].sort() });
      return [x, y];
    };
    for (const q of [
      'screen',
      'screen black',
      'battery',
      '进水',
      'charging port',
      'pixel',
      'nothing here',
      '',
    ]) {
      const [x, y] = await same(
        sqliteKbSearch.search(liteEm, q, 10),
        pgKbSearch.search(em, q, 10),
        `search ${q}`,
      );
      expect(y[0]).toBe(x[0]);
    }
    for (const text of [
      'my screen went black after a drop',
      'battery drains',
      '手机进水开不了机',
    ]) {
      const [x, y] = await same(
        sqliteKbSearch.similar(liteEm, text, 10),
        pgKbSearch.similar(em, text, 10),
        `similar ${text}`,
      );
      expect(y[0]).toBe(x[0]);
    }
    for (const [model, text] of [
      ['Apple iPhone 13', 'screen is black'],
      ['Google Pixel 8', 'battery drains'],
      [null, '进水后不开机'],
      ['Apple iPhone 13', ''],
      ['Sony Xperia', 'speaker'],
    ] as const) {
      const [x, y] = await same(
        sqliteKbSearch.similarTickets(liteEm, model, text, 5),
        kbSearch.similarTickets(em, model, text, 5),
        `tickets ${model} ${text}`,
      );
      expect(y[0]).toBe(x[0]);
    }
  });
});
