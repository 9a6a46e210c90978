import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStaff, startHarness, type Harness } from '../e2e/harness';

/**
 * Hostile requests against a real harness process (`main/cli/web.ts`, spawned like the e2e
 * tests do). Requests go out raw (node:net, node:http), so a malformed path or a forged Host
 * reaches the server exactly as written. After each group, the process must still be running
 * and serving.
 */
let h: Harness;
let port: number;
let staticDir: string;

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-static-'));
  // The renderer's real index.html (its meta CSP, if any, is what a browser would complain about).
  fs.copyFileSync(
    path.resolve(__dirname, '../../renderer/index.html'),
    path.join(staticDir, 'index.html'),
  );
  h = await startHarness({ staticDir });
  port = Number(new URL(h.url).port);
}, 180_000);
afterAll(async () => {
  await h?.stop();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes one request byte for byte on a fresh socket and parses the answer. */
function raw(head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (data += c));
    socket.on('error', reject);
    socket.on('end', () => {
      const [top, ...rest] = data.split('\r\n\r\n');
      const lines = top.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({
        status: Number(lines[0]?.split(' ')[1] ?? 0),
        headers,
        body: rest.join('\r\n\r\n'),
      });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}

const get = (target: string, host = `127.0.0.1:${port}`, extra = '') =>
  raw(`GET ${target} HTTP/1.1\r\nHost: ${host}${extra}`);

/** Still alive, and still answering a real call. */
async function stillServing() {
  expect(h.alive()).toBe(true);
  const res = await fetch(`${h.url}/api`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { methods: unknown[] }).methods.length).toBeGreaterThan(50);
}

function dechunk(a: RawAnswer): string {
  if (a.headers['transfer-encoding'] !== 'chunked') return a.body;
  let out = '';
  let rest = a.body;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

/** The body a refusal carries: the API's error shape. */
const errorOf = (a: RawAnswer) =>
  JSON.parse(dechunk(a)) as {
    code: string;
    message: string;
    details: { key?: string };
  };

describe('the harness process under hostile requests', () => {
  it('answers 400 to malformed paths and keeps serving', async () => {
    for (const target of ['/%', '/assets/%zz', '/%E0%A4%A', '/api/x%ff']) {
      const a = await get(target);
      expect(a.status, target).toBe(400);
      expect(errorOf(a)).toMatchObject({ code: 'VALIDATION', message: expect.any(String) });
    }
    const post = await raw(
      `POST /api/auth.me%ff HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 2`,
      '{}',
    );
    expect(post.status).toBe(400);
    expect(h.output()).not.toMatch(/URIError/);
    await stillServing();
  });

  it('answers 413 with the error shape to a body over the limit (announced or streamed)', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'a');
    const send = (chunked: boolean) =>
      new Promise<{
        status: number;
        json: { code: string; message: string; details: { key: string } };
      }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/auth.login',
            headers: {
              'content-type': 'application/json',
              ...(chunked ? {} : { 'content-length': String(big.length) }),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        // streamed in slices: the server only learns the size while reading
        for (let i = 0; i < big.length; i += 1 << 20) req.write(big.subarray(i, i + (1 << 20)));
        req.end();
      });
    for (const chunked of [false, true]) {
      const r = await send(chunked);
      expect(r.status).toBe(413);
      expect(r.json).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('too large'),
        details: { key: 'errors.tooLarge' },
      });
    }
    await stillServing();
  });

  it('accepts only loopback hosts on its own port, parsed as URLs', async () => {
    const refused = [
      `127.0.0.1:1@evil.example`,
      `127.0.0.1:${port}@evil.example`,
      `127.0.0.1:${port + 1}`,
      `evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port}/x`,
      '',
    ];
    for (const host of refused) {
      const a = await get('/api', host);
      expect(a.status, host).toBe(403);
      expect(errorOf(a)).toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await get('/api', host)).status, host).toBe(200);
    }
    const origin = (o: string) => get('/api', `127.0.0.1:${port}`, `\r\nOrigin: ${o}`);
    expect((await origin(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await origin(`http://127.0.0.1:1@evil.example`)).status).toBe(403);
    expect((await origin(`http://127.0.0.1:${port + 1}`)).status).toBe(403);
    expect((await origin(`https://127.0.0.1:${port}`)).status).toBe(403);
    await stillServing();
  });

  it('opens the event socket only for its own loopback host and port', async () => {
    await createStaff(h, [{ name: 'Wu Counter', role: 'counter', pin: '1212' }]);
    const { token } = await h.api<{ token: string }>('auth.login', {
      name: 'Wu Counter',
      pin: '1212',
    });
    const open = (host: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers: { host } });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    expect(await open(`127.0.0.1:${port}`)).toBe('open');
    expect(await open(`127.0.0.1:1@evil.example`)).toBe('401');
    expect(await open(`127.0.0.1:${port}@evil.example`)).toBe('401');
    expect(await open(`localhost:${port + 1}`)).toBe('401');
    await stillServing();
  });

  it('sends the CSP as a header (with frame-ancestors), not as a meta tag', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`ws://127.0.0.1:${port}`);
    expect(page.body).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    // a client-side route is the same page with the same header
    expect((await get('/settings')).headers['content-security-policy']).toBe(csp);
    // JSON answers are not pages
    expect((await get('/api')).headers['content-security-policy']).toBeUndefined();
  });
});
