import fs from 'node:fs';

/**
 * Test-only clock for the browser harness (`--clock FILE`): the shop's time is the epoch
 * milliseconds written in FILE, re-read on every call, so an e2e test can move time forward
 * (an overdue manager task an hour later) without waiting, or shift the running clock (`+N`
 * ms). Falls back to the real time while
 * the file is missing or unreadable.
 */
export function fileClock(file: string): () => number {
  return () => {
    try {
      const text = fs.readFileSync(file, 'utf8').trim();
      // `+N` / `-N`: real time shifted by N ms, a clock that still runs (a test that must not
      // depend on the hour it runs at, e.g. not straddle the shop's midnight).
      if (/^[+-]\d+$/.test(text)) return Date.now() + Number(text);
      const ms = Number(text);
      return Number.isFinite(ms) && ms > 0 ? ms : Date.now();
    } catch {
      return Date.now();
    }
  };
}
