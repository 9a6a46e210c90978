import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createWorkstation } from '../app';
import type { IntakeResult } from '../api/contract';
import { pgClientConfig } from '../db/open-postgres';
import { sqlOf } from '../db/sql';
import { LIVE_CHANNEL } from '../live/pg-live';
import { expectOk, skippedLine, type BenchCtx } from './bench-ctx';
import { intakeInput } from './bench-intake';
import type { Sampled } from './bench-lookup';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Deliveries awaited by key; one that never comes fails the line loudly after `ms`. */
function deliveries<K>(ms: number) {
  const waiting = new Map<K, (at: number) => void>();
  return {
    expect(key: K): Promise<number> {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no delivery within ${ms} ms`)), ms);
        waiting.set(key, (at) => {
          clearTimeout(t);
          resolve(at);
        });
      });
    },
    arrived(key: K) {
      const done = waiting.get(key);
      waiting.delete(key);
      done?.(performance.now());
    },
  };
}

/**
 * `event.propagation` (PostgreSQL): a walk-in committed on this station (A) until its
 * `ticket.created` reaches a second station (B, its own workstation on the same database and
 * its own listening connection) and is published on B's bus. The clock starts when A's bus
 * publishes the event, i.e. after commit; `raw_p95_ms` is a bare NOTIFY on one `pg` client until
 * another client's LISTEN hears it. `naive_p95_ms` is B without live updates, asking for the
 * newest ticket every second as a polling board would (at most 10 trips: each costs up to 1 s).
 * On SQLite there is one process: the line says so.
 */
export async function benchLive(c: BenchCtx, sampled: Sampled): Promise<void> {
  const { ws, n, warm, want, print, call, rand } = c;
  if (!want('event.propagation')) return;
  const database = ws.services.database;
  if (database.engine !== 'postgres') {
    print(skippedLine('event.propagation', 'SQLite: one process, no other station to reach'));
    return;
  }
  const bDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-station-b-'));
  const b = await createWorkstation({
    dataDir: bDir,
    database,
    logger: { error: (m, e) => console.error(m, ...(e === undefined ? [] : [e])) },
  });
  const listener = new pg.Client(pgClientConfig(database.url));
  const sender = new pg.Client(pgClientConfig(database.url));
  try {
    // the app: A's bus (after commit) → NOTIFY → B's listener → B's bus
    const committed = new Map<number, number>();
    const offA = ws.events.subscribe((m) => {
      if (m.name === 'ticket.created')
        committed.set((m.payload as { ticketId: number }).ticketId, performance.now());
    });
    const app: number[] = [];
    try {
      for (let i = 0; i < warm + n; i++) {
        const input = intakeInput(i, sampled, rand);
        // the ticket id is known only once the call returns: wait for any next delivery on B
        let seen: number | null = null;
        const next = new Promise<number>((resolve, reject) => {
          const t = setTimeout(
            () => reject(new Error('event.propagation: no delivery on B')),
            5_000,
          );
          const off = b.events.subscribe((m) => {
            if (m.name !== 'ticket.created') return;
            seen = (m.payload as { ticketId: number }).ticketId;
            clearTimeout(t);
            off();
            resolve(performance.now());
          });
        });
        const res = await call('intake.commit', input);
        expectOk(res, 'intake.commit');
        const id = (res as { result: IntakeResult }).result.ticket.id;
        const at = await next;
        if (seen !== id) throw new Error(`event.propagation: B heard ticket ${seen}, not ${id}`);
        if (i >= warm) app.push(at - committed.get(id)!);
      }
    } finally {
      offA();
    }
    // the baseline: the same trip on two bare connections
    await listener.connect();
    await sender.connect();
    const onRaw = deliveries<string>(5_000);
    listener.on('notification', (msg) => onRaw.arrived(msg.payload ?? ''));
    await listener.query(`LISTEN bench_${LIVE_CHANNEL}`);
    const raw: number[] = [];
    for (let i = 0; i < warm + n; i++) {
      const key = `{"n":"ticket.created","p":{"ticketId":${i}}}`;
      const heard = onRaw.expect(key);
      const t0 = performance.now();
      await sender.query('SELECT pg_notify($1, $2)', [`bench_${LIVE_CHANNEL}`, key]);
      const at = await heard;
      if (i >= warm) raw.push(at - t0);
    }
    const naive = await pollingTrips(c, sampled, sqlOf(b.services.dataSource.manager), ws);
    app.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);
    print({
      name: 'event.propagation',
      n,
      p50_ms: round(percentile(app, 0.5)),
      p95_ms: round(percentile(app, 0.95)),
      raw_p95_ms: round(percentile(raw, 0.95)),
      naive_p95_ms: round(percentile(naive, 0.95)),
      naive_n: naive.length,
      naive_poll_ms: POLL_MS,
      target_p95_ms: 150,
    });
    console.error(`bench: event.propagation added ${warm + n + naive.length} tickets`);
  } finally {
    await listener.end().catch(() => undefined);
    await sender.end().catch(() => undefined);
    // station B's folder goes now: retired, so it does not stay in the shop's list of stations
    await c.raw.sql
      .run('UPDATE station SET retired_at = ? WHERE id = ?', Date.now(), b.services.station.id)
      .catch((err: unknown) => console.error('bench: station B was not retired', err));
    await b.close();
    fs.rmSync(bDir, { recursive: true, force: true });
  }
}

const POLL_MS = 1000;

/** The baseline a shop without live updates has: B polls for the newest ticket every second. */
async function pollingTrips(
  c: BenchCtx,
  sampled: Sampled,
  bSql: ReturnType<typeof sqlOf>,
  a: BenchCtx['ws'],
): Promise<number[]> {
  const newest = async () =>
    Number((await bSql.get<{ id: number | null }>('SELECT max(id) AS id FROM ticket'))?.id ?? 0);
  let seenUpTo = await newest();
  let waiter: { id: number; resolve: (at: number) => void } | null = null;
  const timer = setInterval(() => {
    void newest().then((id) => {
      seenUpTo = id;
      if (waiter && id >= waiter.id) {
        waiter.resolve(performance.now());
        waiter = null;
      }
    });
  }, POLL_MS);
  const trips: number[] = [];
  try {
    for (let i = 0; i < Math.min(c.n, 10); i++) {
      const committed = new Promise<number>((resolve) => {
        const off = a.events.subscribe((m) => {
          if (m.name !== 'ticket.created') return;
          off();
          resolve(performance.now());
        });
      });
      const res = await c.call('intake.commit', intakeInput(10_000 + i, sampled, c.rand));
      expectOk(res, 'intake.commit');
      const id = (res as { result: IntakeResult }).result.ticket.id;
      const t0 = await committed;
      const at =
        seenUpTo >= id
          ? performance.now()
          : await new Promise<number>((resolve) => (waiter = { id, resolve }));
      trips.push(at - t0);
    }
  } finally {
    clearInterval(timer);
  }
  return trips.sort((x, y) => x - y);
}
