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

export function auditHash(prevHash: string, r: AuditRecord): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        prevHash,
        r.at,
        r.staffId,
        r.staffName,
        r.action,
        r.entity,
        r.entityId,
        r.outcome,
        r.origin,
        r.details,
      ]),
    )
    .digest('hex');
}

/** Appends one entry chained to the previous one, inside the caller's transaction. On
 * PostgreSQL other stations append too: the shared lock, taken BEFORE the head is read, makes
 * them wait for this transaction's end, so every entry links to the one before it. */
export async function appendAudit(em: EntityManager, record: AuditRecord): Promise<void> {
  await pgXactLock(em, PG_LOCK.audit);
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
