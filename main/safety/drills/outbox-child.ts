import fs from 'node:fs';
import { createWorkstation } from '../../app';
import { httpSinkResolver } from './http-sink-channel';

/**
 * The outbox drill's victim: a workstation whose outbox sends to the parent's HTTP sink. Its
 * clock runs `speed` times faster from the parent's epoch (the same for every child), so the
 * back-off's minutes pass in milliseconds and time never runs backwards across restarts.
 */
async function main() {
  const [dataDir, url, epoch, speed] = process.argv.slice(2);
  const t0 = Number(epoch);
  const now = () => t0 + (Date.now() - t0) * Number(speed);
  // Every run is the same station restarted after a kill -9: on PostgreSQL a station
  // recovers only the sends it claimed itself.
  await createWorkstation({
    dataDir,
    now,
    logger: { error: (m, e) => fs.writeSync(2, `${m} ${String(e)}\n`) },
    messages: { resolver: httpSinkResolver(url), tickMs: 50, station: 'drill' },
  });
  // The worker's timers do not hold the process (the app's window or server does): this does.
  setInterval(() => undefined, 1 << 30);
  fs.writeSync(1, 'READY\n');
}

main().catch((err: unknown) => {
  fs.writeSync(2, `outbox child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
