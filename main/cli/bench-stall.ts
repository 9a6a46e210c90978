import { sectionCall } from './bench-ctx';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import type { RawDb } from './bench-raw-db';
import { isoDay } from '../domain/reports/day-range';
import { shopTimeZone } from '../domain/calendar/shop-calendar';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  want: (name: string) => boolean;
  print: (line: Record<string, unknown>) => void;
}

/** A parts CSV of about `bytes`, every SKU new (the run's own prefix), every row good. */
export function partsCsv(bytes: number, prefix: string): string {
  const lines = ['sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty'];
  let size = lines[0].length;
  for (let i = 1; size < bytes; i++) {
    const line = `${prefix}-${i},${prefix}${String(i).padStart(9, '0')},屏幕总成 Screen assembly ${i},Screens,iPhone 13|iPhone 13 Pro,A-${i % 97},12.50,39.00,2,5`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/**
 * `loop.stall`: can the counter still work while a manager runs the heavy things? A 7 MB
 * parts import, a parts export, a daily PDF and a backup start together; meanwhile a
 * `tickets.progress` call (the customer-facing status lookup) goes out every 10 ms. Reports the
 * event loop's delay (p95, p99, max: how long anything at all waited to run) and the p95 of
 * those calls, issued while the heavy work ran. `idle_p99_ms` is the loop's delay for 2 s before,
 * with nothing heavy running: on a loaded machine the scheduler alone costs that much.
 */
export async function benchStall({ ws, raw, meta, want, print }: Ctx): Promise<void> {
  if (!want('loop.stall')) return;
  const numbers = (
    await raw.sql.all<{ number: string }>('SELECT number FROM ticket ORDER BY id DESC LIMIT 500')
  ).map((r) => r.number);
  const last =
    Number(
      (await raw.sql.get<{ t: number | null }>('SELECT max(received_at) AS t FROM ticket'))?.t,
    ) || 0;
  const call = sectionCall(ws, meta);
  const prefix = `ST${Date.now().toString(36).toUpperCase()}`;
  const csv = partsCsv(7 * 1024 * 1024, prefix);
  // The same measurement with nothing heavy running: what this machine's load alone costs.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 2000));
  idle.disable();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const progress: number[] = [];
  let running = true;
  const prober = (async () => {
    for (let i = 0; running; i++) {
      const t0 = performance.now();
      await call('tickets.progress', { number: numbers[i % numbers.length] });
      progress.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  delay.enable();
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const heavy = (name: string, p: () => Promise<unknown>) =>
    p().then(() => void (timings[`${name}_ms`] = Math.round(performance.now() - t0)));
  // The same four on both engines. The import reads the file in a stream and checks it on a
  // snapshot; its writes go in batches (SQLite: a writer thread on its own handle; PostgreSQL:
  // a few set-based statements per batch, each a short turn in the dispatcher's queue). The
  // export pages through a snapshot on its own connection, pausing as it goes.
  await Promise.all([
    heavy('import', () => call('parts.import', { csv, mode: 'all' })),
    heavy('export', () => call('parts.export', { what: 'parts' })),
    heavy('pdf', () =>
      call('report.dailyPdf', {
        date: isoDay(last, shopTimeZone(ws.services.settings)),
        lang: 'zh',
      }),
    ),
    heavy('backup', () => call('safety.backupNow', {})),
  ]);
  running = false;
  await prober;
  delay.disable();
  progress.sort((a, b) => a - b);
  const p95 = progress[Math.max(0, Math.ceil(progress.length * 0.95) - 1)] ?? 0;
  print({
    name: 'loop.stall',
    p99_ms: ms(delay.percentile(99)),
    p95_ms: ms(delay.percentile(95)),
    progress_p95_ms: Math.round(p95 * 100) / 100,
    max_ms: ms(delay.max),
    idle_p99_ms: ms(idle.percentile(99)),
    progress_n: progress.length,
    progress_max_ms: Math.round((progress[progress.length - 1] ?? 0) * 100) / 100,
    ...timings,
  });
  await removeImported(raw, prefix);
}

/** The import's ~63,000 parts go again (they have no stock movements, only their own rows), so
 * the shop is as it was: left in, every later run found them all below their reorder point
 * (stock.lowList 1 → 525 ms at 1M) and the parts list 63,000 longer per run. */
async function removeImported(raw: RawDb, prefix: string): Promise<void> {
  const ids = `SELECT id FROM part WHERE sku LIKE '${prefix}-%'`;
  await raw.sql.run('BEGIN');
  try {
    for (const table of ['part_barcode', 'part_model', 'stock_balance'])
      await raw.sql.run(`DELETE FROM ${table} WHERE part_id IN (${ids})`);
    await raw.sql.run(`DELETE FROM part WHERE id IN (${ids})`);
    await raw.sql.run('COMMIT');
  } catch (err) {
    await raw.sql.run('ROLLBACK');
    throw err;
  }
}
