import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Workstation } from '../app';
import { ApiError, HTTP_STATUS, type ApiErrorBody } from '../api/errors';
import { PHOTO_MAX_BYTES_CEILING } from '../api/schemas/photos';
import { eventVisibleTo } from '../events';
import { isAllowedOrigin, isLoopbackHost } from './loopback';
import { serveStatic } from './static-files';

/** Room for the largest photo a setting may allow (as base64) plus the rest of the request. */
const MAX_BODY = Math.ceil(PHOTO_MAX_BYTES_CEILING / 3) * 4 + 64 * 1024;

export interface HarnessOptions {
  workstation: Workstation;
  port: number;
  /** The built renderer (out/web). */
  staticDir: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiErrorBody) {
  sendJson(res, HTTP_STATUS[error.code], error);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError('VALIDATION', 'The request is too large.', { key: 'errors.tooLarge' }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What `GET /api` serves: every method, its permission and its input as JSON schema. */
export function methodList(ws: Workstation) {
  return {
    methods: ws.dispatcher.methods().map((m) => ({
      name: m.name,
      permission: m.access,
      write: m.write,
      input: z.toJSONSchema(m.input, { io: 'input', unrepresentable: 'any' }),
    })),
  };
}

const bearer = (req: IncomingMessage) => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

/**
 * The station a call comes from: the remote address and the browser's own id (kept in its
 * localStorage, sent as `X-Station`), so wrong PINs typed in one browser pause that browser,
 * not every browser on the PC. An id a client makes up only changes which station counts its
 * guesses; the person's own lock and the account-wide pause still apply (pin-lockout.ts).
 */
function stationOf(req: IncomingMessage): string {
  const id = req.headers['x-station'];
  const station = typeof id === 'string' && /^[A-Za-z0-9-]{1,40}$/.test(id) ? `#${id}` : '';
  return `http:${req.socket.remoteAddress ?? '?'}${station}`;
}

async function handleApi(ws: Workstation, req: IncomingMessage, res: ServerResponse, name: string) {
  if (req.method !== 'POST') {
    sendError(
      res,
      new ApiError('NOT_FOUND', 'Use POST for API methods.', {
        key: 'errors.unknownMethod',
      }).toJSON(),
    );
    return;
  }
  // A JSON content type forces a CORS preflight, which a foreign page cannot pass.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendError(
      res,
      new ApiError('VALIDATION', 'Send JSON (Content-Type: application/json).', {
        key: 'errors.validation',
      }).toJSON(),
    );
    return;
  }
  let input: unknown;
  try {
    const text = await readBody(req);
    input = text.trim() ? JSON.parse(text) : {};
  } catch (err) {
    const e =
      err instanceof ApiError
        ? err
        : new ApiError('VALIDATION', 'The request body is not valid JSON.', {
            key: 'errors.badJson',
          });
    sendError(res, e.toJSON());
    return;
  }
  const result = await ws.dispatcher.call(name, input, {
    token: bearer(req),
    origin: stationOf(req),
  });
  if (result.ok) sendJson(res, 200, result.result);
  else sendError(res, result.error);
}

export async function startHarness(
  opts: HarnessOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const { workstation } = opts;
  const server = http.createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host) || !isAllowedOrigin(req.headers.origin)) {
      sendError(
        res,
        new ApiError('FORBIDDEN', 'Only this computer may use the harness.', {
          key: 'errors.forbidden',
        }).toJSON(),
      );
      return;
    }
    const url = req.url ?? '/';
    if (url === '/api' || url === '/api/') {
      if (req.method === 'GET') sendJson(res, 200, methodList(workstation));
      else
        sendError(
          res,
          new ApiError('NOT_FOUND', 'Unknown API method "".', {
            key: 'errors.unknownMethod',
          }).toJSON(),
        );
      return;
    }
    if (url.startsWith('/api/')) {
      handleApi(workstation, req, res, decodeURIComponent(url.slice(5).split('?')[0])).catch(() => {
        if (!res.headersSent)
          sendError(
            res,
            new ApiError('INTERNAL', 'Something went wrong.', { key: 'errors.internal' }).toJSON(),
          );
      });
      return;
    }
    serveStatic(opts.staticDir, url, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const session = workstation.services.sessions.get(url.searchParams.get('token'));
    if (
      url.pathname !== '/ws' ||
      !isLoopbackHost(req.headers.host) ||
      !isAllowedOrigin(req.headers.origin) ||
      !session
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      const token = session.token;
      const unsubscribe = workstation.events.subscribe((msg) => {
        const current = workstation.services.sessions.get(token);
        if (!current) {
          client.close(4001, 'signed out');
          return;
        }
        if (eventVisibleTo(msg.name, current.role)) client.send(JSON.stringify(msg));
      });
      // Deactivated, new role, PIN reset, expired: this page goes to sign-in now, told why.
      const offEnd = workstation.services.sessions.onEnd((ended, reason) => {
        if (ended !== token) return;
        client.send(JSON.stringify({ name: 'session.ended', payload: { reason } }));
        client.close(4001, 'session ended');
      });
      const stop = () => {
        unsubscribe();
        offEnd();
      };
      client.on('close', stop);
      client.on('error', stop);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
