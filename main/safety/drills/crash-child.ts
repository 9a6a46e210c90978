import fs from 'node:fs';
import { createWorkstation } from '../../app';
import { DRILL_WRITERS } from './writers';
import { scratchAdmin } from '../../domain/staff/bootstrap';

/**
 * The crash drill's victim: takes records through the API in a loop and prints each id only
 * after the call returned (committed with synchronous=FULL). The parent SIGKILLs it at a random
 * moment; whatever was printed must be in the database afterwards.
 */
async function main() {
  const dataDir = process.argv[2];
  const ws = await createWorkstation({ dataDir, logger: { error: () => undefined } });
  const login = { token: await scratchAdmin(ws, 'drill') };
  fs.writeSync(1, 'READY\n');
  for (let i = 0; ; i++) {
    const writer = DRILL_WRITERS[i % DRILL_WRITERS.length];
    const id = await writer.write(ws, login.token, i);
    // A synchronous write: the line is out of this process before the next record starts.
    fs.writeSync(1, `ACK ${writer.name} ${id}\n`);
  }
}

main().catch((err: unknown) => {
  fs.writeSync(2, `crash child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
