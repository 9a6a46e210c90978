/** Timing helpers shared by the benchmark sections. */
export type Sample = () => Promise<unknown> | unknown;

export interface BenchLine {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  raw_p95_ms: number;
  naive_p95_ms: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function timed(s: Sample): Promise<number> {
  const t0 = process.hrtime.bigint();
  await s();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * The app and its raw baseline run interleaved on the same query, and the one that goes first
 * rotates: whoever touches a page first pays for reading it, so running one variant as a block
 * would hand the later block a warmer cache. The naive variant runs as a block of its own after
 * them: its scans (170 ms a search at 1M tickets) left the server's and the CPU's caches cold
 * for whichever sample came next, which on PostgreSQL added milliseconds to the app's tail
 * (search.global p95 5.2–7.2 ms interleaved). Warm-up queries are not reused in the timed run.
 */
export async function measure(
  name: string,
  n: number,
  warm: number,
  make: { app: (i: number) => Sample; raw: (i: number) => Sample; naive: (i: number) => Sample },
): Promise<BenchLine> {
  const pair = ['app', 'raw'] as const;
  const times: Record<'app' | 'raw' | 'naive', number[]> = { app: [], raw: [], naive: [] };
  for (let i = 0; i < warm + n; i++) {
    for (let k = 0; k < pair.length; k++) {
      const kind = pair[(i + k) % pair.length];
      const ms = await timed(make[kind](i));
      if (i >= warm) times[kind].push(ms);
    }
  }
  for (let i = 0; i < warm + n; i++) {
    const ms = await timed(make.naive(i));
    if (i >= warm) times.naive.push(ms);
  }
  const [app, raw, naive] = (['app', 'raw', 'naive'] as const).map((k) =>
    times[k].sort((a, b) => a - b),
  );
  return {
    name,
    n,
    p50_ms: round(percentile(app, 0.5)),
    p95_ms: round(percentile(app, 0.95)),
    raw_p95_ms: round(percentile(raw, 0.95)),
    naive_p95_ms: round(percentile(naive, 0.95)),
  };
}
