import type { z } from 'zod';
import type { empty } from './schemas/misc';

/**
 * Live updates across stations (issue 15 item 2). 'connected' on SQLite (one process) and while
 * a PostgreSQL station's event connection is up; 'reconnecting' while it is down: the screens
 * keep what they show, saving waits, and everything is re-read when it is back.
 */
export type LiveState = 'connected' | 'reconnecting';

export interface LiveStatusDto {
  state: LiveState;
  /** Whether events reach other stations at all (PostgreSQL) or there is only this one. */
  shared: boolean;
  /** This link's instance (a new one after the station restarts) and how many times its state
   * changed: a page hears states by event and by asking, in no guaranteed order, and keeps the
   * newest; a newer 'connected' than the one it read at means it missed what came meanwhile. */
  link: string;
  seq: number;
}

export interface LiveApi {
  'live.status': { input: z.input<typeof empty>; output: LiveStatusDto };
}

export interface LiveEvents {
  /** This station's event connection to the shop's database went down or came back. */
  'live.state': LiveStatusDto;
  /** Settings were saved (here or on another station): caches and settings screens re-read. */
  'settings.changed': { keys: string[] };
}
