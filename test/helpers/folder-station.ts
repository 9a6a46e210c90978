import { createWorkstation, type Workstation } from '../../main/app';
import { resolveDatabase } from '../../main/db/engine';

/**
 * A workstation on its data folder's own database (its database.json, else its SQLite file),
 * not the test run's WORKSTATION_DB_URL: what a station opens after seed --db or db:move. It
 * joins `open`, which the test's afterAll closes.
 */
export async function folderStation(
  dataDir: string,
  now: number,
  open: Workstation[],
): Promise<Workstation> {
  const ws = await createWorkstation({
    dataDir,
    database: resolveDatabase(dataDir, { env: {} }),
    now: () => now,
    logger: { error: (m, e) => console.error(m, e) },
  });
  open.push(ws);
  return ws;
}
