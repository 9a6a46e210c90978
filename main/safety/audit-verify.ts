import type Database from 'better-sqlite3';
import { GENESIS_HASH, auditHash, type AuditRecord } from '../domain/audit/audit-log';

export interface AuditBreak {
  id: number;
  at: number | null;
  action: string | null;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: AuditBreak | null;
}

interface Row {
  id: number;
  at: number;
  staff_id: number | null;
  staff_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  outcome: AuditRecord['outcome'];
  origin: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Walks the audit hash chain from the first entry and names the first one that does not hold:
 * an entry whose content no longer matches its hash (edited), one that does not point at the
 * entry before it (inserted, or one before it deleted), or a gap in the numbering. `anchors` are
 * chain heads recorded elsewhere (backup manifests): if one of them is no longer in the chain,
 * entries were removed from the end.
 */
export function verifyAuditRows(
  db: Database.Database,
  anchors: ReadonlyArray<{ id: number; hash: string }> = [],
): AuditVerification {
  const stmt = db.prepare('SELECT * FROM audit_entry ORDER BY id');
  let prev = GENESIS_HASH;
  let prevId = 0;
  let checked = 0;
  const byId = new Map(anchors.map((a) => [a.id, a.hash]));
  for (const row of stmt.iterate() as IterableIterator<Row>) {
    const where = { id: row.id, at: row.at, action: row.action };
    if (row.id !== prevId + 1) {
      return broken(checked, {
        ...where,
        problem: `entries ${prevId + 1}–${row.id - 1} are missing (deleted)`,
      });
    }
    if (row.prev_hash !== prev) {
      return broken(checked, {
        ...where,
        problem: 'does not link to the entry before it (an entry was removed or inserted)',
      });
    }
    const record: AuditRecord = {
      at: row.at,
      staffId: row.staff_id,
      staffName: row.staff_name,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      outcome: row.outcome,
      origin: row.origin,
      details: row.details,
    };
    if (auditHash(prev, record) !== row.hash) {
      return broken(checked, { ...where, problem: 'its content was changed after it was written' });
    }
    const anchor = byId.get(row.id);
    if (anchor !== undefined && anchor !== row.hash) {
      return broken(checked, {
        ...where,
        problem: 'differs from the copy recorded in a backup (the log was rewritten)',
      });
    }
    prev = row.hash;
    prevId = row.id;
    checked++;
  }
  const lost = anchors.filter((a) => a.id > prevId).sort((a, b) => a.id - b.id)[0];
  if (lost) {
    return broken(checked, {
      id: lost.id,
      at: null,
      action: null,
      problem: `entries after ${prevId} up to at least ${lost.id} were in a backup but are gone (deleted from the end)`,
    });
  }
  return { ok: true, checked, firstBroken: null };
}

const broken = (checked: number, firstBroken: AuditBreak): AuditVerification => ({
  ok: false,
  checked,
  firstBroken,
});
