import fs from 'node:fs';

/**
 * Test-only clock for the browser harness (`--clock FILE`): the shop's time is the epoch
 * milliseconds written in FILE, re-read on every call, so an e2e test can move time forward
 * (an overdue manager task an hour later) without waiting. Falls back to the real time while
 * the file is missing or unreadable.
 */
export function fileClock(file: string): () => number {
  return () => {
    try {
      const ms = Number(fs.readFileSync(file, 'utf8').trim());
      return Number.isFinite(ms) && ms > 0 ? ms : Date.now();
    } catch {
      return Date.now();
    }
  };
}
