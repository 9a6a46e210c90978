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
      /** Milliseconds the exit backup may take before it is abandoned (default 8000). */
      'exit-deadline': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values.data!);
  const workstation = await createWorkstation({
    dataDir,
    backups: 'auto',
    devices: {},
    messages: {},
    now: values.clock ? fileClock(path.resolve(values.clock)) : undefined,
    exitBackupDeadlineMs: values['exit-deadline'] ? Number(values['exit-deadline']) : undefined,
  });
  const harness = await startHarness({
    workstation,
    port: Number(values.port),
    staticDir: path.resolve(values.static!),
  });
  // One stop, however many signals arrive (Ctrl+C in a terminal reaches npx and the server,
  // a supervisor may follow with SIGTERM): a second signal must not cut the exit backup off.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal}: already stopping (finishing the exit backup)`);
      return;
    }
    stopping = true;
    console.log(`${signal}: stopping`);
    void (async () => {
      let code = 0;
      try {
        await harness.close();
        await workstation.close();
      } catch (err) {
        console.error('[harness] stopping failed', err);
        code = 1;
      }
      console.log('Stopped');
      process.exit(code);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed last: whoever waits for the URL may signal at once, and must find the handlers.
  console.log(`Data folder: ${dataDir}`);
  console.log(`Listening on ${harness.url}`);
  console.log(`Stop with Ctrl+C (or kill ${process.pid}) before seeding this data folder.`);
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
