import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Workstation } from '../app';
import type { Logger } from '../api/dispatcher';
import { contentSecurityPolicy } from '../security/csp';
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
  /** Where a request that failed unexpectedly is reported (default: stderr). */
  logger?: Logger;
}

const stderrLogger: Logger = {
  error: (message, err) => console.error(`[harness] ${message}`, err),
};

const forbidden = () =>
  new ApiError('FORBIDDEN', 'Only this computer may use the harness.', {
    key: 'errors.forbidden',
  }).toJSON();

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

/** A body over the limit: answered 413 with the error shape, never a connection reset. */
class BodyTooLarge extends Error {}

/** Bytes of an oversized body the server still reads (and drops) after answering 413, so the
 * client finishes sending and reads the answer; beyond this the connection is cut. */
const DRAIN_LIMIT = 4 * MAX_BODY;

function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length']) > MAX_BODY) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) {
        chunks.push(c);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendTooLarge(req: IncomingMessage, res: ServerResponse) {
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
  const limitMb = Math.floor(MAX_BODY / 1024 / 1024);
  sendJson(
    res,
    413,
    new ApiError('VALIDATION', `The request is too large (at most ${limitMb} MB).`, {
      key: 'errors.tooLarge',
      params: { limitBytes: MAX_BODY },
    }).toJSON(),
  );
}

/** Percent-decodes a request path; null when it is malformed (`/%`, `/%E0%A4%A`, `/%ff`). */
export function decodePath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0]);
  } catch {
    return null;
  }
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
    if (err instanceof BodyTooLarge) {
      sendTooLarge(req, res);
      return;
    }
    sendError(
      res,
      new ApiError('VALIDATION', 'The request body is not valid JSON.', {
        key: 'errors.badJson',
      }).toJSON(),
    );
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
  const logger = opts.logger ?? stderrLogger;
  // Known once listening; requests only arrive after that.
  let port = 0;
  let csp = '';

  /** Every request goes through here; whatever it throws is answered by `lastResort`. */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendError(res, forbidden());
      return;
    }
    const url = req.url ?? '/';
    const pathname = decodePath(url);
    if (pathname === null) {
      sendError(
        res,
        new ApiError('VALIDATION', 'The request path is malformed.', {
          key: 'errors.badJson',
        }).toJSON(),
      );
      return;
    }
    if (pathname === '/api' || pathname === '/api/') {
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
    if (pathname.startsWith('/api/')) {
      await handleApi(workstation, req, res, pathname.slice(5));
      return;
    }
    serveStatic(opts.staticDir, pathname, res, csp);
  }

  /** The last-resort guard: a handler that throws costs its own request (500, logged), never
   * the process and every other request with it. */
  function lastResort(req: IncomingMessage, res: ServerResponse, err: unknown) {
    logger.error(`request ${req.method ?? '?'} ${(req.url ?? '').slice(0, 200)} failed`, err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(
      res,
      new ApiError('INTERNAL', 'Something went wrong.', { key: 'errors.internal' }).toJSON(),
    );
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => lastResort(req, res, err));
  });
  // A client that sends garbage or vanishes mid-request: close its socket, keep serving.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    try {
      upgrade(req, socket, head);
    } catch (err) {
      // the same last resort as for requests: this socket goes, the process stays
      logger.error('event socket upgrade failed', err);
      socket.destroy();
    }
  });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    let url: URL | null = null;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      // a request target URL cannot parse: refused below
    }
    const session = workstation.services.sessions.get(url?.searchParams.get('token') ?? null);
    if (
      url?.pathname !== '/ws' ||
      !isLoopbackHost(req.headers.host, port) ||
      !isAllowedOrigin(req.headers.origin, port) ||
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
        // a socket closing under us must not fail the call that published the event
        if (eventVisibleTo(msg.name, current.role))
          client.send(JSON.stringify(msg), () => undefined);
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
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // The page may open its event socket on this port, by either loopback name.
  csp = contentSecurityPolicy(undefined, [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets (a browser's) would hold close() open until they time out.
      server.closeIdleConnections();
      await closed;
    },
  };
}
