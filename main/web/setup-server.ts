import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupAnswer, type SetupAction } from '../setup/answer';
import { contentSecurityPolicy } from '../security/csp';
import { readJson as body, sendJson as send } from './json-io';
import { isAllowedOrigin, isLoopbackHost } from './loopback';
import { serveStatic } from './static-files';

/**
 * First start of the browser harness on a data folder that has chosen no database yet
 * (`start:web --setup`): the renderer shows Setup (This PC only / Join the shop's database)
 * and talks to these few routes on 127.0.0.1 (the answers: main/setup/answer.ts, shared with the
 * Electron shell). When the person has chosen, the promise resolves
 * and the caller opens the workstation as usual (database.json written, or SQLite).
 */
export async function runSetup(opts: {
  dataDir: string;
  port: number;
  staticDir: string;
  /** Called with the URL once listening (the CLI prints it). */
  onListening(url: string): void;
}): Promise<{ choice: 'local' | 'joined'; port: number }> {
  let port = opts.port;
  let csp = '';
  let finish: (c: 'local' | 'joined') => void = () => undefined;
  const chosen = new Promise<'local' | 'joined'>((resolve) => (finish = resolve));
  const server = http.createServer((req, res) => {
    void (async () => {
      if (!isLoopbackHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
        send(res, 403, { ok: false, code: 'FORBIDDEN' });
        return;
      }
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (pathname === '/setup/state') {
        send(res, 200, { needed: true });
        return;
      }
      if (req.method === 'POST' && /^\/setup\/(test|join|local)$/.test(pathname)) {
        let input: unknown;
        try {
          input = await body(req);
        } catch {
          send(res, 400, { ok: false, code: 'SETUP_FIELDS' });
          return;
        }
        const action = pathname.slice('/setup/'.length) as SetupAction;
        const out = await setupAnswer(opts.dataDir, action, input);
        const done = out.done;
        if (done) res.once('finish', () => finish(done));
        send(res, 200, out.answer);
        return;
      }
      if (pathname.startsWith('/api')) {
        send(res, 503, { ok: false, code: 'SETUP_PENDING' });
        return;
      }
      serveStatic(opts.staticDir, pathname, res, csp);
    })().catch((err: unknown) => {
      console.error('[setup] request failed', err);
      if (!res.headersSent) send(res, 500, { ok: false, code: 'SETUP_FAILED' });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  csp = contentSecurityPolicy();
  opts.onListening(`http://127.0.0.1:${port}`);
  const choice = await chosen;
  // the answer above is sent first; then the port is handed to the workstation's harness
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { choice, port };
}
