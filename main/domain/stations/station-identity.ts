import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a PC keeps about itself in its own data folder (never in the shared database, which
 * cannot tell one PC from another). */
export interface StationIdentity {
  id: string;
  name: string;
  /** Someone has confirmed the name (the first-start prompt, or a rename). Until then the
   * name is the host name and an admin or manager is asked once. */
  named: boolean;
}

export const stationFile = (dataDir: string) => path.join(dataDir, 'station.json');

/** Reads <data>/station.json, creating it (new id, host name) on the first start. */
export function loadStationIdentity(dataDir: string): StationIdentity {
  const file = stationFile(dataDir);
  if (fs.existsSync(file)) {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StationIdentity>;
    if (typeof v.id === 'string' && typeof v.name === 'string')
      return { id: v.id, name: v.name, named: v.named === true };
  }
  const fresh: StationIdentity = {
    id: randomUUID(),
    name: os.hostname().slice(0, 80) || 'Station',
    named: false,
  };
  saveStationIdentity(dataDir, fresh);
  return fresh;
}

/** Written to a temporary file and renamed: a power cut never leaves half a file (which would
 * make the PC a new station with a new id). */
export function saveStationIdentity(dataDir: string, identity: StationIdentity): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = stationFile(dataDir);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(identity, null, 2));
  fs.renameSync(tmp, file);
}

/** This PC's identity as saved, without creating one (null: a new data folder). */
const savedIdentity = (dataDir: string): StationIdentity | null =>
  fs.existsSync(stationFile(dataDir)) ? loadStationIdentity(dataDir) : null;

export const ownStationId = (dataDir: string) => savedIdentity(dataDir)?.id ?? null;
export const ownStationName = (dataDir: string) => savedIdentity(dataDir)?.name ?? null;
