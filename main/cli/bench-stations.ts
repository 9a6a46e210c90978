import type { DatabaseTarget } from '../db/engine';
import { stationsDrill, type StationPeople } from '../safety/drills/stations';
import { skippedLine, type BenchCtx } from './bench-ctx';
import { DEMO_STAFF } from './seed-data';

/** Methods that change the shop; the rest of a station's calls are reads (targets differ). */
const WRITES =
  /\.(commit|assign|transition|diagnose|estimateAdd|approval|reserve|consume|record|complete)$/;

/** One call a second at every station: many times what a person at the counter or the bench
 * does (an intake is minutes of typing), and the pace the stations.mixed targets are for. */
const STATION_PACE_MS = 1000;
/** The load drill's pace, a call every 300 ms at every station: on a 2-core box the ten
 * processes and the server then want more CPU than there is, so the figures are queueing, not
 * the database. Reported beside the line (`stations.saturated`), with no target. */
const SATURATED_PACE_MS = 300;
/** The lone station's and the saturated run's length (the measured run may be longer). */
const SIDE_SECONDS = 60;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * `stations.mixed`: ten station processes on the bench's database walk repairs walk-in to
 * pickup with the board and searches in between (the stations load drill, on this shop), p95
 * per method; the baseline is one station doing the same alone, so the line shows what sharing
 * the server costs. PostgreSQL only: on SQLite a shop has one station.
 */
export async function benchStations(
  c: BenchCtx,
  database: DatabaseTarget,
  opts: { stations: number; seconds: number },
): Promise<void> {
  if (!c.want('stations.mixed')) return;
  if (database.engine !== 'postgres') {
    c.print(
      skippedLine('stations.mixed', 'several stations share a database server: PostgreSQL only'),
    );
    return;
  }
  const role = (r: string) => {
    const s = DEMO_STAFF.find((p) => p.role === r)!;
    return { name: s.name, pin: s.pin };
  };
  const people: StationPeople = {
    counter: role('counter'),
    technician: role('technician'),
    inspector: role('inspector'),
  };
  const partIds: number[] = [];
  const tag = Date.now().toString(36);
  for (let i = 0; i < 4; i++) {
    const res = await c.call('parts.save', {
      sku: `BENCH-ST-${tag}-${i}`,
      barcodes: [],
      name: `Bench stations part ${i}`,
      category: 'Bench',
      bin: 'B-99',
      models: [],
      costCents: 1000,
      priceCents: 2500,
      reorderPoint: 0,
      reorderQty: 0,
    });
    const id = (res as { result: { id: number } }).result.id;
    await c.call('stock.adjust', { partId: id, qty: 20 * opts.stations, reason: 'bench stations' });
    partIds.push(id);
  }
  const run = (stations: number, seconds: number, paceMs = STATION_PACE_MS) =>
    stationsDrill({
      pgUrl: database.url,
      stations,
      seconds,
      paceMs,
      inPlace: { people, partIds },
    });
  // The line with targets runs longest: at one board refresh per station every ~8 s, a minute
  // gave ~55 board calls, so three slow ones made the p95. The baseline and the saturated run
  // are shown beside it, without targets: a minute each.
  const side = Math.min(opts.seconds, SIDE_SECONDS);
  const alone = await run(1, side);
  const shared = await run(opts.stations, opts.seconds);
  const saturated = await run(opts.stations, side, SATURATED_PACE_MS);
  for (const [method, m] of Object.entries(shared.methods).sort()) {
    c.print({
      name: `stations.mixed:${method}`,
      method,
      kind: WRITES.test(method) ? 'write' : 'read',
      stations: opts.stations,
      n: m.n,
      p50_ms: m.p50,
      p95_ms: m.p95,
      // null: the lone station did not reach this step in its (short) run
      one_station_p95_ms: alone.methods[method]?.p95 ?? null,
      one_station_n: alone.methods[method]?.n ?? 0,
    });
  }
  const summary = (name: string, r: typeof shared, paceMs: number, seconds: number) => ({
    name,
    summary: true,
    stations: opts.stations,
    seconds,
    pace_ms: paceMs,
    // timed calls over the timed part of the run (a station's first quarter, at most 15 s, warms it up)
    calls_per_s: round1(
      Object.values(r.methods).reduce((n, m) => n + m.n, 0) / (seconds - Math.min(15, seconds / 4)),
    ),
    acknowledged: r.acknowledged,
    refusals: r.refusals,
    errors: r.errors.length,
    lost: r.lost,
    audit_ok: r.auditOk,
  });
  c.print(summary('stations.mixed', shared, STATION_PACE_MS, opts.seconds));
  c.print({
    ...summary('stations.saturated', saturated, SATURATED_PACE_MS, side),
    p95_ms: Object.fromEntries(Object.entries(saturated.methods).map(([m, x]) => [m, x.p95])),
  });
}
