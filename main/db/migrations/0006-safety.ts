import type { Migration } from './types';

/** Data safety: customers erased on request keep their row (tickets and payments point at it),
 * marked with when they were anonymised. */
export const m0006: Migration = {
  id: 6,
  name: 'safety',
  sql: ['ALTER TABLE customer ADD COLUMN erased_at BIGINT'],
};
