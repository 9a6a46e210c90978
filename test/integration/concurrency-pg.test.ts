import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dispatcher } from '../../main/api/dispatcher';
import type { MethodDef, SignedInContext } from '../../main/api/method';
import { createWorkstation, type Workstation } from '../../main/app';
import type { ApiErrorBody } from '../../main/api/errors';
import type { DayCloseDto, IntakeResult, TicketPartDto } from '../../main/api/contract';
import { verifyAuditChain } from '../../main/domain/audit/audit-log';
import { addStaffWithPin, bootstrapAdmin } from '../../main/domain/staff/bootstrap';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';
import { PINS } from '../helpers/pins';
import { validWalkIn } from '../helpers/workstation';

/** Monday 2026-11-23, 19:00 in the shop (Asia/Shanghai): the day has begun, so it can close. */
const DAY = '2026-11-23';
const NOW = Date.parse(`${DAY}T19:00:00+08:00`);
const STATIONS = 8;
const WALK_INS_EACH = 6;
const STOCK = 5;

interface Station {
  ws: Workstation;
  dir: string;
  token: string;
  call(
    method: string,
    input: unknown,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiErrorBody }>;
}

let cluster: PgCluster;
let url: string;
const stations: Station[] = [];

async function station(i: number): Promise<Station> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ws-conc-${i}-`));
  const ws = await createWorkstation({
    dataDir: dir,
    dbUrl: url,
    now: () => NOW,
    logger: { error: (m, e) => console.error(m, e) },
  });
  const call = (method: string, input: unknown, token: string | null = null) =>
    ws.dispatcher.call(method, input, { token, origin: `test:station-${i}` });
  const must = async (method: string, input: unknown, token: string | null) => {
    const res = await call(method, input, token);
    if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result;
  };
  if (i === 0) {
    const admin = await bootstrapAdmin(must, PINS.admin);
    await addStaffWithPin(must, admin, {
      name: 'Bench manager',
      role: 'manager',
      pin: PINS.manager,
    });
  }
  const { token } = (await must(
    'auth.login',
    { name: 'Bench manager', pin: PINS.manager },
    null,
  )) as { token: string };
  return { ws, dir, token, call: (m, input) => call(m, input, token) };
}

const ok = async <T>(s: Station, method: string, input: unknown): Promise<T> => {
  const res = await s.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.result as T;
};

describe.skipIf(!pgAvailable())('many stations writing at once (PostgreSQL)', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await freshPgDatabase(cluster, 'conc');
    stations.push(await station(0));
    for (let i = 1; i < STATIONS; i++) stations.push(await station(i));
  }, 120_000);
  afterAll(async () => {
    for (const s of stations) {
      await s.ws.close();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
    await cluster?.stop();
  });

  it('8 stations take walk-ins and fit the same part: numbers gap-free, stock never below zero, one audit chain', async () => {
    const first = stations[0];
    const part = await ok<{ id: number }>(first, 'parts.save', {
      sku: 'SCR-IP13',
      barcodes: ['690000000013'],
      name: 'iPhone 13 screen',
      category: 'Screens',
      models: ['iPhone 13'],
      bin: 'A-01',
      costCents: 1000,
      priceCents: 2500,
      reorderPoint: 0,
      reorderQty: 5,
    });
    // (The shelf count, as a manager's adjustment: the stock was already in the shop.)
    await ok(first, 'stock.adjust', { partId: part.id, qty: STOCK, reason: 'opening count' });

    const acknowledged: string[] = [];
    const refusals: string[] = [];
    let fitted = 0;
    const started = performance.now();
    // Each station: a walk-in, then straight to the bench to take one screen and fit it.
    await Promise.all(
      stations.map(async (s) => {
        for (let k = 0; k < WALK_INS_EACH; k++) {
          const intake = await ok<IntakeResult>(s, 'intake.commit', validWalkIn());
          acknowledged.push(intake.ticket.number);
          const reserved = await s.call('ticketParts.reserve', {
            ticketId: intake.ticket.id,
            partId: part.id,
          });
          if (!reserved.ok) {
            refusals.push(`${reserved.error.code} ${reserved.error.details?.key}`);
            continue;
          }
          const tp = reserved.result as TicketPartDto;
          await ok(s, 'ticketParts.consume', { id: tp.id, version: tp.version });
          fitted++;
        }
      }),
    );
    const ms = Math.round(performance.now() - started);
    const retries = stations.reduce((n, s) => n + s.ws.dispatcher.pgRetries.retried, 0);
    const gaveUp = stations.reduce((n, s) => n + s.ws.dispatcher.pgRetries.gaveUp, 0);
    console.log(
      `concurrency-pg: ${STATIONS} stations, ${acknowledged.length} intakes, ${fitted + refusals.length} reservations ` +
        `(${fitted} fitted, ${refusals.length} refused), ${retries} retries, ${gaveUp} CONFLICT after retries, ${ms} ms`,
    );

    const total = STATIONS * WALK_INS_EACH;
    expect(acknowledged).toHaveLength(total);
    const seqs = acknowledged.map((n) => Number(/(\d+)$/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    // Exactly the stock on the shelf was fitted; every other bench got the translated refusal.
    expect(fitted).toBe(STOCK);
    expect(new Set(refusals)).toEqual(new Set(['CONFLICT errors.stockShort']));
    expect(refusals).toHaveLength(total - STOCK);

    const db = await pgClient(url);
    try {
      const bal = (
        await db.query('SELECT on_hand, reserved FROM stock_balance WHERE part_id = $1', [part.id])
      ).rows[0];
      expect({ onHand: Number(bal.on_hand), reserved: Number(bal.reserved) }).toEqual({
        onHand: 0,
        reserved: 0,
      });
      // The ledger never shows the shelf below zero, and no movement needed an override.
      const low = await db.query(
        'SELECT count(*)::int AS n FROM stock_movement WHERE part_id = $1 AND (on_hand_after < 0 OR override_by IS NOT NULL)',
        [part.id],
      );
      expect(low.rows[0].n).toBe(0);
      const sum = await db.query(
        'SELECT sum(qty)::int AS n FROM stock_movement WHERE part_id = $1',
        [part.id],
      );
      expect(sum.rows[0].n).toBe(0);
      const dbNumbers = await db.query('SELECT count(DISTINCT number)::int AS n FROM ticket');
      expect(dbNumbers.rows[0].n).toBe(total);

      // One chain: gap-free ids, each entry linked to the one before it, every hash right.
      const ids = await db.query(
        'SELECT min(id)::int AS lo, max(id)::int AS hi, count(*)::int AS n FROM audit_entry',
      );
      expect(ids.rows[0]).toEqual({ lo: 1, hi: ids.rows[0].n, n: ids.rows[0].n });
      const links = await db.query(
        `SELECT count(*)::int AS n FROM audit_entry a JOIN audit_entry b ON b.id = a.id - 1 WHERE a.prev_hash <> b.hash`,
      );
      expect(links.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
    expect(await verifyAuditChain(first.ws.services.dataSource.manager)).toBeNull();
  }, 300_000);

  it('2 stations close the same day at once: one wins, the other is told the day is closed', async () => {
    const [a, b] = stations;
    const view = await ok<DayCloseDto>(a, 'dayClose.get', { date: DAY });
    expect(view.closed).toBeNull();
    const input = { date: DAY, countedCents: view.cash.expectedCents };
    const results = await Promise.all([
      a.call('dayClose.close', input),
      b.call('dayClose.close', input),
    ]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r): r is { ok: false; error: ApiErrorBody } => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => [r.error.code, r.error.details?.key])).toEqual([
      ['CONFLICT', 'errors.dayAlreadyClosed'],
    ]);
    const db = await pgClient(url);
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM day_close')).rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
    expect(await verifyAuditChain(a.ws.services.dataSource.manager)).toBeNull();
  }, 120_000);

  it('a deadlock between two stations is re-run once and both calls succeed; events only from the attempt that committed', async () => {
    const [, , a, b] = stations;
    const db = await pgClient(url);
    await db.query("INSERT INTO sequence (name, value) VALUES ('dl-a', 0), ('dl-b', 0)");
    await db.end();
    const runs = { 'dl-a': 0, 'dl-b': 0 };
    let waiting = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const crossing = {
      name: 'test.crossing',
      input: z.object({ first: z.enum(['dl-a', 'dl-b']), second: z.enum(['dl-a', 'dl-b']) }),
      access: 'public',
      write: true,
      async handler(
        input: { first: 'dl-a' | 'dl-b'; second: 'dl-a' | 'dl-b' },
        ctx: SignedInContext,
      ) {
        const attempt = ++runs[input.first];
        await ctx.em.query('UPDATE sequence SET value = value + 1 WHERE name = $1', [input.first]);
        // Emitted by the victim's first attempt too: that one must never be published.
        ctx.emit('ticket.updated', { ticketId: attempt, number: input.first });
        // First attempts meet here holding one row each, then each asks for the other's row.
        if (attempt === 1 && ++waiting === 2) release();
        if (attempt === 1) await bothLocked;
        await ctx.em.query('UPDATE sequence SET value = value + 1 WHERE name = $1', [input.second]);
        return attempt;
      },
    } as unknown as MethodDef;
    const log = { error: (m: string, e?: unknown) => console.error(m, e) };
    const da = new Dispatcher(a.ws.services, [crossing], log);
    const dbb = new Dispatcher(b.ws.services, [crossing], log);
    const published: string[] = [];
    const offA = a.ws.events.subscribe((m) => published.push(JSON.stringify(m)));
    const offB = b.ws.events.subscribe((m) => published.push(JSON.stringify(m)));
    const [ra, rb] = await Promise.all([
      da.call('test.crossing', { first: 'dl-a', second: 'dl-b' }, { token: null, origin: 'test' }),
      dbb.call('test.crossing', { first: 'dl-b', second: 'dl-a' }, { token: null, origin: 'test' }),
    ]);
    offA();
    offB();
    expect([ra.ok, rb.ok]).toEqual([true, true]);
    // PostgreSQL chose one victim: that call ran twice, the other once.
    expect([runs['dl-a'], runs['dl-b']].sort()).toEqual([1, 2]);
    expect(da.pgRetries.retried + dbb.pgRetries.retried).toBe(1);
    const check = await pgClient(url);
    try {
      const rows = (
        await check.query("SELECT name, value FROM sequence WHERE name LIKE 'dl-%' ORDER BY name")
      ).rows;
      expect(rows.map((r: { value: number }) => Number(r.value))).toEqual([2, 2]);
    } finally {
      await check.end();
    }
    // Each station also hears the other's event over LISTEN/NOTIFY (live updates), so the same
    // message may be seen twice; a published first attempt would be a third distinct one.
    const events = new Set(published.filter((m) => m.includes('"dl-')));
    expect(events.size).toBe(2);
  }, 120_000);

  it('a race lost on every attempt is answered CONFLICT (errors.busy) after 3 re-runs, audited, nothing kept', async () => {
    const [first] = stations;
    let runs = 0;
    const losing = {
      name: 'test.losing',
      input: z.object({}),
      access: 'public',
      write: true,
      async handler(_input: unknown, ctx: SignedInContext) {
        runs++;
        await ctx.em.query("INSERT INTO sequence (name, value) VALUES ('lost', 1)");
        // The server's own serialization failure, as SERIALIZABLE would raise it.
        await ctx.em.query(
          "DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$",
        );
        return null;
      },
    } as unknown as MethodDef;
    const d = new Dispatcher(first.ws.services, [losing], { error: () => undefined });
    const res = await d.call('test.losing', {}, { token: null, origin: 'test' });
    expect(res.ok ? null : [res.error.code, res.error.details?.key]).toEqual([
      'CONFLICT',
      'errors.busy',
    ]);
    expect(runs).toBe(4);
    expect(d.pgRetries).toEqual({ retried: 3, gaveUp: 1 });
    const db = await pgClient(url);
    try {
      expect(
        (await db.query("SELECT count(*)::int AS n FROM sequence WHERE name = 'lost'")).rows[0].n,
      ).toBe(0);
      const audit = await db.query(
        "SELECT outcome, details FROM audit_entry WHERE action = 'test.losing'",
      );
      expect(audit.rows).toEqual([
        { outcome: 'rejected', details: JSON.stringify({ code: 'CONFLICT' }) },
      ]);
    } finally {
      await db.end();
    }
    expect(await verifyAuditChain(first.ws.services.dataSource.manager)).toBeNull();
  }, 120_000);
});
