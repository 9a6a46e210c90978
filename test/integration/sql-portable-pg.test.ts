import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, PeripheralDto } from '../../main/api/contract';
import { ApiError } from '../../main/api/errors';
import { PrintWorker, type PrinterHandle } from '../../main/devices/print-worker';
import type { SerialLink } from '../../main/devices/serial-link';
import { EventBus } from '../../main/events';
import { postgresReader } from '../../main/db/snapshot-reader';
import { pgPreparedAll, sqlOf, type Sql } from '../../main/db/sql';
import { GENESIS_HASH, auditHash, type AuditRecord } from '../../main/domain/audit/audit-log';
import { syncShopZone, syncShopZoneIn } from '../../main/domain/calendar/shop-zone-db';
import { localDate } from '../../main/domain/calendar/shop-zone';
import { writeCsv } from '../../main/domain/reports/export/csv-export';
import type { SettingsService } from '../../main/domain/settings/settings-service';
import { hashPin } from '../../main/domain/staff/pin';
import {
  checkPinWithLockout,
  lockedUntilOf,
  unlockStaff,
} from '../../main/domain/staff/pin-lockout';
import { verifyAuditSnapshot } from '../../main/safety/audit-verify';
import { collectPersonalData, eraseCustomer } from '../../main/safety/personal-data';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';

/**
 * PostgreSQL only (engine-specific): the statements converted from the raw SQLite handle run
 * on a real PostgreSQL server through `sqlOf(em)` and give what SQLite gives. Only the tables
 * each statement touches are created here (the full schema is the migrations' business).
 */
const TABLES = `
  CREATE TABLE staff (id serial PRIMARY KEY, name text NOT NULL, pin_hash text NOT NULL,
    pin_salt text NOT NULL, failed_pins integer NOT NULL DEFAULT 0, locked_until bigint,
    updated_at bigint NOT NULL DEFAULT 0);
  CREATE TABLE pin_guard (staff_id integer NOT NULL, origin text NOT NULL, failed integer NOT NULL,
    locked_until bigint, updated_at bigint NOT NULL, PRIMARY KEY (staff_id, origin));
  CREATE TABLE station_guard (origin text PRIMARY KEY, failed integer NOT NULL,
    paused_until bigint, updated_at bigint NOT NULL);
  CREATE TABLE setting (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE shop_zone_offset (from_ms bigint PRIMARY KEY, offset_ms bigint NOT NULL, zone text NOT NULL);
  CREATE TABLE device (id serial PRIMARY KEY, brand text NOT NULL, model text NOT NULL);
  CREATE TABLE ticket (id serial PRIMARY KEY, device_id integer NOT NULL, category text NOT NULL,
    problem text NOT NULL, received_at bigint NOT NULL, completed_at bigint);
  CREATE TABLE kpi_fault_day (day text, brand text, model text, problem text, count integer,
    PRIMARY KEY (day, brand, model, problem));
  CREATE TABLE kpi_done (ticket_id integer PRIMARY KEY, day text NOT NULL, ms bigint NOT NULL);
  CREATE TABLE print_job (id serial PRIMARY KEY, kind varchar(24) NOT NULL, payload text NOT NULL,
    status varchar(16) NOT NULL, attempts integer NOT NULL DEFAULT 0, last_error text,
    device_id integer, created_at bigint NOT NULL DEFAULT 0, updated_at bigint NOT NULL DEFAULT 0,
    printed_at bigint, station_id varchar(40));
  CREATE TABLE audit_entry (id integer PRIMARY KEY, at bigint NOT NULL, staff_id integer,
    staff_name text, action text NOT NULL, entity text, entity_id text, outcome text NOT NULL,
    origin text NOT NULL, details text, prev_hash text NOT NULL, hash text NOT NULL);
`;

let cluster: PgCluster;
let ds: DataSource;
/** A second database for the personal-data tables (their columns differ from the ones above). */
let privacy: DataSource;

beforeAll(async () => {
  cluster = await startPgCluster();
  // As the app's pool: int8 and numeric answered as numbers (epoch ms, counts, sums).
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === 20 || oid === 1700
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  ds = new DataSource({
    type: 'postgres',
    url: cluster.url(),
    entities: [],
    extra: { types },
  });
  await ds.initialize();
  await ds.query('CREATE DATABASE privacy');
  privacy = new DataSource({
    type: 'postgres',
    url: cluster.url('privacy'),
    entities: [],
    extra: { types },
  });
  await privacy.initialize();
  await ds.query(TABLES);
  // As migration 0016's PostgreSQL body defines it (the triggers and the refile call it).
  await ds.query(`CREATE FUNCTION shop_day(ms BIGINT) RETURNS VARCHAR LANGUAGE sql STABLE AS $$
    SELECT to_char(DATE '1970-01-01' + ((ms + coalesce((SELECT offset_ms FROM shop_zone_offset
      WHERE from_ms <= ms ORDER BY from_ms DESC LIMIT 1), 0)) / 86400000)::int, 'YYYY-MM-DD') $$`);
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await privacy?.destroy();
  cluster?.stop();
});

const SETTINGS: Record<string, number> = {
  'auth.maxPinAttempts': 3,
  'auth.lockoutMinutes': 5,
  'auth.throttleSeconds': 10,
  'auth.stationMaxAttempts': 20,
  'auth.stationPauseSeconds': 30,
};
const settings = { get: (key: string) => SETTINGS[key] } as unknown as SettingsService;

/** One call as the dispatcher runs it: a refusal thrown with `keep()` commits its writes. */
async function call(fn: (sql: Sql) => Promise<void>): Promise<ApiError | null> {
  let kept: ApiError | null = null;
  await ds.transaction(async (em) => {
    try {
      await fn(sqlOf(em));
    } catch (err) {
      if (!(err instanceof ApiError && err.keepWrites)) throw err;
      kept = err;
    }
  });
  return kept;
}

describe('postgres: staff PIN lockout', () => {
  it('counts wrong PINs in the caller transaction, locks on the third, unlocks', async () => {
    const { hash, salt } = hashPin('2468');
    const [staff] = (await ds.query(
      `INSERT INTO staff (name, pin_hash, pin_salt) VALUES ('Mia', $1, $2)
       RETURNING id, pin_hash AS "pinHash", pin_salt AS "pinSalt", failed_pins AS "failedPins",
         locked_until AS "lockedUntil"`,
      [hash, salt],
    )) as Array<{
      id: number;
      pinHash: string;
      pinSalt: string;
      failedPins: number;
      lockedUntil: null;
    }>;
    const now = 1_800_000_000_000;
    const check = (pin: string) =>
      call((sql) =>
        checkPinWithLockout(
          {
            sql,
            settings,
            now,
            origin: 'ipc:window-1',
            code: 'UNAUTHENTICATED',
            wrong: (left) => new ApiError('UNAUTHENTICATED', `wrong, ${left} left`),
          },
          staff,
          pin,
        ),
      );

    expect((await check('1111'))?.message).toBe('wrong, 2 left');
    expect((await check('1111'))?.message).toBe('wrong, 1 left');
    const locked = await check('1111');
    expect(locked?.details).toMatchObject({ key: 'errors.locked', params: { minutes: 5 } });
    // The right PIN is refused while locked at this station.
    await expect(check('2468')).rejects.toMatchObject({ details: { key: 'errors.locked' } });

    const sql = sqlOf(ds.manager);
    const until = await lockedUntilOf(sql, staff.id, now);
    expect(until).toBe(now + 5 * 60_000);
    const row = await sql.get<{ failed_pins: number }>(
      'SELECT failed_pins FROM staff WHERE id = ?',
      staff.id,
    );
    expect(row?.failed_pins).toBe(3);

    await ds.transaction((em) => unlockStaff(sqlOf(em), staff.id, now));
    expect(await lockedUntilOf(sql, staff.id, now)).toBeNull();
    expect(await check('2468')).toBeNull();
    expect(await sql.all('SELECT * FROM station_guard')).toEqual([]);
  });
});

describe('postgres: the shop day in SQL', () => {
  it('files tickets under the same days as JS and as SQLite, across a DST change', async () => {
    const zone = 'America/New_York';
    // Around the 2026 spring-forward (8 March) and a UTC midnight that is still the day before
    // in New York.
    const instants = [
      Date.UTC(2026, 2, 8, 4, 59),
      Date.UTC(2026, 2, 8, 5, 1),
      Date.UTC(2026, 2, 9, 3, 59),
      Date.UTC(2026, 2, 9, 4, 1),
      Date.UTC(2026, 10, 1, 5, 30),
      Date.UTC(2026, 10, 2, 4, 59),
    ];
    const sqlite = new Database(':memory:');
    sqlite.exec(TABLES.replace(/serial/g, 'integer'));
    const [d] = (await ds.query(
      `INSERT INTO device (brand, model) VALUES ('Apple', 'iPhone 13') RETURNING id`,
    )) as Array<{ id: number }>;
    sqlite
      .prepare(`INSERT INTO device (id, brand, model) VALUES (?, 'Apple', 'iPhone 13')`)
      .run(d.id);
    for (const [i, ms] of instants.entries()) {
      const args = [d.id, 'fault', 'screen', ms, ms + 3_600_000 * i];
      await ds.query(
        'INSERT INTO ticket (id, device_id, category, problem, received_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [i + 1, ...args],
      );
      sqlite
        .prepare(
          'INSERT INTO ticket (id, device_id, category, problem, received_at, completed_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(i + 1, ...args);
    }

    const changed = await ds.transaction((em) => syncShopZoneIn(sqlOf(em), zone));
    expect(changed).toBe(true);
    expect(await ds.transaction((em) => syncShopZoneIn(sqlOf(em), zone))).toBe(false);
    expect(syncShopZone(sqlite, zone)).toBe(true);

    const pgDone = (await ds.query(
      'SELECT ticket_id, day, ms FROM kpi_done ORDER BY ticket_id',
    )) as Array<{
      ticket_id: number;
      day: string;
      ms: number;
    }>;
    const liteDone = sqlite
      .prepare('SELECT ticket_id, day, ms FROM kpi_done ORDER BY ticket_id')
      .all() as Array<{ ticket_id: number; day: string; ms: number }>;
    const expected = instants.map((ms, i) => ({
      ticket_id: i + 1,
      day: localDate(zone, ms + 3_600_000 * i),
      ms: 3_600_000 * i,
    }));
    expect(pgDone).toEqual(expected);
    expect(liteDone).toEqual(expected);

    const faults = 'SELECT day, count FROM kpi_fault_day ORDER BY day';
    const liteFaults = sqlite.prepare(faults).all();
    expect(await ds.query(faults)).toEqual(liteFaults);
    expect(liteFaults).toEqual(
      Object.entries(
        instants.reduce<Record<string, number>>((acc, ms) => {
          const day = localDate(zone, ms);
          acc[day] = (acc[day] ?? 0) + 1;
          return acc;
        }, {}),
      ).map(([day, count]) => ({ day, count })),
    );
    sqlite.close();
  });
});

describe('postgres: long reads on a snapshot', () => {
  it('a CSV export walks a cursor in batches, numbers as numbers, unmoved by later writes', async () => {
    await ds.query(
      `INSERT INTO ticket (id, device_id, category, problem, received_at)
       SELECT 1000 + g, 1, 'fault', 'battery ' || g, 1700000000000 + g FROM generate_series(1, 4500) g`,
    );
    const reader = await postgresReader(ds);
    const range = { from: 1_700_000_000_000, to: 1_700_000_010_000 };
    const source = {
      columns: ['id', 'problem', 'received'],
      countSql: 'SELECT count(*) AS n FROM ticket WHERE received_at >= ? AND received_at < ?',
      sql: 'SELECT id, problem, received_at FROM ticket WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id',
      cells: (r: unknown[]) => [r[0], r[1], typeof r[2]],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pg-csv-'));
    const file = path.join(dir, 'tickets.csv');
    const progress: number[] = [];
    // The snapshot is taken by the reader's first statement.
    await reader.count(source.countSql, [range.from, range.to]);
    // Written after the snapshot began: not in the file.
    await ds.query(
      `INSERT INTO ticket (id, device_id, category, problem, received_at) VALUES (99999, 1, 'fault', 'late', 1700000000001)`,
    );
    const res = await writeCsv(reader, source, range, file, (done) => progress.push(done));
    expect(res.rows).toBe(4500);
    expect(progress).toEqual([0, 2000, 4000, 4500, 4500]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeffid,problem,received\r\n')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines[1]).toBe('1001,battery 1,number');
    expect(lines).toHaveLength(4501);
    expect(lines.some((l) => l.includes('late'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the audit chain walk names the first edited entry', async () => {
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 2500; id++) {
      const r: AuditRecord = {
        at: 1_700_000_000_000 + id,
        staffId: id % 3 ? 1 : null,
        staffName: id % 3 ? 'Mia' : null,
        action: 'ticket.update',
        entity: 'ticket',
        entityId: String(id),
        outcome: 'success',
        origin: 'ipc:window-1',
        details: id % 2 ? JSON.stringify({ n: id }) : null,
      };
      const hash = auditHash(prev, r);
      await ds.query(
        `INSERT INTO audit_entry (id, at, staff_id, staff_name, action, entity, entity_id, outcome,
           origin, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          r.at,
          r.staffId,
          r.staffName,
          r.action,
          r.entity,
          r.entityId,
          r.outcome,
          r.origin,
          r.details,
          prev,
          hash,
        ],
      );
      prev = hash;
    }
    const ok = await verifyAuditSnapshot(await postgresReader(ds));
    expect(ok).toEqual({ ok: true, checked: 2500, firstBroken: null });

    await ds.query(`UPDATE audit_entry SET details = '{"n":0}' WHERE id = 2101`);
    const bad = await verifyAuditSnapshot(await postgresReader(ds));
    expect(bad.ok).toBe(false);
    expect(bad.firstBroken).toMatchObject({
      id: 2101,
      at: 1_700_000_002_101,
      action: 'ticket.update',
    });
    expect(bad.checked).toBe(2100);
  });
});

describe('postgres: the print queue', () => {
  it('claims the head of each line, prints it, and says why the rest wait', async () => {
    const doc = JSON.stringify({
      kind: 'receipt',
      widthMm: 80,
      lines: [{ type: 'text', text: 'Ticket T-0001' }],
    });
    // Two receipts pinned to the online printer, one to a printer that is unplugged.
    for (const device of [1, 1, 2])
      await ds.query(
        `INSERT INTO print_job (kind, payload, status, device_id, station_id) VALUES ('receipt', $1, 'queued', $2, 'counter')`,
        [doc, device],
      );
    const written: Buffer[] = [];
    const printer = (id: number, state: string): PrinterHandle => ({
      device: {
        id,
        kind: 'receipt_printer',
        name: `Counter ${id}`,
        enabled: true,
        options: { paperMm: 80, codePage: 'gbk' },
      } as PeripheralDto,
      link: {
        state,
        detail: state === 'online' ? null : 'unplugged',
        write: async (b: Buffer) => void written.push(b),
      } as unknown as SerialLink,
      owner: null,
      needsCheck: false,
      awaiting: [],
      condition: null,
    });
    const printers = [printer(1, 'online'), printer(2, 'offline')];
    const events = new EventBus();
    const updates: Array<{ id: number; status: string }> = [];
    events.subscribe((m) => {
      if (m.name !== 'printJob.updated') return;
      const p = m.payload as EventMap['printJob.updated'];
      updates.push({ id: p.id, status: p.status });
    });
    let tail: Promise<unknown> = Promise.resolve();
    const worker = new PrintWorker({
      sql: () => sqlOf(ds.manager),
      events,
      now: () => 1_800_000_000_000,
      exclusive: (fn) => (tail = tail.then(fn, fn)) as ReturnType<typeof fn>,
      printers: () => printers,
      defaults: () => ({}),
      station: () => 'counter',
      retired: () => false,
      maxAttempts: () => 3,
      log: (m, e) => console.error(m, e),
      confirm: async () => null,
      confirmReceipt: async () => true,
      logo: () => null,
      recheck: () => undefined,
    });
    for (let i = 0; i < 50 && updates.length < 2; i++) {
      worker.kick();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    worker.stop();
    expect(updates).toEqual([
      { id: 1, status: 'done' },
      { id: 2, status: 'done' },
    ]);
    expect(written.length).toBe(4); // body and tail of each receipt
    const rows = await sqlOf(ds.manager).all<{
      id: number;
      status: string;
      attempts: number;
      last_error: string | null;
      printed_at: number | null;
    }>('SELECT id, status, attempts, last_error, printed_at FROM print_job ORDER BY id');
    expect(rows.map((r) => [r.id, r.status, r.attempts, r.printed_at])).toEqual([
      [1, 'done', 1, 1_800_000_000_000],
      [2, 'done', 1, 1_800_000_000_000],
      [3, 'queued', 0, null],
    ]);
    expect(rows[2].last_error).toContain('Counter 2');
  });
});

describe('postgres: personal data', () => {
  it('exports the sections whose tables exist, then erases who the person was', async () => {
    await privacy.query(`
      CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL, name_norm text NOT NULL,
        phone text NOT NULL, phone_digits text NOT NULL, phone_rev text NOT NULL, email text,
        channel text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL,
        version integer NOT NULL DEFAULT 1, erased_at bigint);
      CREATE TABLE device (id serial PRIMARY KEY, customer_id integer NOT NULL, type text NOT NULL,
        brand text NOT NULL, model text NOT NULL, serial text, imei text, purchase_date text,
        proof text, created_at bigint NOT NULL, updated_at bigint NOT NULL,
        version integer NOT NULL DEFAULT 1);
      CREATE TABLE ticket (id serial PRIMARY KEY, customer_id integer NOT NULL, number text NOT NULL,
        status text NOT NULL, category text NOT NULL, priority text NOT NULL,
        service_mode text NOT NULL, problem text NOT NULL, accessories text,
        condition_notes text, warranty integer NOT NULL DEFAULT 0, warranty_until bigint,
        estimate_cents integer, deposit_cents integer NOT NULL DEFAULT 0, promised_at bigint,
        received_at bigint NOT NULL, completed_at bigint, collected_at bigint, passcode_enc text);
      CREATE TABLE message (id serial PRIMARY KEY, customer_id integer NOT NULL, ticket_id integer,
        event text NOT NULL, channel text NOT NULL, language text NOT NULL, recipient text NOT NULL,
        subject text, body text NOT NULL, state text NOT NULL, cancel_reason text,
        created_at bigint NOT NULL, updated_at bigint NOT NULL, sent_at bigint);
      INSERT INTO customer (name, name_norm, phone, phone_digits, phone_rev, email, channel,
        created_at, updated_at) VALUES ('Li Wei', 'li wei', '138 0013 8000', '13800138000',
        '00083100831', 'li@example.com', 'sms', 1, 1);
      INSERT INTO device (customer_id, type, brand, model, serial, imei, created_at, updated_at)
        VALUES (1, 'phone', 'Apple', 'iPhone 13', 'F2LXK0', '356938035643809', 1, 1);
      INSERT INTO ticket (customer_id, number, status, category, priority, service_mode, problem,
        received_at, passcode_enc) VALUES
        (1, 'T-0001', 'collected', 'fault', 'normal', 'walk_in', 'screen', 1, 'enc:abc'),
        (1, 'T-0002', 'in_repair', 'fault', 'normal', 'walk_in', 'battery', 2, NULL);
    `);
    const data = await collectPersonalData(privacy.manager, 1);
    // No ticket_event table in this database: that section is left out, not an error.
    expect(Object.keys(data)).toEqual(['customer', 'devices', 'tickets', 'messages']);
    expect(data.customer[0]).toMatchObject({ name: 'Li Wei', email: 'li@example.com' });
    expect(data.tickets.map((t) => t.passcode_on_file)).toEqual([
      'yes (kept encrypted, not exported)',
      'no',
    ]);

    // A device still in the shop: refused, with the count as a number.
    const refused = await privacy
      .transaction((em) => eraseCustomer(em, 1, 5))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      details: { key: 'safety.errors.openTickets', params: { count: 1 } },
    });
    await privacy.query(`UPDATE ticket SET status = 'collected'`);
    const res = await privacy.transaction((em) => eraseCustomer(em, 1, 5));
    expect(res).toEqual({ customerId: 1, tickets: 2 });
    const after = await collectPersonalData(privacy.manager, 1);
    expect(after.customer[0]).toMatchObject({ name: 'Erased customer #1', phone: '', email: null });
    expect(after.devices[0]).toMatchObject({ serial: null, imei: null });
    expect(after.tickets.every((t) => t.passcode_on_file === 'no')).toBe(true);
  });
});

describe('postgres: named prepared statements (pgPreparedAll)', () => {
  it('answers like a plain query, in the caller transaction and outside it, on every pooled connection', async () => {
    const text = 'SELECT id, brand, model FROM device WHERE brand = ? ORDER BY id';
    await ds.query(`INSERT INTO device (brand, model) VALUES ('Prep', 'A'), ('Prep', 'B')`);
    const plain = await sqlOf(ds.manager).all(text, 'Prep');
    // More calls than the pool has connections at once: each connection prepares it once.
    const answers = await Promise.all(
      Array.from({ length: 14 }, () => pgPreparedAll(ds.manager, text, ['Prep'])),
    );
    for (const a of answers) expect(a).toEqual(plain);
    expect(plain.map((r) => (r as { model: string }).model)).toEqual(['A', 'B']);
    const named = await ds.query(
      `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'ws_%'`,
    );
    expect(named[0].n).toBe(1);

    // Inside a transaction it sees that transaction's own rows; a rollback leaves nothing.
    await expect(
      ds.transaction(async (em) => {
        await em.query(`INSERT INTO device (brand, model) VALUES ('Prep', 'C')`);
        const seen = await pgPreparedAll<{ model: string }>(em, text, ['Prep']);
        expect(seen.map((r) => r.model)).toEqual(['A', 'B', 'C']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await pgPreparedAll<{ model: string }>(ds.manager, text, ['Prep']);
    expect(after.map((r) => r.model)).toEqual(['A', 'B']);
    await ds.query(`DELETE FROM device WHERE brand = 'Prep'`);
  });
});
