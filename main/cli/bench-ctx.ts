import type { CallMeta, CallResult } from '../api/dispatcher';
import type { Workstation } from '../app';
import type { BenchLine } from './bench-measure';
import type { RawDb } from './bench-raw-db';

/** What `npm run bench` hands each section: the open workstation, a signed-in manager, the
 * sample sizes and which lines to run. */
export interface BenchCtx {
  ws: Workstation;
  /** The `raw` baseline's bare connection (either engine). */
  raw: RawDb;
  meta: CallMeta;
  staff: { id: number; name: string };
  dataDir: string;
  n: number;
  warm: number;
  rand: () => number;
  want: (name: string) => boolean;
  /** Prints one JSON line, with the engine it ran on. */
  print: (line: BenchLine | Record<string, unknown>) => void;
  /** A dispatcher call that must succeed (a failure ends the bench with its message). */
  call: (method: string, input: unknown) => Promise<CallResult>;
}

export function expectOk(
  res: { ok: boolean; error?: { code: string; message: string } },
  what: string,
) {
  if (!res.ok) throw new Error(`${what}: ${res.error?.code} ${res.error?.message}`);
}

/** A line that cannot run on this engine: printed, never silently left out. */
export const skippedLine = (name: string, why: string) => ({ name, skipped: why });

/** A bench section's dispatcher call that must succeed: its result, or the bench ends with the
 * method's refusal. */
export const sectionCall =
  (ws: Workstation, meta: CallMeta) =>
  async <T = unknown>(method: string, input: unknown): Promise<T> => {
    const res = await ws.dispatcher.call(method, input, meta);
    if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  };
