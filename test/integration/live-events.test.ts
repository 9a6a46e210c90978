import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventName, LiveStatusDto } from '../../main/api/contract';
import { Dispatcher } from '../../main/api/dispatcher';
import { ApiError } from '../../main/api/errors';
import type { MethodDef, SignedInContext } from '../../main/api/method';
import type { BusMessage } from '../../main/events';
import type { PgLive } from '../../main/live/pg-live';
import { testOnPostgres } from '../helpers/pg-test-db';
import { PINS, openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/** Everything a station's bus carried, with when it arrived. */
function record(shop: TestShop) {
  const seen: Array<BusMessage & { at: number }> = [];
  shop.ws.events.subscribe((m) => seen.push({ ...m, at: performance.now() }));
  return {
    seen,
    of: (name: EventName) => seen.filter((m) => m.name === name),
    clear: () => void seen.splice(0),
  };
}

async function until<T>(what: string, fn: () => T | undefined | false, ms = 1_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (performance.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('settings.changed and live.status on this station (both engines)', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await openTestShop();
  });
  afterAll(() => shop.close());

  it('a saved setting is announced after commit; the link reads connected', async () => {
    const bus = record(shop);
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', { key: 'auth.sessionHours', value: 9 });
    expect(bus.of('settings.changed').map((m) => m.payload)).toEqual([
      { keys: ['auth.sessionHours'] },
    ]);
    expect(await shop.call(admin, 'live.status', {})).toMatchObject({
      state: 'connected',
      shared: testOnPostgres,
    });
  });
});

describe.skipIf(!testOnPostgres)('live updates between two stations (PostgreSQL)', () => {
  let a: TestShop;
  let b: TestShop;
  let aToken: string;
  let aAdmin: string;
  let bToken: string;
  beforeAll(async () => {
    a = await openTestShop();
    aAdmin = await a.as('admin');
    aToken = await a.as('counter');
    b = await openTestShop({ dbUrl: a.dbUrl });
    ({ token: bToken } = (await b.call(null, 'auth.login', {
      name: 'Test counter',
      pin: PINS.counter,
    })) as { token: string });
  }, 60_000);
  afterAll(async () => {
    // B first, without dropping the database A still uses
    await b.ws.close();
    fs.rmSync(b.dataDir, { recursive: true, force: true });
    await a.close();
  });

  it('an intake on A reaches B within 1 s with ids only; A hears it once', async () => {
    const onA = record(a);
    const onB = record(b);
    const t0 = performance.now();
    const { ticket: made } = (await a.call(aToken, 'intake.commit', validWalkIn())) as {
      ticket: { id: number; number: string };
    };
    const got = await until('ticket.created on B', () => onB.of('ticket.created')[0]);
    expect(got.at - t0).toBeLessThan(1_000);
    expect(got.payload).toEqual({ ticketId: made.id, number: made.number });
    await quiet(300);
    expect(onA.of('ticket.created')).toHaveLength(1);
    expect(onB.of('ticket.created')).toHaveLength(1);
    // the customer's name, phone and problem never travel (the emergency notice stays home)
    const wire = JSON.stringify(onB.seen);
    for (const personal of ['李娜', '1234 5678', 'flickers', '246810'])
      expect(wire).not.toContain(personal);
    expect(onB.of('emergency')).toHaveLength(0);
  });

  it('a burst of 120 events on A reaches B whole and in order, several to a NOTIFY statement', async () => {
    const onB = record(b);
    const pool = a.ws.services.dataSource;
    const sent: string[] = [];
    const query = pool.query.bind(pool);
    pool.query = ((sql: string, params?: unknown[]) => {
      if (sql.includes('pg_notify')) sent.push(sql);
      return query(sql, params);
    }) as typeof pool.query;
    try {
      for (let i = 0; i < 120; i++)
        a.ws.events.publish('ticket.updated', { ticketId: 900_000 + i, number: `BURST-${i}` });
      const got = await until('the whole burst on B', () => {
        const ids = onB
          .of('ticket.updated')
          .map((m) => (m.payload as { ticketId: number }).ticketId);
        return ids.filter((id) => id >= 900_000).length === 120 && ids;
      });
      expect(got.filter((id) => id >= 900_000)).toEqual(
        Array.from({ length: 120 }, (_, i) => 900_000 + i),
      );
      // the first goes alone, the rest wait for it and leave together (at most 50 a statement)
      expect(sent.length).toBeGreaterThanOrEqual(3);
      expect(sent.length).toBeLessThan(10);
    } finally {
      pool.query = query;
    }
  });

  it('a write that rolls back tells nobody', async () => {
    const onB = record(b);
    const failing = {
      name: 'test.failAfterEmit',
      input: z.object({}),
      access: 'signedIn',
      write: true,
      async handler(_input: unknown, ctx: SignedInContext) {
        await ctx.em.query('SELECT 1');
        ctx.emit('ticket.updated', { ticketId: 424242, number: 'ROLLED-BACK' });
        throw new ApiError('CONFLICT', 'refused on purpose', { key: 'errors.conflict' });
      },
    } as unknown as MethodDef;
    const d = new Dispatcher(a.ws.services, [failing], { error: () => undefined });
    const res = await d.call('test.failAfterEmit', {}, { token: aToken, origin: 'test' });
    expect(res.ok).toBe(false);
    // a real change after it still arrives, and the refused one never did
    await a.call(aToken, 'intake.commit', validWalkIn());
    await until('the next ticket on B', () => onB.of('ticket.created')[0]);
    await quiet(100);
    expect(JSON.stringify(onB.seen)).not.toContain('ROLLED-BACK');
  });

  it("B's listener terminated: reconnecting (saving waits) → back → events flow again", async () => {
    const onB = record(b);
    const live = b.ws.services.live as PgLive;
    const killed = live.backendPid;
    const before = live.status();
    let refused: Promise<unknown> | undefined;
    const off = b.ws.events.subscribe((m) => {
      // asked the moment B knows, before its first reconnect attempt
      if (
        m.name === 'live.state' &&
        (m.payload as LiveStatusDto).state === 'reconnecting' &&
        !refused
      )
        refused = b.fail(bToken, 'intake.commit', validWalkIn());
    });
    const admin = new pg.Client({ connectionString: a.dbUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT pg_terminate_backend($1) AS ok', [killed]);
      expect(rows[0].ok).toBe(true);
    } finally {
      await admin.end();
    }
    await until('reconnecting on B', () =>
      onB.of('live.state').find((m) => (m.payload as LiveStatusDto).state === 'reconnecting'),
    );
    expect(await refused).toMatchObject({ code: 'UNAVAILABLE', details: { key: 'live.readOnly' } });
    await until(
      'connected again on B',
      () => onB.of('live.state').find((m) => (m.payload as LiveStatusDto).state === 'connected'),
      5_000,
    );
    off();
    expect(live.backendPid).not.toBe(killed);
    // down and back up: two changes of the same link, which a page tells from a stale answer
    expect(await b.call(bToken, 'live.status', {})).toEqual({
      state: 'connected',
      shared: true,
      link: before.link,
      seq: before.seq + 2,
    });
    const { ticket: made } = (await a.call(aToken, 'intake.commit', validWalkIn())) as {
      ticket: { id: number };
    };
    const got = await until('ticket.created on B after the reconnect', () =>
      onB
        .of('ticket.created')
        .find((m) => (m.payload as { ticketId: number }).ticketId === made.id),
    );
    expect(got).toBeTruthy();
  });

  it("B's listener lost again while it re-reads the settings: 'connected' only with a live listener", async () => {
    const live = b.ws.services.live as PgLive;
    const settings = b.ws.services.settings;
    const load = settings.load.bind(settings);
    const admin = new pg.Client({ connectionString: a.dbUrl });
    await admin.connect();
    const terminate = (pid: number | null) => admin.query('SELECT pg_terminate_backend($1)', [pid]);
    let killedInLoad: number | null = null;
    const connectedWith: Array<number | null> = [];
    const off = b.ws.events.subscribe((m) => {
      if (m.name === 'live.state' && (m.payload as LiveStatusDto).state === 'connected')
        connectedWith.push(live.backendPid);
    });
    // The reconnect's settings read is where the second cut lands (once).
    settings.load = async (manager) => {
      if (killedInLoad === null) {
        killedInLoad = live.backendPid;
        await terminate(killedInLoad);
        await quiet(50);
      }
      return load(manager);
    };
    try {
      await terminate(live.backendPid);
      await until('connected again on B', () => connectedWith.length > 0, 5_000);
    } finally {
      settings.load = load;
      off();
      await admin.end();
    }
    expect(killedInLoad).not.toBeNull();
    expect(connectedWith).not.toContain(killedInLoad);
    const onB = record(b);
    const { ticket: made } = (await a.call(aToken, 'intake.commit', validWalkIn())) as {
      ticket: { id: number };
    };
    await until('ticket.created on B', () =>
      onB
        .of('ticket.created')
        .find((m) => (m.payload as { ticketId: number }).ticketId === made.id),
    );
  });

  it("a setting saved on A is in B's cache within 1 s", async () => {
    const onB = record(b);
    expect(b.ws.services.settings.get('shop.name')).not.toBe('Two-PC shop');
    await a.call(aAdmin, 'settings.update', { key: 'shop.name', value: 'Two-PC shop' });
    const got = await until('settings.changed on B', () => onB.of('settings.changed')[0]);
    expect(got.payload).toEqual({ keys: ['shop.name'] });
    // the cache was re-read before the event went out on B's bus
    expect(b.ws.services.settings.get('shop.name')).toBe('Two-PC shop');
  });
});
