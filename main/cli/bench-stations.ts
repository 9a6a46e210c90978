import type { DatabaseTarget } from '../db/engine';
import { stationsDrill, type StationPeople } from '../safety/drills/stations';
import { skippedLine, type BenchCtx } from './bench-ctx';
import { DEMO_STAFF } from './seed-data';

/** Methods that change the shop; the rest of a station's calls are reads (targets differ). */
const WRITES =
  /\.(commit|assign|transition|diagnose|estimateAdd|approval|reserve|consume|record|complete)$/;

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
  const run = (stations: number) =>
    stationsDrill({
      pgUrl: database.url,
      stations,
      seconds: opts.seconds,
      paceMs: 300,
      inPlace: { people, partIds },
    });
  const alone = await run(1);
  const shared = await run(opts.stations);
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
  c.print({
    name: 'stations.mixed',
    summary: true,
    stations: opts.stations,
    seconds: opts.seconds,
    acknowledged: shared.acknowledged,
    refusals: shared.refusals,
    errors: shared.errors.length,
    lost: shared.lost,
    audit_ok: shared.auditOk,
  });
}
