import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEntry } from '../../db/entities';
import { PG_LOCK, pgXactLock } from '../../db/pg-locks';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  at: number;
  staffId: number | null;
  staffName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  outcome: 'success' | 'denied' | 'rejected' | 'failed';
  origin: string;
  details: string | null;
}

/** The record's fields in the order they are hashed (and, on PostgreSQL, inserted). */
const hashedFields = (r: AuditRecord) =>
  [
    r.at,
    r.staffId,
    r.staffName,
    r.action,
    r.entity,
    r.entityId,
    r.outcome,
    r.origin,
    r.details,
  ] as const;

/** What follows the previous hash in the hashed text: `["<prev>",` + this is the JSON array the
 * hash is taken of (the previous hash is hex, so it needs no escaping). */
const hashedTail = (r: AuditRecord) => JSON.stringify(hashedFields(r)).slice(1);

export function auditHash(prevHash: string, r: AuditRecord): string {
  return createHash('sha256')
    .update(`["${prevHash}",${hashedTail(r)}`)
    .digest('hex');
}

/**
 * On PostgreSQL the head is read and hashed by the INSERT itself: the same text as
 * `auditHash` (the tail is made here, `convert_to` gives its UTF-8 bytes as Node hashes them),
 * one round trip instead of two. The lock is its own statement first: an INSERT's snapshot is
 * taken before anything in it could wait for the lock, so a head read inside it could be stale.
 */
const PG_APPEND = `INSERT INTO audit_entry
    (at, staff_id, staff_name, action, entity, entity_id, outcome, origin, details, prev_hash, hash)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, p.h,
         encode(sha256(convert_to('["' || p.h || '",' || $10, 'UTF8')), 'hex')
  FROM (SELECT coalesce((SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1), $11) AS h) p`;

/** Appends one entry chained to the previous one, inside the caller's transaction. On
 * PostgreSQL other stations append too: the shared lock, taken BEFORE the head is read, makes
 * them wait for this transaction's end, so every entry links to the one before it. */
export async function appendAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  if (em.connection.options.type === 'postgres') {
    await pgXactLock(em, PG_LOCK.audit);
    await em.query(PG_APPEND, [...hashedFields(record), hashedTail(record), GENESIS_HASH]);
    return;
  }
  const last = await em
    .createQueryBuilder(AuditEntry, 'a')
    .select('a.hash', 'hash')
    .orderBy('a.id', 'DESC')
    .limit(1)
    .getRawOne<{ hash: string }>();
  const prevHash = last?.hash ?? GENESIS_HASH;
  await em.insert(AuditEntry, { ...record, prevHash, hash: auditHash(prevHash, record) });
}

/** Walks the chain; returns the id of the first entry whose hash does not match, or null. */
export async function verifyAuditChain(em: EntityManager): Promise<number | null> {
  const rows = await em.find(AuditEntry, { order: { id: 'ASC' } });
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const { id, prevHash, hash, ...rest } = row;
    if (prevHash !== prev || auditHash(prev, rest as AuditRecord) !== hash) return id;
    prev = hash;
  }
  return null;
}
