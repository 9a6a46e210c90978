import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Migration } from '../db/migrations/types';
import type { UpgradePlan } from '../domain/versions/upgrade-plan';
import { contentSecurityPolicy } from '../security/csp';
import { UpgradeDesk } from '../setup/upgrade-answer';
import { readJson, sendJson } from './json-io';
import { isAllowedOrigin, isLoopbackHost } from './loopback';
import { serveStatic } from './static-files';

/**
 * A newer station's harness on a shop database other stations use (`start:web` after the start
 * stopped with ENGINE_UPGRADE_NEEDED): before any workstation exists, the browser shows "Upgrade
 * the shop's database" and talks to these routes on 127.0.0.1 (the answers:
 * main/setup/upgrade-answer.ts, shared with the Electron shell). An admin's name and PIN start
 * the upgrade; the screen polls its steps. When it is done the promise resolves and the caller
 * opens the workstation as usual (the browser goes on to sign-in). A failure is shown and may be
 * tried again: the database is as it was.
 */
export async function runUpgradeScreen(opts: {
  url: string;
  dataDir: string;
  port: number;
  staticDir: string;
  plan: UpgradePlan;
  migrations: readonly Migration[];
  station: string | null;
  now: () => number;
  onListening(url: string): void;
}): Promise<{ port: number }> {
  let port = opts.port;
  let csp = '';
  const desk = new UpgradeDesk(opts);

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!isLoopbackHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
        sendJson(res, 403, { ok: false, code: 'FORBIDDEN' });
        return;
      }
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (pathname === '/upgrade/state') {
        sendJson(res, 200, desk.state());
        return;
      }
      if (req.method === 'POST' && pathname === '/upgrade/confirm') {
        const input = await readJson(req).catch(() => null);
        const { status, answer } = await desk.confirm(input, 'http:127.0.0.1#upgrade');
        sendJson(res, status, answer);
        return;
      }
      if (pathname.startsWith('/api')) {
        sendJson(res, 503, { ok: false, code: 'UPGRADE_PENDING' });
        return;
      }
      serveStatic(opts.staticDir, pathname, res, csp);
    })().catch((err: unknown) => {
      console.error('[upgrade] request failed', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, key: 'errors.internal' });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  csp = contentSecurityPolicy();
  opts.onListening(`http://127.0.0.1:${port}`);
  await desk.done;
  // the screen has read 'done' (it polls); the port goes to the workstation's harness
  await new Promise((r) => setTimeout(r, 1_500));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port };
}
