import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildPgDerived } from '../../main/db/pg-derived';
import { firstInstantAtOrAfter, zoneSpans } from '../../main/domain/calendar/shop-zone';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { migratedPgDatabase, pgClient } from '../helpers/pg-migrated';

/**
 * The database's own rules on PostgreSQL (the PL/pgSQL twins of SQLite's triggers), checked
 * with raw SQL as a tool on the shop's server would send it: the audit log and money records
 * are append-only, a closed day takes no payment, and the dashboard's day aggregates always
 * equal a recount, on the shop zone's days.
 */
let cluster: PgCluster;
let db: pg.Client;
beforeAll(async () => {
  cluster = await startPgCluster();
  db = await pgClient(await migratedPgDatabase(cluster, 'trg'));
});
afterAll(async () => {
  await db.end();
  cluster.stop();
});

const ZONE = 'America/New_York';
/** An instant from the shop's wall clock, e.g. '2026-11-01T23:59:59'. */
const at = (wall: string) => firstInstantAtOrAfter(ZONE, Date.parse(`${wall}Z`));
const dayOf = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);

async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const cols = Object.keys(row);
  const r = await db.query<{ id: number }>(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  return r.rows[0].id;
}
const refusal = (sql: string, params: unknown[] = []) =>
  db.query(sql, params).then(
    () => 'accepted',
    (e: Error) => e.message,
  );

const T0 = Date.UTC(2026, 10, 1, 12);
let staff: number;
let customer: number;
let n = 0;
async function device(brand: string, model: string) {
  return insert('device', {
    customer_id: customer,
    type: 'phone',
    brand,
    model,
    proof: 'none',
    created_at: T0,
    updated_at: T0,
  });
}
async function ticket(deviceId: number, receivedAt: number, more: Record<string, unknown> = {}) {
  return insert('ticket', {
    number: `T${++n}`,
    customer_id: customer,
    device_id: deviceId,
    status: 'received',
    category: 'fault',
    priority: 'normal',
    service_mode: 'walk-in',
    problem: 'Screen cracked',
    accessories: '',
    condition_notes: '',
    backup_ack: 1,
    warranty: 'none',
    estimate_cents: 0,
    deposit_cents: 0,
    promised_at: receivedAt + 86_400_000,
    received_at: receivedAt,
    created_by: staff,
    updated_at: receivedAt,
    ...more,
  });
}

beforeAll(async () => {
  staff = await insert('staff', {
    name: 'Mei',
    role: 'manager',
    pin_hash: 'h',
    pin_salt: 's',
    created_at: T0,
    updated_at: T0,
  });
  customer = await insert('customer', {
    name: 'Li Wei',
    name_norm: 'li wei',
    phone: '13800138000',
    phone_digits: '13800138000',
    phone_rev: '00083100831',
    channel: 'phone',
    created_at: T0,
    updated_at: T0,
  });
});

describe('append-only records (PostgreSQL)', () => {
  it('(PostgreSQL) the audit log refuses UPDATE, DELETE and TRUNCATE, even as raw SQL', async () => {
    const id = await insert('audit_entry', {
      at: T0,
      action: 'staff.signIn',
      outcome: 'ok',
      origin: 'test',
      prev_hash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    });
    expect(await refusal("UPDATE audit_entry SET outcome = 'denied' WHERE id = $1", [id])).toMatch(
      'audit entries are append-only',
    );
    expect(await refusal('DELETE FROM audit_entry WHERE id = $1', [id])).toMatch(
      'audit entries are append-only',
    );
    expect(await refusal('TRUNCATE audit_entry')).toMatch('audit entries are append-only');
    const row = await db.query('SELECT outcome FROM audit_entry WHERE id = $1', [id]);
    expect(row.rows).toEqual([{ outcome: 'ok' }]);
  });
});

describe('audit numbering (PostgreSQL)', () => {
  const entry = (c: pg.Client, action: string) =>
    c.query(
      `INSERT INTO audit_entry (at, action, outcome, origin, prev_hash, hash)
       VALUES ($1, $2, 'success', 'test', $3, $3) RETURNING id`,
      [T0, action, '0'.repeat(64)],
    );
  const ids = async () =>
    (await db.query<{ id: number }>('SELECT id FROM audit_entry ORDER BY id')).rows.map(
      (r) => r.id,
    );

  it('(PostgreSQL) stays gap-free when a transaction that wrote an entry rolls back', async () => {
    const before = await ids();
    await db.query('BEGIN');
    await entry(db, 'rolled.back');
    await db.query('ROLLBACK');
    const kept = (await entry(db, 'kept')).rows[0].id;
    expect(kept).toBe(before.length + 1);
    expect(await ids()).toEqual([...before, kept]);
  });

  it('(PostgreSQL) stays gap-free with several stations appending at once', async () => {
    const url = cluster.url((await db.query('SELECT current_database() AS d')).rows[0].d);
    const stations = await Promise.all(Array.from({ length: 4 }, () => pgClient(url)));
    try {
      await Promise.all(
        stations.map(async (c, s) => {
          for (let i = 0; i < 10; i++) {
            await c.query('BEGIN');
            await entry(c, `station${s}.${i}`);
            // Every third transaction fails after writing: its number is not lost.
            await c.query(i % 3 === 0 ? 'ROLLBACK' : 'COMMIT');
          }
        }),
      );
    } finally {
      await Promise.all(stations.map((c) => c.end()));
    }
    const all = await ids();
    expect(all).toEqual(all.map((_, i) => i + 1));
    const n = await db.query(
      "SELECT count(*)::int AS n FROM audit_entry WHERE action LIKE 'station%'",
    );
    expect(n.rows[0].n).toBe(4 * 6);
  });
});

describe('the day-close lock (PostgreSQL)', () => {
  it('(PostgreSQL) refuses a payment dated on a closed day; a closed day is final', async () => {
    const t = await ticket(await device('Apple', 'iPhone 13'), at('2026-11-19T10:00:00'));
    const invoice = await insert('invoice', {
      number: 'INV-1',
      kind: 'final',
      ticket_id: t,
      customer_id: customer,
      lines: '[]',
      labour_cents: 1000,
      parts_cents: 0,
      other_cents: 0,
      covered_cents: 0,
      discount_cents: 0,
      net_cents: 1000,
      tax_rate_bp: 0,
      tax_inclusive: 1,
      tax_cents: 0,
      total_cents: 1000,
      deposit_cents: 0,
      due_cents: 1000,
      paid_cents: 1000,
      change_cents: 0,
      credit_cents: 0,
      return_cents: 0,
      created_by: staff,
      created_at: at('2026-11-20T12:00:00'),
    });
    const pay = (when: number) =>
      refusal(
        "INSERT INTO payment (invoice_id, method, amount_cents, staff_id, at) VALUES ($1, 'cash', 1000, $2, $3)",
        [invoice, staff, when],
      );
    expect(await pay(at('2026-11-20T12:00:00'))).toBe('accepted');
    const from = at('2026-11-20T00:00:00');
    const to = at('2026-11-21T00:00:00');
    await insert('day_close', {
      business_date: '2026-11-20',
      from_at: from,
      to_at: to,
      expected_cents: 1000,
      counted_cents: 1000,
      variance_cents: 0,
      closed_by: staff,
      closed_at: to + 60_000,
    });
    const closed = 'DAY_CLOSED: this day is closed; record a correction dated today';
    expect(await pay(from)).toBe(closed);
    expect(await pay(to - 1)).toBe(closed);
    expect(await pay(from - 1)).toBe('accepted');
    expect(await pay(to)).toBe('accepted');
    // Changing or removing the closed day's payment says DAY_CLOSED first, as on SQLite.
    expect(
      await refusal('UPDATE payment SET amount_cents = 1 WHERE at = $1', [
        at('2026-11-20T12:00:00'),
      ]),
    ).toBe(closed);
    expect(await refusal('DELETE FROM payment WHERE at = $1', [at('2026-11-20T12:00:00')])).toBe(
      closed,
    );
    // Moving an open day's payment into the closed day is refused too.
    expect(await refusal('UPDATE payment SET at = $1 WHERE at = $2', [from + 5, to])).toBe(closed);
    // Other payments are append-only anyway.
    expect(await refusal('UPDATE payment SET amount_cents = 1 WHERE at = $1', [to])).toBe(
      'payments are append-only',
    );
    expect(await refusal("UPDATE day_close SET reason = 'x'")).toBe('a day close is final');
    expect(await refusal('DELETE FROM day_close')).toBe('a day close is final');
    const total = await db.query(
      'SELECT count(*)::int AS n, sum(amount_cents)::int AS cents FROM payment',
    );
    expect(total.rows[0]).toEqual({ n: 3, cents: 3000 });
  });
});

describe('dashboard day aggregates (PostgreSQL)', () => {
  type Fault = { day: string; brand: string; model: string; problem: string; count: number };
  const key = (f: Fault) => [f.day, f.brand, f.model, f.problem].join('\u0000');
  const byKey = (a: Fault, b: Fault) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

  /** What the aggregates must hold, counted in JS on the shop zone's days (Intl, not SQL). */
  async function recount() {
    const rows = (
      await db.query<{ received_at: string; completed_at: string | null; id: number } & Fault>(
        `SELECT t.id, t.received_at, t.completed_at, t.category, t.problem, d.brand, d.model
         FROM ticket t JOIN device d ON d.id = t.device_id`,
      )
    ).rows;
    const faults = new Map<string, Fault>();
    for (const r of rows.filter(
      (x) => (x as unknown as { category: string }).category === 'fault',
    )) {
      const f = {
        day: dayOf(Number(r.received_at)),
        brand: r.brand,
        model: r.model,
        problem: r.problem,
        count: 0,
      };
      const k = key(f);
      (faults.get(k) ?? faults.set(k, f).get(k)!).count++;
    }
    const done = rows
      .filter((r) => r.completed_at !== null)
      .map((r) => ({
        ticket_id: r.id,
        day: dayOf(Number(r.completed_at)),
        ms: Number(r.completed_at) - Number(r.received_at),
      }))
      .sort((a, b) => a.ticket_id - b.ticket_id);
    return { faults: [...faults.values()].sort(byKey), done };
  }
  async function kept() {
    const faults = (
      await db.query<Fault>(
        'SELECT day, brand, model, problem, count FROM kpi_fault_day WHERE count > 0',
      )
    ).rows.sort(byKey);
    const done = (
      await db.query<{ ticket_id: number; day: string; ms: string }>(
        'SELECT ticket_id, day, ms FROM kpi_done ORDER BY ticket_id',
      )
    ).rows.map((r) => ({ ...r, ms: Number(r.ms) }));
    return { faults, done };
  }

  const t: Record<string, number> = {};
  beforeAll(async () => {
    // What the app does when the zone is set: the spans, then the aggregates refiled by them.
    for (const s of zoneSpans(ZONE)) {
      await db.query(
        'INSERT INTO shop_zone_offset (from_ms, offset_ms, zone) VALUES ($1, $2, $3)',
        [s.from, s.offset, ZONE],
      );
    }
    await rebuildPgDerived(db);
  });

  it('(PostgreSQL) are filled as tickets arrive, on the shop day (23:59:59 and 00:00 fall apart)', async () => {
    // 1 November 2026 is New York's 25-hour day (clocks go back at 02:00).
    const pixel = await device('Google', 'Pixel 8');
    const watch = await device('Huawei', 'Watch GT 4');
    t.late = await ticket(watch, at('2026-11-01T23:59:59'), { problem: 'Strap broken' });
    t.midnight = await ticket(pixel, at('2026-11-02T00:00:00'), { problem: 'Battery drains' });
    t.early = await ticket(pixel, at('2026-11-01T00:30:00'), {
      completed_at: at('2026-11-01T23:30:00'),
    });
    t.consult = await ticket(pixel, at('2026-11-02T09:00:00'), { category: 'consultation' });
    t.open = await ticket(watch, at('2026-11-02T10:00:00'), {
      completed_at: at('2026-11-03T00:00:00'),
    });
    // A problem as long as intake takes (4000 characters, 12 kB of Chinese) is filed too.
    const long = Array.from({ length: 4000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    t.long = await ticket(pixel, at('2026-11-02T11:00:00'), { problem: long });
    // UTC would file these on other days: the zone is what decides.
    expect(new Date(at('2026-11-01T23:59:59')).toISOString().slice(0, 10)).toBe('2026-11-02');
    const now = await kept();
    expect(now).toEqual(await recount());
    expect(now.faults.map((f) => [f.day, f.problem])).toEqual(
      expect.arrayContaining([
        ['2026-11-01', 'Strap broken'],
        ['2026-11-02', 'Battery drains'],
      ]),
    );
    expect(now.done.find((d) => d.ticket_id === t.early)?.ms).toBe(23 * 3_600_000 + 3_600_000);
  });

  it('(PostgreSQL) follow edits, completions, reopenings, renamed devices and deletions', async () => {
    await db.query("UPDATE ticket SET category = 'consultation' WHERE id = $1", [t.late]);
    await db.query("UPDATE ticket SET problem = 'Screen dead' WHERE id = $1", [t.midnight]);
    await db.query("UPDATE ticket SET category = 'fault' WHERE id = $1", [t.consult]);
    await db.query('UPDATE ticket SET completed_at = $1 WHERE id = $2', [
      at('2026-11-02T23:59:59'),
      t.midnight,
    ]);
    await db.query('UPDATE ticket SET completed_at = NULL WHERE id = $1', [t.open]);
    await db.query('UPDATE ticket SET received_at = $1 WHERE id = $2', [
      at('2026-10-31T22:00:00'),
      t.early,
    ]);
    await db.query(
      "UPDATE device SET brand = 'Honor', model = 'Magic 6' WHERE id = (SELECT device_id FROM ticket WHERE id = $1)",
      [t.early],
    );
    await db.query('DELETE FROM ticket WHERE id = $1', [t.consult]);
    const now = await kept();
    expect(now).toEqual(await recount());
    expect(now.faults.some((f) => f.brand === 'Google')).toBe(false);
    expect(now.faults.map((f) => [f.day, f.brand, f.problem])).toContainEqual([
      '2026-10-31',
      'Honor',
      'Screen cracked',
    ]);
  });

  it('(PostgreSQL) a diagnosed ticket is filed for the "similar repairs" search', async () => {
    await db.query("UPDATE ticket SET cause = 'Loose battery connector' WHERE id = $1", [
      t.midnight,
    ]);
    const row = await db.query(
      'SELECT model, problem, cause FROM ticket_fix_text WHERE ticket_id = $1',
      [t.midnight],
    );
    expect(row.rows).toEqual([
      { model: 'Honor Magic 6', problem: 'Screen dead', cause: 'Loose battery connector' },
    ]);
    // A diagnosed ticket can still be deleted (SQLite's FTS table holds no reference either).
    await db.query('DELETE FROM ticket WHERE id = $1', [t.midnight]);
    expect(
      (await db.query('SELECT 1 FROM ticket_fix_text WHERE ticket_id = $1', [t.midnight])).rows,
    ).toEqual([]);
    expect(await kept()).toEqual(await recount());
  });

  it('(PostgreSQL) rebuilt from the tickets after a bulk copy without triggers: the same', async () => {
    await db.query("UPDATE ticket SET cause = 'Board fault' WHERE id = $1", [t.long]);
    const before = await kept();
    expect(before.faults.length).toBeGreaterThan(2);
    const fixes = (await db.query('SELECT * FROM ticket_fix_text ORDER BY ticket_id')).rows;
    expect(fixes).toHaveLength(1);
    await db.query('BEGIN');
    await db.query('DELETE FROM kpi_fault_day');
    await db.query('DELETE FROM kpi_done');
    await db.query('DELETE FROM ticket_fix_text');
    await rebuildPgDerived(db);
    await db.query('COMMIT');
    expect(await kept()).toEqual(before);
    expect((await db.query('SELECT * FROM ticket_fix_text ORDER BY ticket_id')).rows).toEqual(
      fixes,
    );
  });
});
