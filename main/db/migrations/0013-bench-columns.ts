import type { Migration } from './types';

/**
 * The bench board pages each status column on its own. The Received column shows the newest
 * intake first, so it walks (status, received_at) backwards; the other columns walk the
 * existing (status, promised_at) index by due time.
 */
export const m0013: Migration = {
  id: 13,
  name: 'bench-columns',
  sql: [`CREATE INDEX ticket_status_received ON ticket (status, received_at)`],
};
