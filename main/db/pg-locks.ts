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
} as const;
