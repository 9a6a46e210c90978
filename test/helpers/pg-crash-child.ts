import fs from 'node:fs';
import { createWorkstation } from '../../main/app';
import { scratchAdmin } from '../../main/domain/staff/bootstrap';
import { validWalkIn } from './walk-in';

/**
 * The PostgreSQL crash drill's victim: a station on `argv[3]` (the shop's database URL, its own
 * folder `argv[2]`) taking walk-ins in a loop, printing each ticket number only after the call
 * returned. The parent SIGKILLs it mid-way; every printed number must be in the database.
 */
async function main() {
  const [dataDir, dbUrl] = process.argv.slice(2);
  const ws = await createWorkstation({ dataDir, dbUrl, logger: { error: () => undefined } });
  const token = await scratchAdmin(ws, 'drill');
  fs.writeSync(1, 'READY\n');
  for (;;) {
    const res = await ws.dispatcher.call('intake.commit', validWalkIn(), {
      token,
      origin: 'drill',
    });
    if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
    // Synchronous: the line is out of this process before the next walk-in starts.
    fs.writeSync(1, `ACK ${(res.result as { ticket: { number: string } }).ticket.number}\n`);
  }
}

main().catch((err: unknown) => {
  fs.writeSync(2, `pg crash child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
