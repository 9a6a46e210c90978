import path from 'node:path';
import { parseArgs } from 'node:util';
import { createWorkstation } from '../app';
import { DatabaseStartupError } from '../safety/startup';
import { startHarness } from '../web/server';
import { fileClock } from './test-clock';

/** `npm run start:web -- --data DIR --port N`: the app in a browser, on this computer only. */
async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.resolve('.data') },
      port: { type: 'string', default: '5173' },
      static: { type: 'string', default: path.resolve('out/web') },
      /** Test-only: the shop's clock is read from this file (see test-clock.ts). */
      clock: { type: 'string' },
    },
  });
  const dataDir = path.resolve(values.data!);
  const workstation = await createWorkstation({
    dataDir,
    backups: 'auto',
    devices: {},
    now: values.clock ? fileClock(path.resolve(values.clock)) : undefined,
  });
  const harness = await startHarness({
    workstation,
    port: Number(values.port),
    staticDir: path.resolve(values.static!),
  });
  console.log(`Data folder: ${dataDir}`);
  console.log(`Listening on ${harness.url}`);
  console.log(`Stop with Ctrl+C (or kill ${process.pid}) before seeding this data folder.`);
  const stop = async () => {
    await harness.close();
    await workstation.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  if (err instanceof DatabaseStartupError && err.latestBackup) {
    console.error(
      `To put that backup in place: npm run backup -- --data ${err.dataDir} --restore latest`,
    );
  }
  process.exit(1);
});
