import path from 'node:path';
import { parseArgs } from 'node:util';
import { createWorkstation, type Workstation } from '../app';
import { EngineStartError, terminalLang } from '../db/engine-errors';
import { migrations } from '../db/migrations';
import type { ShopUpgradeNeeded } from '../domain/versions/upgrade-plan';
import { ownStationName } from '../domain/stations/station-identity';
import { testNewerBuild } from './test-newer-build';
import { DatabaseStartupError } from '../safety/startup';
import { DB_URL_ENV, describeTarget } from '../db/engine';
import { databaseChosen } from '../db/join';
import { runSetup } from '../web/setup-server';
import { cliDatabase, printEngineError } from './db-option';
import { startHarness } from '../web/server';
import { fileClock } from './test-clock';
import { keepHeapWhenIdle } from '../runtime/idle-heap';

/** `npm run start:web -- --data DIR --port N [--db postgres://…]`: the app in a browser, on this
 * computer only. */
async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.resolve('.data') },
      /** The shop's PostgreSQL database (else WORKSTATION_DB_URL, database.json, SQLite). */
      db: { type: 'string' },
      port: { type: 'string', default: '5173' },
      static: { type: 'string', default: path.resolve('out/web') },
      /** Test-only: the shop's clock is read from this file (see test-clock.ts). */
      clock: { type: 'string' },
      /** First start: when this data folder has chosen no database yet (and no --db or
       * WORKSTATION_DB_URL names one), the browser shows Setup before the workstation opens. */
      setup: { type: 'boolean', default: false },
      /** Test-only: play a newer build (this version, one more migration; test-newer-build.ts). */
      'test-newer-build': { type: 'string' },
      /** Milliseconds the exit backup may take before it is abandoned (default 8000). */
      'exit-deadline': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values.data!);
  let port = Number(values.port);
  if (values.setup && !values.db && !process.env[DB_URL_ENV] && !databaseChosen(dataDir)) {
    const chosen = await runSetup({
      dataDir,
      port,
      staticDir: path.resolve(values.static!),
      onListening: (url) =>
        console.log(`Setup: choose this station's database at\nListening on ${url}`),
    });
    port = chosen.port;
    console.log(
      `Setup: ${chosen.choice === 'joined' ? "joined the shop's database" : 'this PC only'}`,
    );
  }
  const database = cliDatabase(dataDir, values.db);
  const newer = values['test-newer-build'] ? testNewerBuild(values['test-newer-build']) : null;
  const now = values.clock ? fileClock(path.resolve(values.clock)) : Date.now;
  const open = () =>
    createWorkstation({
      dataDir,
      database,
      backups: 'auto',
      devices: {},
      messages: {},
      now,
      exitBackupDeadlineMs: values['exit-deadline'] ? Number(values['exit-deadline']) : undefined,
      ...newer,
    });
  let workstation: Workstation;
  try {
    workstation = await open();
  } catch (err) {
    // A newer build on a database other stations use: the browser asks an admin to confirm.
    if (!(err instanceof EngineStartError && err.code === 'ENGINE_UPGRADE_NEEDED')) throw err;
    if (database.engine !== 'postgres') throw err;
    const { runUpgradeScreen } = await import('../web/upgrade-server');
    const { plan } = err as ShopUpgradeNeeded;
    console.log(err.text(terminalLang()));
    ({ port } = await runUpgradeScreen({
      url: database.url,
      dataDir,
      port,
      staticDir: path.resolve(values.static!),
      plan,
      migrations: newer?.migrations ?? migrations,
      station: ownStationName(dataDir),
      now,
      onListening: (url) =>
        console.log(`Upgrade: an admin confirms the shop's upgrade at\nListening on ${url}`),
    }));
    console.log("Upgrade: the shop's database is upgraded");
    workstation = await open();
  }
  const harness = await startHarness({
    workstation,
    port,
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
  const shown = describeTarget(database);
  console.log(`Database: ${shown.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${shown.where}`);
  console.log(`Listening on ${harness.url}`);
  console.log(`Stop with Ctrl+C (or kill ${process.pid}) before seeding this data folder.`);
}

keepHeapWhenIdle();
main().catch((err) => {
  if (printEngineError(err)) process.exit(1);
  console.error(err instanceof Error ? err.message : err);
  if (err instanceof DatabaseStartupError && err.latestBackup) {
    console.error(
      `To put that backup in place: npm run backup -- --data ${err.dataDir} --restore latest`,
    );
  }
  process.exit(1);
});
