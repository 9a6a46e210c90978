import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { redact } from '../db/engine';
import { ArgsError, parseFlags } from './args';
import { cliDatabase, DB_FLAG, DB_USAGE, printEngineError } from './db-option';
import { seed, type SeedResult } from './seed';
import { seedOffice, type OfficeSeedResult } from './seed-office';
import { seedParts, type PartSeedResult } from './seed-parts';
import { seedPickup, type PickupSeedResult } from './seed-pickup';
import { seedShopOnPostgres, type PgSeedResult } from './seed-postgres';

/**
 * `npm run seed`: a whole demo shop, so every screen has something to show. Tickets with their
 * history (seed.ts), spare parts with stock, serial units and suppliers (seed-parts.ts),
 * knowledge-base articles and purchase orders (seed-office.ts), then pickups, payments,
 * callbacks, a complaint and returns (seed-pickup.ts).
 */

export const SHOP_DEFAULTS = { tickets: 2000, parts: 300, movementsPerPart: 40 };

export interface ShopSeedOptions {
  dataDir: string;
  tickets?: number;
  /** 0 leaves the parts out (and so the purchase orders). */
  parts?: number;
  movements?: number;
  seed?: number;
  now?: number;
  onProgress?: (
    step: 'tickets' | 'parts' | 'copy to PostgreSQL',
    done: number,
    total: number,
  ) => void;
}

export interface ShopSeedResult extends SeedResult {
  parts: PartSeedResult | null;
  office: OfficeSeedResult | null;
  pickup: PickupSeedResult | null;
}

export async function seedShop(opts: ShopSeedOptions): Promise<ShopSeedResult> {
  const seedNo = opts.seed ?? 1;
  const shop = await seed({
    dataDir: opts.dataDir,
    tickets: opts.tickets ?? SHOP_DEFAULTS.tickets,
    seed: seedNo,
    now: opts.now,
    onProgress: (d, t) => opts.onProgress?.('tickets', d, t),
  });
  const partCount = opts.parts ?? SHOP_DEFAULTS.parts;
  const parts =
    partCount > 0
      ? await seedParts({
          dataDir: opts.dataDir,
          parts: partCount,
          movements: opts.movements ?? partCount * SHOP_DEFAULTS.movementsPerPart,
          seed: seedNo,
          now: opts.now,
          onProgress: (d, t) => opts.onProgress?.('parts', d, t),
        })
      : null;
  const office = await seedOffice({ dataDir: opts.dataDir, staff: shop.staff, now: opts.now });
  const pickup = await seedPickup({
    dataDir: opts.dataDir,
    staff: shop.staff,
    seed: seedNo,
    now: opts.now,
  });
  return { ...shop, parts, office, pickup };
}

// ---------------------------------------------------------------- CLI

const USAGE =
  `usage: npm run seed -- --data DIR [--tickets N] [--parts N [--movements M]] [--seed 1] [--json] ${DB_USAGE}\n` +
  `  defaults: ${SHOP_DEFAULTS.tickets} tickets, ${SHOP_DEFAULTS.parts} parts; --json prints one JSON object on stdout\n` +
  '  (use npm run -s seed -- ... --json so npm prints no banner on stdout)';

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    tickets: 'number',
    parts: 'number',
    movements: 'number',
    seed: 'number',
    json: 'boolean',
    help: 'boolean',
    ...DB_FLAG,
  });
  const bad = (n: number | undefined) => n !== undefined && (n < 0 || !Number.isInteger(n));
  if (flags.help || !flags.data || bad(flags.tickets) || bad(flags.parts) || bad(flags.movements)) {
    console.error(USAGE);
    process.exit(flags.help ? 0 : 2);
  }
  const dataDir = path.resolve(flags.data);
  const target = cliDatabase(dataDir, flags.db);
  // Whatever a person reads goes to stderr under --json: stdout then holds one JSON object.
  const say = (line: string) =>
    flags.json ? process.stderr.write(`${line}\n`) : process.stdout.write(`${line}\n`);
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  let barStep = '';
  let lastLine = 0;
  const opts: ShopSeedOptions = {
    dataDir,
    tickets: flags.tickets,
    parts: flags.parts,
    movements: flags.movements,
    seed: flags.seed ?? 1,
    onProgress(step, done, total) {
      if (tty) {
        if (barStep !== step) {
          bar?.stop();
          // cli-progress draws on stderr
          bar = new SingleBar(
            {
              format: `seeding ${step} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} | eta {eta_formatted}`,
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(total, 0);
          barStep = step;
        }
        bar?.update(done);
      } else if (Date.now() - lastLine > 2000 || done === total) {
        lastLine = Date.now();
        process.stderr.write(
          `seeding ${step}: ${done}/${total} (${Math.round((done / Math.max(1, total)) * 100)}%)\n`,
        );
      }
    },
  };
  const result: ShopSeedResult & Partial<PgSeedResult> =
    target.engine === 'postgres'
      ? await seedShopOnPostgres({
          ...opts,
          url: target.url,
          onMove: (p) => opts.onProgress?.('copy to PostgreSQL', p.done, p.total),
        })
      : await seedShop(opts);
  (bar as SingleBar | null)?.stop();
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({
        dataDir,
        staff: result.staff,
        tickets: result.tickets,
        customers: result.customers,
        devices: result.devices,
        events: result.events,
        firstNumber: result.firstNumber,
        lastNumber: result.lastNumber,
        parts: result.parts,
        office: result.office,
        pickup: result.pickup,
        ms: result.ms,
        engine: target.engine,
        ...(result.via
          ? {
              via: result.via,
              rows: result.rows,
              phases: result.phases,
              verification: result.verification,
            }
          : {}),
        ...(result.move
          ? {
              move: { rows: result.move.rows, ms: result.move.ms, ok: result.move.verification.ok },
            }
          : {}),
      })}\n`,
    );
  }
  say(`Seeded ${dataDir}`);
  say(
    `  ${result.tickets} tickets${result.firstNumber ? ` (${result.firstNumber} … ${result.lastNumber})` : ''}, ` +
      `${result.customers} customers, ${result.devices} devices, ${result.events} timeline events in ${(result.ms / 1000).toFixed(1)} s`,
  );
  if (result.parts) {
    const p = result.parts;
    say(
      `  ${p.parts} parts, ${p.movements} stock movements, ${p.serialUnits} serial units in ${(p.ms / 1000).toFixed(1)} s`,
    );
  }
  if (result.office) {
    const o = result.office;
    say(
      `  ${o.articles} knowledge articles, ${o.purchaseOrders} purchase orders (${o.receivedLines} lines received)`,
    );
  }
  if (result.via && result.phases && result.verification) {
    const how = result.via === 'copy' ? 'streamed by COPY' : 'seeded in SQLite and moved';
    say(
      `  PostgreSQL (${target.engine === 'postgres' ? redact(target.url) : ''}): ${result.rows} rows ${how}, ` +
        `${result.verification.checks.length} checks ok${result.verification.auditEntries ? `, audit chain of ${result.verification.auditEntries} entries verified` : ''}`,
    );
    say(
      `  phases: ${Object.entries(result.phases)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  }
  if (result.pickup) say(`  pickup: ${JSON.stringify(result.pickup)}`);
  say('Demo staff (name / role / PIN):');
  for (const s of result.staff) {
    say(`  ${s.name.padEnd(16)} ${s.role.padEnd(11)} ${s.pin ?? '(changed since seeding)'}`);
  }
  say('  Admin            admin       0000 (one-time: set a new PIN at first sign-in)');
}

// Run only as the CLI entry point, not when imported (tests import seedShop()).
const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (/[\\/]main[\\/]cli[\\/]seed-shop\.[cm]?[tj]s$/.test(entry)) {
  main().catch((err) => {
    if (printEngineError(err)) process.exit(1);
    console.error(err instanceof ArgsError ? `${err.message}\n${USAGE}` : err);
    process.exit(err instanceof ArgsError ? 2 : 1);
  });
}
