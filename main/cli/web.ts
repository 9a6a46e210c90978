import path from 'node:path';
import { parseArgs } from 'node:util';
import { createWorkstation } from '../app';
import { startHarness } from '../web/server';

/** `npm run start:web -- --data DIR --port N`: the app in a browser, on this computer only. */
async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.resolve('.data') },
      port: { type: 'string', default: '5173' },
      static: { type: 'string', default: path.resolve('out/web') },
    },
  });
  const dataDir = path.resolve(values.data!);
  const workstation = await createWorkstation({ dataDir, devices: {} });
  const harness = await startHarness({
    workstation,
    port: Number(values.port),
    staticDir: path.resolve(values.static!),
  });
  console.log(`Data folder: ${dataDir}`);
  console.log(`Listening on ${harness.url}`);
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
  process.exit(1);
});
