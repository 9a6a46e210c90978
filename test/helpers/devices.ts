import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceRuntimeOptions } from '../../main/devices/device-runtime';

/** Fast back-off and short status timeouts, so pty tests take seconds. */
export const FAST_DEVICES: DeviceRuntimeOptions = {
  backoff: { baseMs: 20, maxMs: 160 },
  hostStatusTimeoutMs: 2000,
  statusPollMs: 0,
  queuePollMs: 100,
};

export const ptyDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pty-'));

export async function until<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
