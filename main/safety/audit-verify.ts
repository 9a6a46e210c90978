import type Database from 'better-sqlite3';
import pg from 'pg';
import { pgClientConfig } from '../db/open-postgres';
import { closeReader, openReader, pacer } from '../api/slices';
import type { SnapshotReader } from '../db/snapshot-reader';
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
  const walk = new ChainWalk(anchors);
  for (const row of db
    .prepare('SELECT * FROM audit_entry ORDER BY id')
    .iterate() as IterableIterator<Row>) {
    const bad = walk.step(row);
    if (bad) return bad;
  }
  return walk.end();
}

/** The same walk on a private read-only snapshot of `file`, pausing every few milliseconds, so
 * verifying a long log neither holds the app's connection nor blocks its event loop. */
export async function verifyAuditFile(
  file: string,
  anchors: ReadonlyArray<{ id: number; hash: string }> = [],
): Promise<AuditVerification> {
  const db = openReader(file, { snapshot: true });
  try {
    const walk = new ChainWalk(anchors);
    const pace = pacer();
    for (const row of db
      .prepare('SELECT * FROM audit_entry ORDER BY id')
      .iterate() as IterableIterator<Row>) {
      const bad = walk.step(row);
      if (bad) return bad;
      await pace();
    }
    return walk.end();
  } finally {
    closeReader(db);
  }
}

const COLUMNS = [
  'id',
  'at',
  'staff_id',
  'staff_name',
  'action',
  'entity',
  'entity_id',
  'outcome',
  'origin',
  'details',
  'prev_hash',
  'hash',
] as const;

/** The same walk over a snapshot reader (PostgreSQL: a cursor in its own transaction), a batch
 * at a time with a pause between batches. The reader is closed here. */
export async function verifyAuditSnapshot(
  reader: SnapshotReader,
  anchors: ReadonlyArray<{ id: number; hash: string }> = [],
): Promise<AuditVerification> {
  try {
    const walk = new ChainWalk(anchors);
    const sql = `SELECT ${COLUMNS.join(', ')} FROM audit_entry ORDER BY id`;
    for await (const rows of reader.batches(sql, [], 2000)) {
      for (const r of rows) {
        const bad = walk.step(
          Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])) as unknown as Row,
        );
        if (bad) return bad;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return walk.end();
  } finally {
    await reader.close();
  }
}

class ChainWalk {
  private prev = GENESIS_HASH;
  private prevId = 0;
  private checked = 0;
  private readonly byId: Map<number, string>;

  constructor(private readonly anchors: ReadonlyArray<{ id: number; hash: string }>) {
    this.byId = new Map(anchors.map((a) => [a.id, a.hash]));
  }

  /** The verdict when `row` breaks the chain, else null. */
  step(row: Row): AuditVerification | null {
    const where = { id: row.id, at: row.at, action: row.action };
    if (row.id !== this.prevId + 1) {
      return broken(this.checked, {
        ...where,
        problem: `entries ${this.prevId + 1}–${row.id - 1} are missing (deleted)`,
      });
    }
    if (row.prev_hash !== this.prev) {
      return broken(this.checked, {
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
    if (auditHash(this.prev, record) !== row.hash) {
      return broken(this.checked, {
        ...where,
        problem: 'its content was changed after it was written',
      });
    }
    const anchor = this.byId.get(row.id);
    if (anchor !== undefined && anchor !== row.hash) {
      return broken(this.checked, {
        ...where,
        problem: 'differs from the copy recorded in a backup (the log was rewritten)',
      });
    }
    this.prev = row.hash;
    this.prevId = row.id;
    this.checked++;
    return null;
  }

  end(): AuditVerification {
    const lost = this.anchors.filter((a) => a.id > this.prevId).sort((a, b) => a.id - b.id)[0];
    if (lost) {
      return broken(this.checked, {
        id: lost.id,
        at: null,
        action: null,
        problem: `entries after ${this.prevId} up to at least ${lost.id} were in a backup but are gone (deleted from the end)`,
      });
    }
    return { ok: true, checked: this.checked, firstBroken: null };
  }
}

const broken = (checked: number, firstBroken: AuditBreak): AuditVerification => ({
  ok: false,
  checked,
  firstBroken,
});

/** The same walk for readers that are not a SQLite file (db:move's PostgreSQL check): feed the
 * rows in id order to `step`, then ask `end`. */
export const auditChainWalk = (anchors: ReadonlyArray<{ id: number; hash: string }> = []) =>
  new ChainWalk(anchors);

/**
 * `npm run audit:verify -- --db URL`: the walk on a PostgreSQL database from its own read-only
 * connection, in one snapshot (REPEATABLE READ), a batch of entries at a time (keyset on id).
 * `anchors(lastRestore)` picks the backup heads recorded after the newest restore in that
 * snapshot.
 */
export async function verifyAuditPg(
  url: string,
  anchors: (lastRestore: number) => ReadonlyArray<{ id: number; hash: string }>,
): Promise<AuditVerification> {
  const client = new pg.Client(pgClientConfig(url));
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const restored = await client.query<{ at: number | null }>(
      `SELECT max(at) AS at FROM audit_entry WHERE action IN ('safety.restore', 'safety.undoRestore')`,
    );
    const walk = new ChainWalk(anchors(Number(restored.rows[0]?.at ?? 0)));
    for (let after = 0; ;) {
      const { rows } = await client.query<Row>(
        `SELECT ${COLUMNS.join(', ')} FROM audit_entry WHERE id > $1 ORDER BY id LIMIT 5000`,
        [after],
      );
      for (const r of rows) {
        const bad = walk.step(r);
        if (bad) return bad;
      }
      if (rows.length < 5000) break;
      after = rows[rows.length - 1].id;
    }
    return walk.end();
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
