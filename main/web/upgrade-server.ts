import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Migration } from '../db/migrations/types';
import {
  upgradeShopDatabase,
  UpgradeFailed,
  type UpgradeStep,
} from '../domain/versions/shop-upgrade';
import type { UpgradePlan } from '../domain/versions/upgrade-plan';
import { contentSecurityPolicy } from '../security/csp';
import { readJson, sendJson } from './json-io';
import { isAllowedOrigin, isLoopbackHost } from './loopback';
import { serveStatic } from './static-files';

const confirmSchema = z.object({
  name: z.string().trim().min(1).max(80),
  pin: z.string().min(1).max(40),
});

/** What the screen polls: the plan, and how far a confirmed upgrade has come. */
interface Progress {
  steps: UpgradeStep[];
  backup?: string;
  running: boolean;
  failed?: { step: 'backup' | 'migrate'; message: string };
}

/**
 * A newer station's harness on a shop database other stations use (`start:web` after the start
 * stopped with ENGINE_UPGRADE_NEEDED): before any workstation exists, the browser shows "Upgrade
 * the shop's database" and talks to these routes on 127.0.0.1. An admin's name and PIN start the
 * upgrade (main/domain/versions/shop-upgrade.ts); the screen polls its steps. When it is done
 * the promise resolves and the caller opens the workstation as usual (the browser goes on to
 * sign-in). A failure is shown and may be tried again: the database is as it was.
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
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const progress: Progress = { steps: [], running: false };

  /** Starts the upgrade; answers once the admin is checked (a refusal changes nothing). */
  const confirm = (admin: { name: string; pin: string }) =>
    new Promise<object>((answer) => {
      progress.steps = [];
      progress.failed = undefined;
      progress.running = true;
      upgradeShopDatabase({
        url: opts.url,
        dataDir: opts.dataDir,
        plan: opts.plan,
        migrations: opts.migrations,
        admin,
        origin: 'http:127.0.0.1#upgrade',
        station: opts.station,
        now: opts.now,
        onStep(step, detail) {
          progress.steps.push(step);
          if (detail?.file) progress.backup = detail.file;
          if (step === 'admin') answer({ ok: true });
        },
      }).then(
        () => {
          progress.running = false;
          finish();
        },
        (err: unknown) => {
          progress.running = false;
          if (err instanceof ApiError) {
            answer({ ok: false, key: err.details?.key, params: err.details?.params });
          } else if (err instanceof UpgradeFailed) {
            progress.failed = { step: err.step, message: err.message };
          } else {
            console.error('[upgrade] failed', err);
            progress.failed = {
              step: 'migrate',
              message: err instanceof Error ? err.message : String(err),
            };
            answer({ ok: false, key: 'errors.internal' });
          }
        },
      );
    });

  const server = http.createServer((req, res) => {
    void (async () => {
      if (!isLoopbackHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
        sendJson(res, 403, { ok: false, code: 'FORBIDDEN' });
        return;
      }
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (pathname === '/upgrade/state') {
        const { server: where, shopVersion, mine, stations } = opts.plan;
        sendJson(res, 200, {
          needed: true,
          plan: { server: where, shopVersion, mine, stations },
          progress,
        });
        return;
      }
      if (req.method === 'POST' && pathname === '/upgrade/confirm') {
        if (progress.running) {
          sendJson(res, 409, { ok: false, key: 'errors.upgradeRunning' });
          return;
        }
        const parsed = confirmSchema.safeParse(await readJson(req).catch(() => null));
        if (!parsed.success) {
          sendJson(res, 400, { ok: false, key: 'errors.badPin', params: { attemptsLeft: '' } });
          return;
        }
        sendJson(res, 200, await confirm(parsed.data));
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
  await done;
  // the screen has read 'done' (it polls); the port goes to the workstation's harness
  await new Promise((r) => setTimeout(r, 1_500));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port };
}
