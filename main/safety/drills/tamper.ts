import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createWorkstation } from '../../app';
import { DB_FILE } from '../../db/data-source';
import { pgClientConfig } from '../../db/open-postgres';
import { sqliteSql, type Sql } from '../../db/sql';
import { checkStock } from '../../domain/inventory/stock-ledger';
import { auditChainWalk, verifyAuditRows, type AuditVerification } from '../audit-verify';
import { seededRng } from './fuzz-input';
import { clientSql, scratchPgDatabase } from './pg-scratch';
import { drillWalkIn } from './writers';
import { scratchAdmin } from '../../domain/staff/bootstrap';

export interface TamperDrillResult {
  drill: 'tamper';
  engine: 'sqlite' | 'postgres';
  entries: number;
  movements: number;
  tampers: number;
  /** Of those, changes to the stock ledger (the rest are to the audit log). */
  ledgerTampers: number;
  /** Tampers refused outright while the append-only triggers were in place. */
  refusedByTriggers: number;
  /** Tampers (made with the triggers off) that the verifier pinned on the right entry or part. */
  namedExactly: number;
  /** Tampers either not refused by the triggers or not named exactly. */
  missed: number;
  ms: number;
  misses: string[];
}

const COLUMNS = [
  'at',
  'staff_name',
  'action',
  'entity_id',
  'outcome',
  'details',
  'origin',
  'hash',
  'prev_hash',
];

/** One change someone with a raw SQL tool might make, and what must be named for it. */
interface Tamper {
  table: 'audit_entry' | 'stock_movement';
  sql: string;
  params: unknown[];
  what: string;
  /** The audit entry the verifier must name, or the part whose cached stock must disagree. */
  expected: number;
}

/** What someone with a raw SQL tool does: drop the append-only guard, change, put it back. */
export function tamperWithRawSql(
  file: string,
  sql: string,
  params: unknown[],
  table: Tamper['table'] = 'audit_entry',
): void {
  const db = new Database(file);
  try {
    const triggers = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`)
      .all(table) as Array<{ name: string; sql: string }>;
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare(sql).run(...params);
    for (const t of triggers) db.exec(t.sql);
  } finally {
    db.close();
  }
}

/** The same walk as `audit:verify`, on a connection inside its open transaction. */
async function verifyAuditClient(client: pg.Client): Promise<AuditVerification> {
  const walk = auditChainWalk();
  const { rows } = await client.query('SELECT * FROM audit_entry ORDER BY id');
  for (const r of rows) {
    const bad = walk.step(r);
    if (bad) return bad;
  }
  return walk.end();
}

/** Did the verifier name it: the audit entry, or a stock mismatch on the part. */
async function named(t: Tamper, audit: () => Promise<AuditVerification>, sql: Sql) {
  if (t.table === 'audit_entry') {
    const report = await audit();
    return { ok: report.firstBroken?.id === t.expected, said: report.firstBroken };
  }
  const { mismatches } = await checkStock(sql);
  return { ok: Number(mismatches[0]?.partId) === t.expected, said: mismatches[0] ?? null };
}

/**
 * The tamper drill: on a real shop database, change one column of one random audit entry (or
 * delete one), or change or delete one stock movement, with raw SQL. With the append-only
 * triggers in place the change must be refused; made with them off, the verifier must name
 * exactly that entry (for a deletion: the entry after the gap), and the stock check exactly that
 * movement's part. SQLite: on copies of the file. `pgUrl`: on a scratch database of its own on
 * that server, each change inside a transaction that is rolled back after the check (the
 * triggers switched off inside it, as the table's owner can).
 */
export async function tamperDrill(opts: {
  count: number;
  seed?: number;
  pgUrl?: string;
}): Promise<TamperDrillResult> {
  const started = Date.now();
  const rng = seededRng(opts.seed ?? Date.now());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-tamper-'));
  const scratch = opts.pgUrl ? await scratchPgDatabase(opts.pgUrl, 'tamper') : null;
  try {
    const ws = await createWorkstation({
      dataDir: dir,
      dbUrl: scratch?.url,
      logger: { error: () => undefined },
    });
    try {
      const meta = { token: await scratchAdmin(ws, 'drill'), origin: 'drill' };
      for (let i = 0; i < 40; i++) await ws.call('intake.commit', drillWalkIn(i), meta);
      // Three parts, each in and out a few times: the ledger the stock check reads.
      for (let p = 0; p < 3; p++) {
        const { id } = (await ws.call(
          'parts.save',
          {
            sku: `TAMPER-${p}`,
            barcodes: [],
            name: `Tamper part ${p}`,
            category: 'Drill',
            bin: 'T-01',
            models: [],
            costCents: 1000,
            priceCents: 2500,
            reorderPoint: 0,
            reorderQty: 0,
          },
          meta,
        )) as { id: number };
        for (let k = 0; k < 6; k++) {
          const qty = k % 3 === 2 ? -1 : 2;
          await ws.call('stock.adjust', { partId: id, qty, reason: `tamper ${p}.${k}` }, meta);
        }
      }
      await ws.call('audit.verify', {}, meta);
    } finally {
      await ws.close();
    }
    const run = scratch ? onPostgres(scratch.url) : onSqlite(path.join(dir, DB_FILE), dir);
    const shop = await run.open();
    const result: TamperDrillResult = {
      drill: 'tamper',
      engine: scratch ? 'postgres' : 'sqlite',
      entries: shop.entries,
      movements: shop.movements.length,
      tampers: opts.count,
      ledgerTampers: 0,
      refusedByTriggers: 0,
      namedExactly: 0,
      missed: 0,
      ms: 0,
      misses: [],
    };
    try {
      for (let i = 0; i < opts.count; i++) {
        const t = plan(rng, i, shop);
        if (t.table === 'stock_movement') result.ledgerTampers++;
        const { refused, verdict } = await run.tamper(i, t);
        if (refused) result.refusedByTriggers++;
        if (verdict.ok) result.namedExactly++;
        if (!refused || !verdict.ok) {
          result.missed++;
          if (result.misses.length < 10)
            result.misses.push(
              `${t.what}: ${refused ? '' : 'not refused by the triggers; '}verifier said ${JSON.stringify(verdict.said)}`,
            );
        }
      }
    } finally {
      await run.close();
    }
    result.ms = Date.now() - started;
    return result;
  } finally {
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Shop {
  entries: number;
  movements: Array<{ id: number; part_id: number }>;
}

function plan(rng: () => number, i: number, shop: Shop): Tamper {
  const r = rng();
  if (r < 0.2) {
    const m = shop.movements[Math.floor(rng() * shop.movements.length)];
    const del = rng() < 0.5;
    return {
      table: 'stock_movement',
      sql: del
        ? 'DELETE FROM stock_movement WHERE id = ?'
        : 'UPDATE stock_movement SET qty = qty + 5 WHERE id = ?',
      params: [m.id],
      what: `${del ? 'delete' : 'qty of'} movement ${m.id}`,
      expected: m.part_id,
    };
  }
  // never the last entry for a deletion: removing the tail is caught by backup anchors instead
  const id = 1 + Math.floor(rng() * (shop.entries - 1));
  if (r < 0.4) {
    return {
      table: 'audit_entry',
      sql: 'DELETE FROM audit_entry WHERE id = ?',
      params: [id],
      what: `delete ${id}`,
      expected: id + 1,
    };
  }
  const col = COLUMNS[Math.floor(rng() * COLUMNS.length)];
  return {
    table: 'audit_entry',
    sql: `UPDATE audit_entry SET ${col} = ? WHERE id = ?`,
    params: [col === 'at' ? 1 : `tampered-${i}`, id],
    what: `${col} of ${id}`,
    expected: id,
  };
}

interface Run {
  open(): Promise<Shop>;
  tamper(
    i: number,
    t: Tamper,
  ): Promise<{ refused: boolean; verdict: { ok: boolean; said: unknown } }>;
  close(): Promise<void>;
}

const MOVEMENTS = 'SELECT id, part_id FROM stock_movement ORDER BY id';

/** SQLite: each change on a copy of the file, which is checked and removed. */
function onSqlite(source: string, dir: string): Run {
  return {
    async open() {
      const db = new Database(source, { readonly: true });
      try {
        const entries = db.prepare('SELECT count(*) FROM audit_entry').pluck().get() as number;
        return { entries, movements: db.prepare(MOVEMENTS).all() as Shop['movements'] };
      } finally {
        db.close();
      }
    },
    async tamper(i, t) {
      const copy = path.join(dir, `copy-${i}.sqlite`);
      fs.copyFileSync(source, copy);
      try {
        let refused = false;
        const guarded = new Database(copy);
        try {
          guarded.prepare(t.sql).run(...t.params);
        } catch {
          refused = true;
        } finally {
          guarded.close();
        }
        tamperWithRawSql(copy, t.sql, t.params, t.table);
        const db = new Database(copy, { readonly: true });
        try {
          return {
            refused,
            verdict: await named(t, async () => verifyAuditRows(db), sqliteSql(db)),
          };
        } finally {
          db.close();
        }
      } finally {
        fs.rmSync(copy, { force: true });
      }
    },
    async close() {},
  };
}

/** PostgreSQL: one connection; each change in its own transaction, rolled back after the check. */
function onPostgres(url: string): Run {
  const client = new pg.Client(pgClientConfig(url));
  return {
    async open() {
      await client.connect();
      const { rows } = await client.query<{ n: number }>('SELECT count(*) AS n FROM audit_entry');
      const movements = (await client.query(MOVEMENTS)).rows as Shop['movements'];
      return { entries: Number(rows[0].n), movements };
    },
    async tamper(_i, t) {
      const sql = clientSql(client);
      let refused = false;
      try {
        await sql.run(t.sql, ...t.params);
      } catch {
        refused = true;
      }
      await client.query('BEGIN');
      try {
        // ALTER TABLE is transactional here: the triggers are back at the rollback.
        await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER USER`);
        await sql.run(t.sql, ...t.params);
        return { refused, verdict: await named(t, () => verifyAuditClient(client), sql) };
      } finally {
        await client.query('ROLLBACK');
      }
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
