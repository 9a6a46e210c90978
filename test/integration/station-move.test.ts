import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workstation } from '../../main/app';
import type { StationMoveStatusDto } from '../../main/api/contract';
import { DATABASE_CONFIG_FILE, DB_FILE, DB_PASSWORD_FILE } from '../../main/db/engine';
import { sqlOf } from '../../main/db/sql';
import { verifyAuditChain } from '../../main/domain/audit/audit-log';
import { flakySink } from '../../main/safety/drills/outbox-crash';
import { httpSinkResolver } from '../../main/safety/drills/http-sink-channel';
import { freshPgDatabase, pgClient, pgDataSource } from '../helpers/pg-migrated';
import { folderStation } from '../helpers/folder-station';
import { seededSqliteShop } from '../helpers/seeded-sqlite-shop';

/**
 * Settings → Stations → "Move this shop to a database server": the API around db:move's own
 * mover (stations.moveToServer, stations.moveStatus). Needs PostgreSQL binaries (a throwaway
 * cluster), like db-move.test.ts; the station under test is always on its SQLite file.
 */
const NOW = Date.parse('2026-11-23T18:00:00+08:00');
const DAY = 86_400_000;

const shop = seededSqliteShop({ tickets: 120, parts: 20, now: NOW - DAY });
const { copyShop, open } = shop;

async function signIn(ws: Workstation, role: string) {
  const who = shop.seeded.staff.find((s) => s.role === role && s.pin)!;
  const { token } = (await ws.call(
    'auth.login',
    { name: who.name, pin: who.pin },
    { token: null, origin: 'test' },
  )) as { token: string };
  return { token, origin: 'test' };
}

const serverOf = (url: string) => {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port),
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    // the throwaway cluster trusts every password: this one is only looked for in answers
    password: 'Secret-pw-7731',
  };
};

async function untilSettled(
  ws: Workstation,
  as: { token: string; origin: string },
): Promise<StationMoveStatusDto> {
  for (let i = 0; i < 600; i++) {
    const s = (await ws.call('stations.moveStatus', {}, as)) as StationMoveStatusDto;
    if (s.state === 'done' || s.state === 'failed') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the move did not settle');
}

const count = async (url: string, table: string) => {
  const c = await pgClient(url);
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await c.end();
  }
};

/** An e-mail queued in the station's file for one of the seeded customers, due now. */
async function queueEmail(ws: Workstation, key: string) {
  await ws.dispatcher.exclusive(() =>
    ws.services.dataSource.transaction(async (em) => {
      const sql = sqlOf(em);
      const c = (await sql.get<{ id: number }>('SELECT id FROM customer ORDER BY id LIMIT 1'))!;
      await sql.run(
        `INSERT INTO message (customer_id, event, template, channel, language, recipient, body,
           state, attempts, next_attempt_at, idempotency_key, created_at, updated_at)
         VALUES (?, 'move', 'ready_for_pickup', 'email', 'en', 'c@example.com', ?, 'queued', 0,
           ?, ?, ?, ?)`,
        c.id,
        `message ${key}`,
        NOW,
        key,
        NOW,
        NOW,
      );
    }),
  );
}

describe('stations.moveToServer (PostgreSQL)', () => {
  it('(PostgreSQL) moves the SQLite shop from the screen API, verified, and refuses writes from the start', async () => {
    const dir = copyShop();
    const url = await freshPgDatabase(shop.cluster, 'smove');
    const ws = await folderStation(dir, NOW, open);
    expect(ws.services.engine).toBe('sqlite');
    const as = await signIn(ws, 'admin');
    const target = serverOf(url);

    expect(await ws.call('stations.moveStatus', {}, as)).toMatchObject({ state: 'idle' });
    expect(await ws.call('stations.moveTest', target, as)).toMatchObject({
      server: expect.any(String),
    });
    const started = (await ws.call('stations.moveToServer', target, as)) as StationMoveStatusDto;
    expect(started.state).toBe('moving');
    expect(JSON.stringify(started)).not.toContain(target.password);
    // from the start of the copy on, nothing is saved in the file any more
    await expect(
      ws.call('settings.update', { key: 'print.language', value: 'zh' }, as),
    ).rejects.toMatchObject({
      details: { key: expect.stringMatching(/^stationsMove\.errors\.(moving|moved)$/) },
    });

    const s = await untilSettled(ws, as);
    expect(s.state, JSON.stringify(s.error)).toBe('done');
    expect(s.done).toBe(s.total);
    expect(s.total).toBeGreaterThan(0);
    expect(s.verification?.ok).toBe(true);
    expect(s.verification?.audit).toBe(true);
    expect(JSON.stringify(s)).not.toContain(target.password);

    // database.json points at the server; the file's rows are there
    const configText = fs.readFileSync(path.join(dir, DATABASE_CONFIG_FILE), 'utf8');
    const config = JSON.parse(configText);
    expect(config.engine).toBe('postgres');
    expect(new URL(config.url).pathname).toBe(`/${target.database}`);
    // the password is kept as Setup keeps it: its own 0600 file, not in database.json
    expect(configText).not.toContain(target.password);
    const pwFile = path.join(dir, DB_PASSWORD_FILE);
    expect(fs.readFileSync(pwFile, 'utf8')).toBe(target.password);
    expect(fs.statSync(pwFile).mode & 0o077).toBe(0);
    const fileTickets = Number(
      ws.services.raw.prepare('SELECT count(*) FROM ticket').pluck().get(),
    );
    expect(await count(url, 'ticket')).toBe(fileTickets);
    expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(true);

    // the moved station refuses writes with the translated code; reads go on
    await expect(
      ws.call('settings.update', { key: 'print.language', value: 'zh' }, as),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { key: 'stationsMove.errors.moved' } });
    await expect(ws.call('stations.moveToServer', target, as)).rejects.toMatchObject({
      details: { key: 'stationsMove.errors.moved' },
    });
    expect(await ws.call('tickets.list', { limit: 5 }, as)).toBeTruthy();

    // both audit entries are on the server, without the password; the chain verified
    const c = await pgClient(url);
    try {
      const { rows } = await c.query<{ action: string; details: string }>(
        `SELECT action, details FROM audit_entry WHERE action LIKE 'stations.move%' ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual(['stations.moveToServer', 'stations.moveDone']);
      for (const r of rows) expect(r.details).not.toContain(target.password);
      const done = JSON.parse(rows[1].details);
      expect(done).toMatchObject({ rows: s.total, ms: expect.any(Number) });
      expect(done.server).toContain('***');
    } finally {
      await c.end();
    }
    // appended by the audit module's own append: the chain still verifies on the server
    const server = await pgDataSource(url);
    try {
      expect(await verifyAuditChain(server.manager)).toBeNull();
    } finally {
      await server.destroy();
    }
  }, 120_000);

  it('(PostgreSQL) the moved folder opens on the server with the moved tickets', async () => {
    const dir = copyShop();
    const url = await freshPgDatabase(shop.cluster, 'smove2');
    const ws = await folderStation(dir, NOW, open);
    const as = await signIn(ws, 'admin');
    await ws.call('stations.moveToServer', serverOf(url), as);
    expect((await untilSettled(ws, as)).state).toBe('done');
    const before = (await ws.call('tickets.list', { limit: 10 }, as)) as { rows: unknown[] };
    await ws.close();
    open.splice(open.indexOf(ws), 1);
    const again = await folderStation(dir, NOW, open);
    expect(again.services.engine).toBe('postgres');
    const as2 = await signIn(again, 'admin');
    const after = (await again.call('tickets.list', { limit: 10 }, as2)) as { rows: unknown[] };
    expect(after.rows).toEqual(before.rows);
    await expect(again.call('stations.moveTest', serverOf(url), as2)).rejects.toMatchObject({
      details: { key: 'stationsMove.errors.onServer' },
    });
  }, 120_000);

  it('(PostgreSQL) refuses a non-empty target and wrong credentials, and changes nothing', async () => {
    const dir = copyShop();
    const ws = await folderStation(dir, NOW, open);
    const as = await signIn(ws, 'admin');
    const url = await freshPgDatabase(shop.cluster, 'smove3');
    const c = await pgClient(url);
    await c.query('CREATE TABLE other_app (id int)');
    await c.end();
    await expect(ws.call('stations.moveToServer', serverOf(url), as)).rejects.toMatchObject({
      details: { key: 'stationsMove.errors.notEmpty' },
    });
    const empty = await freshPgDatabase(shop.cluster, 'smove4');
    await expect(
      // the cluster trusts passwords, so the wrong sign-in is a user it does not know
      ws.call('stations.moveToServer', { ...serverOf(empty), user: 'nobody' }, as),
    ).rejects.toMatchObject({ details: { key: 'engine.errors.ENGINE_AUTH_FAILED' } });
    expect(await ws.call('stations.moveStatus', {}, as)).toMatchObject({ state: 'idle' });
    expect(fs.existsSync(path.join(dir, DATABASE_CONFIG_FILE))).toBe(false);
    expect(
      await count(empty, `information_schema.tables WHERE table_schema = current_schema()`),
    ).toBe(0);
    // the station still saves
    await ws.call('settings.update', { key: 'print.language', value: 'zh' }, as);
  }, 120_000);

  it('(PostgreSQL) the old station sends no queued message once the copy starts; the server sends it once', async () => {
    const sink = flakySink({ refuse: 0, slow: 0 });
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const { port } = sink.server.address() as AddressInfo;
    // hourly ticks: the worker looks for work at start, on a queued message's event, or kicked
    const messages = { resolver: httpSinkResolver(`http://127.0.0.1:${port}/`), tickMs: 3_600_000 };
    try {
      const dir = copyShop();
      const url = await freshPgDatabase(shop.cluster, 'smove6');
      const ws = await folderStation(dir, NOW, open, { messages: { ...messages, station: 'a' } });
      const as = await signIn(ws, 'admin');
      // the outbox runs: a message queued before the move leaves at once
      await queueEmail(ws, 'move-sent-before');
      await ws.outbox!.flush();
      expect(sink.accepted.get('move-sent-before')).toBe(1);

      await queueEmail(ws, 'move-queued');
      await ws.call('stations.moveToServer', serverOf(url), as);
      // from the copy's start the worker does nothing, whatever wakes it
      ws.outbox!.kick();
      await ws.outbox!.flush();
      expect((await untilSettled(ws, as)).state).toBe('done');
      await ws.outbox!.flush();
      expect(sink.accepted.has('move-queued')).toBe(false);
      const c = await pgClient(url);
      try {
        const { rows } = await c.query<{ key: string; state: string }>(
          `SELECT idempotency_key AS key, state FROM message WHERE event = 'move' ORDER BY id`,
        );
        expect(rows).toEqual([
          { key: 'move-sent-before', state: 'sent' },
          { key: 'move-queued', state: 'queued' },
        ]);
      } finally {
        await c.end();
      }

      // started again on the server, the station sends it, once; the earlier one not again
      await ws.close();
      open.splice(open.indexOf(ws), 1);
      const again = await folderStation(dir, NOW, open, {
        messages: { ...messages, station: 'b' },
      });
      expect(again.services.engine).toBe('postgres');
      await again.outbox!.flush();
      expect(sink.accepted.get('move-queued')).toBe(1);
      expect(sink.accepted.get('move-sent-before')).toBe(1);
    } finally {
      sink.server.close();
    }
  }, 120_000);

  it('(PostgreSQL) a counter may not move the shop', async () => {
    const dir = copyShop();
    const ws = await folderStation(dir, NOW, open);
    const as = await signIn(ws, 'counter');
    const url = await freshPgDatabase(shop.cluster, 'smove5');
    await expect(ws.call('stations.moveToServer', serverOf(url), as)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(ws.call('stations.moveStatus', {}, as)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  }, 60_000);
});
