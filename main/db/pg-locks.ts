import type { EntityManager } from 'typeorm';

/**
 * PostgreSQL advisory-lock keys shared by every station of a shop (`pg_advisory_xact_lock(key)`:
 * held until the transaction ends, re-entrant within it). NEVER change a value: migration bodies
 * spell them out, and stations of different versions must agree.
 */
export const PG_LOCK = {
  /** Applying migrations (main/db/migrate-pg.ts). */
  migrate: 7_264_837_001,
  /** Appending to the audit chain: take it before reading the chain's head, so the entry
   * appended links to the head it read; the numbering trigger (0001) takes it too. */
  audit: 7_264_837_002,
  /** Closing a business day: the second station waits, then reads the day as closed. */
  dayClose: 7_264_837_003,
  /** Refiling the day aggregates under the shop's time zone at open (shop-zone-db.ts). */
  shopZone: 7_264_837_010,
} as const;

/**
 * Takes `key` for the rest of `em`'s transaction on PostgreSQL, where other stations write at
 * the same time. On SQLite nothing: a write transaction already holds the file's one write lock.
 */
export async function pgXactLock(em: EntityManager, key: number): Promise<void> {
  if (em.connection.options.type !== 'postgres') return;
  await em.query('SELECT pg_advisory_xact_lock($1)', [key]);
}
