import { createWorkstation, type Workstation, type WorkstationOptions } from '../../main/app';
import { resolveDatabase } from '../../main/db/engine';

/**
 * A workstation on its data folder's own database (its database.json, else its SQLite file),
 * not the test run's WORKSTATION_DB_URL: what a station opens after seed --db or db:move. It
 * joins `open`, which the test's afterAll closes. `more.messages`: run its outbox.
 */
export async function folderStation(
  dataDir: string,
  now: number,
  open: Workstation[],
  more: Pick<WorkstationOptions, 'messages'> = {},
): Promise<Workstation> {
  const ws = await createWorkstation({
    ...more,
    dataDir,
    database: resolveDatabase(dataDir, { env: {} }),
    now: () => now,
    logger: { error: (m, e) => console.error(m, e) },
  });
  open.push(ws);
  return ws;
}
