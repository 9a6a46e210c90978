import path from 'node:path';
import type { CallMeta } from '../api/dispatcher';
import { createWorkstation } from '../app';
import { ArgsError, parseFlags } from './args';
import { cliDatabase, DB_FLAG, DB_USAGE, printEngineError } from './db-option';
import { expectOk, type BenchCtx } from './bench-ctx';
import { benchDevices } from './bench-devices';
import { benchIntake } from './bench-intake';
import { benchInventory } from './bench-inventory';
import { benchLists } from './bench-lists';
import { benchLive } from './bench-live';
import { benchLookup, sampleData } from './bench-lookup';
import { benchCallbacks, benchPickup } from './bench-pickup';
import { benchReports } from './bench-reports';
import { benchStall } from './bench-stall';
import { benchStations } from './bench-stations';
import { openRawDb } from './bench-raw-db';
import { benchWorkflow } from './bench-workflow';
import { mulberry32 } from './seed';
import { DEMO_STAFF } from './seed-data';

/**
 * `npm run bench -- --data DIR [--n 200]`: the counter's hot paths through the real app
 * (dispatcher: validation, permission, transaction, audit), next to the same work on the raw
 * better-sqlite3 handle and a naive TypeORM version. One JSON line per benchmark on stdout:
 * {"name","n","p50_ms","p95_ms","raw_p95_ms","naive_p95_ms"}. Each area's lines live in its
 * own bench-*.ts; this file signs in and runs them in order. intake.commit and pickup.complete
 * add rows to the data folder, so bench a copy you don't mind growing.
 */
async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    n: 'number',
    warmup: 'number',
    seed: 'number',
    only: 'string',
    'stations-seconds': 'number',
    stations: 'number',
    history: 'number',
    help: 'boolean',
    ...DB_FLAG,
  });
  if (flags.help || !flags.data) {
    console.error(
      `usage: npm run bench -- --data DIR [--n 200] [--warmup 30] [--history 600000] [--only customer.lookup,...] [--stations-seconds 150] [--stations 10] ${DB_USAGE}`,
    );
    process.exit(flags.help ? 0 : 2);
  }
  const n = Math.max(1, Math.floor(flags.n ?? 200));
  const warm = Math.max(1, Math.floor(flags.warmup ?? Math.min(50, Math.ceil(n / 4))));
  const only = flags.only ? new Set(flags.only.split(',')) : null;
  const rand = mulberry32(flags.seed ?? 42);
  const dataDir = path.resolve(flags.data);
  const database = cliDatabase(dataDir, flags.db);
  const ws = await createWorkstation({
    dataDir,
    database,
    logger: { error: (m, e) => console.error(m, ...(e === undefined ? [] : [e])) },
  });
  const raw = await openRawDb(ws, database);
  try {
    const manager = DEMO_STAFF.find((s) => s.role === 'manager')!;
    const login = await ws.dispatcher.call(
      'auth.login',
      { name: manager.name, pin: manager.pin },
      { token: null, origin: 'bench' },
    );
    expectOk(login, `sign in as ${manager.name} (seeded manager)`);
    const session = (login as { result: { token: string; staff: { id: number; name: string } } })
      .result;
    const meta: CallMeta = { token: session.token, origin: 'bench' };
    const counts = (await raw.sql.get<{ tickets: number; customers: number }>(
      'SELECT (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM customer) AS customers',
    ))!;
    console.error(
      `bench (${raw.engine}): ${counts.tickets} tickets, ${counts.customers} customers; n=${n}, warm-up=${warm}`,
    );
    const want = (name: string) => !only || only.has(name);
    const print = (line: object) => console.log(JSON.stringify({ ...line, engine: raw.engine }));
    const c: BenchCtx = {
      ws,
      raw,
      meta,
      staff: { id: session.staff.id, name: session.staff.name },
      dataDir,
      n,
      warm,
      rand,
      want,
      print,
      call: async (method, input) => {
        const res = await ws.dispatcher.call(method, input, meta);
        expectOk(res, method);
        return res;
      },
    };
    const sampled = await sampleData(raw.sql, (n + warm) * 2, rand);
    await benchLookup(c, sampled);
    await benchIntake(c, sampled);
    await benchWorkflow({ ws, raw, meta, n, warm, want, print });
    // the device lines run on their own scratch SQLite shop, whatever the engine (the line says so)
    await benchDevices({ n, warm, want, print: (l) => print({ ...l, scratch_shop: 'sqlite' }) });
    await benchInventory({ ws, raw, meta, n, warm, want, print });
    await benchPickup({ ws, raw, meta, n, warm, want, print });
    await benchCallbacks({ ws, raw, meta, n, warm, want, print });
    await benchReports({ ws, raw, meta, n, warm, want, print });
    await benchLists({
      ws,
      raw,
      meta,
      n,
      warm,
      history: Math.max(0, Math.floor(flags.history ?? 600_000)),
      rand,
      want,
      print,
    });
    await benchStall({ ws, raw, meta, want, print });
    // PostgreSQL: a second station on the same database hears this one's commits
    await benchLive(c, sampled);
    // Last: its stations write repairs into the shop.
    await benchStations(c, database, {
      stations: Math.max(1, Math.floor(flags.stations ?? 10)),
      seconds: Math.max(10, Math.floor(flags['stations-seconds'] ?? 150)),
    });
  } finally {
    await raw.close();
    await ws.close();
  }
}

main().catch((err) => {
  if (printEngineError(err)) process.exit(1);
  console.error(err instanceof ArgsError ? err.message : err);
  process.exit(err instanceof ArgsError ? 2 : 1);
});
