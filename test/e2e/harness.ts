import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { addStaffWithPin, bootstrapAdmin, type ApiCaller } from '../../main/domain/staff/bootstrap';
import { saveStationIdentity } from '../../main/domain/stations/station-identity';
import { TEST_ADMIN_PIN } from '../helpers/pins';
import { webServerScript } from '../helpers/web-bundle';

export { TEST_ADMIN, TEST_ADMIN_PIN } from '../helpers/pins';

const ROOT = path.resolve(__dirname, '../..');

export interface Harness {
  url: string;
  dataDir: string;
  api<T = unknown>(method: string, input: unknown, token?: string): Promise<T>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The process is still running. */
  alive(): boolean;
  /** Ends the process and removes the data folder, unless `keepData` (a restart on it). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts `main/cli/web.ts` (bundled once per test process: webServerScript) on a fresh data folder (or `dataDir`, e.g. one a test seeded first;
 * it is removed on stop as well) and a free port; resolves once it prints its URL.
 */
export async function startHarness(
  opts: {
    clockFile?: string;
    staticDir?: string;
    dataDir?: string;
    /** `--db postgres://…`: the shop's database on a PostgreSQL server. */
    db?: string;
    /** `--setup`: a first start shows Setup (choose the database) before the workstation. */
    setup?: boolean;
    /** Runs on the data folder before the server opens it (e.g. seeding a shop). */
    prepare?: (dataDir: string) => Promise<void>;
    /** This PC's station name, already confirmed (default 'Test station'); null leaves it
     * unnamed, so an admin or manager is asked for it after sign-in (stations.e2e). */
    stationName?: string | null;
    /** More flags for web.ts (e.g. test-only `--test-newer-build VERSION`). */
    args?: string[];
  } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ws-e2e-'));
  if (opts.prepare) await opts.prepare(dataDir);
  const stationName = opts.stationName === undefined ? 'Test station' : opts.stationName;
  // A folder a CLI already opened (seed, restore) has its station: keep its id, confirm a name.
  if (stationName !== null) {
    const file = path.join(dataDir, 'station.json');
    const known = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; name: string; named: boolean })
      : null;
    if (!known?.named)
      saveStationIdentity(dataDir, {
        id: known?.id ?? randomUUID(),
        name: stationName,
        named: true,
      });
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      await webServerScript(),
      '--data',
      dataDir,
      '--port',
      '0',
      ...(opts.clockFile ? ['--clock', opts.clockFile] : []),
      ...(opts.staticDir ? ['--static', opts.staticDir] : []),
      ...(opts.db ? ['--db', opts.db] : []),
      ...(opts.setup ? ['--setup'] : []),
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: process.env.TZ ?? 'Asia/Shanghai' },
      // Its own process group, so stop() ends the server and anything it started together.
      detached: true,
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /Listening on (http:\/\/[\d.]+:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code}):\n${log}`));
    });
  });

  async function api<T>(method: string, input: unknown, token?: string): Promise<T> {
    const res = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  return {
    url,
    dataDir,
    api,
    output: () => log,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(stopOpts: { keepData?: boolean } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        const group = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            child.kill(signal);
          }
        };
        group('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) group('SIGKILL');
      }
      if (!stopOpts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a harness call needs to run the shared bootstrap helpers over HTTP. */
export const harnessCaller =
  (h: Harness): ApiCaller =>
  (method, input, token) =>
    h.api(method, input, token ?? undefined);

/**
 * Signs in as the bootstrap Admin, replaces 0000 with TEST_ADMIN_PIN (as a new shop must;
 * sign in in the browser as TEST_ADMIN), and adds the named staff: each is created with a
 * one-time PIN and then sets their own `pin`, so they sign in with `pin` straight to work.
 * Returns the admin's token.
 */
export async function createStaff(
  h: Harness,
  staff: Array<{ name: string; role: string; pin: string }>,
) {
  const call = harnessCaller(h);
  const token = await bootstrapAdmin(call, TEST_ADMIN_PIN);
  for (const s of staff) await addStaffWithPin(call, token, s);
  return token;
}

/** Every browser the e2e files opened and have not closed: a failed test shows their pages. */
export const openBrowsers = new Set<Browser>();

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

export const RESULTS_DIR = path.join(ROOT, 'test-results');
