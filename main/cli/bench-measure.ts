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
 * The three variants run interleaved on the same query, and the one that goes first rotates:
 * whoever touches a page first pays for reading it, so running one variant as a block would
 * hand the later blocks a warmer cache. Warm-up queries are not reused in the timed run.
 */
export async function measure(
  name: string,
  n: number,
  warm: number,
  make: { app: (i: number) => Sample; raw: (i: number) => Sample; naive: (i: number) => Sample },
): Promise<BenchLine> {
  const kinds = ['app', 'raw', 'naive'] as const;
  const times: Record<(typeof kinds)[number], number[]> = { app: [], raw: [], naive: [] };
  for (let i = 0; i < warm + n; i++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(i + k) % kinds.length];
      const ms = await timed(make[kind](i));
      if (i >= warm) times[kind].push(ms);
    }
  }
  const [app, raw, naive] = kinds.map((k) => times[k].sort((a, b) => a - b));
  return {
    name,
    n,
    p50_ms: round(percentile(app, 0.5)),
    p95_ms: round(percentile(app, 0.95)),
    raw_p95_ms: round(percentile(raw, 0.95)),
    naive_p95_ms: round(percentile(naive, 0.95)),
  };
}
