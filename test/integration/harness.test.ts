import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness } from '../../main/web/server';
import { openTestShop, PINS, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let harness: Awaited<ReturnType<typeof startHarness>>;
let staticDir: string;

beforeAll(async () => {
  shop = await openTestShop();
  await shop.as('counter');
  await shop.as('manager');
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>workstation</title>');
  harness = await startHarness({ workstation: shop.ws, port: 0, staticDir });
});
afterAll(async () => {
  await harness.close();
  await shop.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** Raw http so the Host and Origin headers can be forged the way an attacker's page would. */
function request(
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const url = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        method,
        path: urlPath,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON: a static file */
          }
          resolve({ status: res.statusCode ?? 0, json, text });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

const login = async (name: string, pin: string) =>
  ((await request('POST', '/api/auth.login', { name, pin })).json as { token: string }).token;

describe('the browser harness', () => {
  it('lists every method with its permission and JSON schema', async () => {
    const res = await request('GET', '/api');
    const { methods } = res.json as { methods: Array<{ name: string; permission: string; input: { type: string } }> };
    expect(methods.map((m) => m.name).sort()).toEqual(shop.ws.dispatcher.methods().map((m) => m.name).sort());
    const commit = methods.find((m) => m.name === 'intake.commit')!;
    expect(commit.permission).toBe('intake.create');
    expect(commit.input.type).toBe('object');
  });

  it('signs in and calls methods with a bearer token', async () => {
    const res = await request('POST', '/api/auth.login', { name: 'Test counter', pin: PINS.counter });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ staff: { name: 'Test counter', role: 'counter' } });
    const token = (res.json as { token: string }).token;
    const created = await request('POST', '/api/intake.commit', validWalkIn(), { authorization: `Bearer ${token}` });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ ticket: { number: 'R-000001' } });
  });

  it('maps error codes to HTTP statuses with the error object', async () => {
    const counter = await login('Test counter', PINS.counter);
    const auth = { authorization: `Bearer ${counter}` };
    expect((await request('POST', '/api/intake.commit', { customer: 1 }, auth)).status).toBe(400);
    expect((await request('POST', '/api/customers.search', { q: 'x' })).status).toBe(401);
    expect((await request('POST', '/api/staff.create', { name: 'x', role: 'admin', pin: '1234' }, auth)).status).toBe(403);
    const missing = await request('POST', '/api/customers.get', { id: 999 }, auth);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
    expect((await request('POST', '/api/no.such', {}, auth)).status).toBe(404);
    expect((await request('POST', '/api/customers.search', '{not json', auth)).status).toBe(400);
    expect((await request('POST', '/api/customers.search', 'q=1', { ...auth, 'content-type': 'text/plain' })).status).toBe(400);
  });

  it('refuses foreign hosts and origins (DNS rebinding, cross-site pages)', async () => {
    expect((await request('GET', '/api', undefined, { host: 'evil.example:80' })).status).toBe(403);
    expect((await request('POST', '/api/auth.login', { name: 'Admin', pin: '0000' }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('GET', '/api', undefined, { origin: `${harness.url}` })).status).toBe(200);
  });

  it('serves the renderer, and never files outside it', async () => {
    const index = await request('GET', '/');
    expect(index.text).toContain('<title>workstation</title>');
    const escape = await request('GET', '/../../etc/passwd');
    expect(escape.text).not.toContain('root:');
  });

  it('pushes events over the WebSocket, emergencies only to managers', async () => {
    const counter = await login('Test counter', PINS.counter);
    const manager = await login('Test manager', PINS.manager);
    const wsUrl = harness.url.replace('http', 'ws');
    const listen = (token: string) =>
      new Promise<{ socket: WebSocket; seen: string[] }>((resolve, reject) => {
        const socket = new WebSocket(`${wsUrl}/ws?token=${token}`);
        const seen: string[] = [];
        socket.on('message', (m) => seen.push(JSON.parse(String(m)).name));
        socket.on('open', () => resolve({ socket, seen }));
        socket.on('error', reject);
      });
    const a = await listen(counter);
    const b = await listen(manager);
    const emergency = validWalkIn({ ticket: { ...validWalkIn().ticket, priority: 'emergency' } });
    await request('POST', '/api/intake.commit', emergency, { authorization: `Bearer ${counter}` });
    await expect.poll(() => b.seen).toContain('emergency');
    expect(a.seen).toContain('ticket.created');
    expect(a.seen).not.toContain('emergency');
    a.socket.close();
    b.socket.close();
    const refused = new WebSocket(`${wsUrl}/ws?token=nope`);
    await new Promise((resolve) => refused.on('error', resolve));
  });

  it('ends a deactivated person’s pages at once: session.ended over the WebSocket, then 4001', async () => {
    await shop.addStaff({ name: 'Leaving Lee', role: 'counter', pin: '7391' });
    const lee = await login('Leaving Lee', '7391');
    const admin = await shop.as('admin');
    const socket = new WebSocket(`${harness.url.replace('http', 'ws')}/ws?token=${lee}`);
    const messages: unknown[] = [];
    socket.on('message', (m) => messages.push(JSON.parse(String(m))));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    const rows = (await shop.call(admin, 'staff.list', {})) as Array<{ id: number; name: string; version: number }>;
    const row = rows.find((r) => r.name === 'Leaving Lee')!;
    await shop.call(admin, 'staff.setActive', { id: row.id, active: false, reason: 'Moved away', version: row.version });
    expect(await closed).toBe(4001);
    expect(messages).toEqual([{ name: 'session.ended', payload: { reason: 'deactivated' } }]);
    const next = await request('POST', '/api/auth.me', {}, { authorization: `Bearer ${lee}` });
    expect(next.status).toBe(401);
    expect(next.json).toMatchObject({ details: { key: 'errors.sessionEnded.deactivated' } });
  });

  it('counts wrong PINs per browser (X-Station), so one browser cannot lock another out', async () => {
    const wrong = (station: string) =>
      request('POST', '/api/auth.login', { name: 'Test manager', pin: '9999' }, { 'x-station': station });
    for (let i = 0; i < 4; i++) expect((await wrong('browser-a')).status).toBe(401);
    expect((await wrong('browser-a')).json).toMatchObject({ details: { key: 'errors.locked' } });
    const origins = await shop.sql.all<{ origin: string }>('SELECT origin FROM pin_guard');
    expect(origins.map((o) => o.origin)).toEqual(['http:127.0.0.1#browser-a']);
    await shop.sql.run('DELETE FROM pin_guard');
    await shop.sql.run('UPDATE staff SET locked_until = NULL');
  });
});

describe('the harness when a handler throws', () => {
  it('answers 500 with the error shape, logs it, and keeps serving', async () => {
    // A failing dependency injected, not a route left in the product: the dispatcher throws
    // (as a bug in any handler would) for one method name.
    const logged: string[] = [];
    const failing = {
      ...shop.ws,
      dispatcher: Object.assign(Object.create(shop.ws.dispatcher) as typeof shop.ws.dispatcher, {
        call: (
          name: string,
          input: unknown,
          meta: Parameters<typeof shop.ws.dispatcher.call>[2],
        ) => {
          if (name === 'tickets.list') throw new TypeError('handler blew up');
          return shop.ws.dispatcher.call(name as never, input, meta);
        },
      }),
    };
    const own = await startHarness({
      workstation: failing,
      port: 0,
      staticDir,
      logger: { error: (message, err) => logged.push(`${message}: ${String(err)}`) },
    });
    try {
      const send = (method: string) =>
        fetch(`${own.url}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      const res = await send('tickets.list');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        code: 'INTERNAL',
        message: 'Something went wrong.',
        details: { key: 'errors.internal' },
      });
      expect(logged).toEqual([expect.stringContaining('handler blew up')]);
      expect(logged[0]).toContain('POST /api/tickets.list');
      // the same server answers the next call normally
      const next = await send('auth.login');
      expect(next.status).toBe(400);
      expect((await fetch(`${own.url}/api`)).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
