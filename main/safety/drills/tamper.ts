import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createWorkstation } from '../../app';
import { DB_FILE } from '../../db/data-source';
import { verifyAuditRows } from '../audit-verify';
import { seededRng } from './fuzz-input';
import { drillWalkIn } from './writers';
import { scratchAdmin } from '../../domain/staff/bootstrap';

export interface TamperDrillResult {
  drill: 'tamper';
  entries: number;
  tampers: number;
  namedExactly: number;
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

/** What someone with a raw SQL tool does: drop the append-only guard, change, put it back. */
export function tamperWithRawSql(file: string, sql: string, params: unknown[]): void {
  const db = new Database(file);
  try {
    const triggers = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'`,
      )
      .all() as Array<{ name: string; sql: string }>;
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare(sql).run(...params);
    for (const t of triggers) db.exec(t.sql);
  } finally {
    db.close();
  }
}

/**
 * The tamper drill: on copies of a real shop database, change one column of one random audit
 * entry (or delete one) with raw SQL, bypassing the triggers; the verifier must name exactly
 * that entry (for a deletion: the entry after the gap).
 */
export async function tamperDrill(opts: {
  count: number;
  seed?: number;
}): Promise<TamperDrillResult> {
  const started = Date.now();
  const rng = seededRng(opts.seed ?? Date.now());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-tamper-'));
  try {
    const ws = await createWorkstation({ dataDir: dir, logger: { error: () => undefined } });
    const meta = {
      token: await scratchAdmin(ws, 'drill'),
      origin: 'drill',
    };
    for (let i = 0; i < 40; i++) await ws.call('intake.commit', drillWalkIn(i), meta);
    await ws.call('audit.verify', {}, meta);
    await ws.close();
    const source = path.join(dir, DB_FILE);
    const probe = new Database(source, { readonly: true });
    const entries = probe.prepare('SELECT count(*) FROM audit_entry').pluck().get() as number;
    probe.close();
    const misses: string[] = [];
    let named = 0;
    for (let i = 0; i < opts.count; i++) {
      const copy = path.join(dir, `copy-${i}.sqlite`);
      fs.copyFileSync(source, copy);
      // never the last entry for a deletion: removing the tail is caught by backup anchors instead
      const id = 1 + Math.floor(rng() * (entries - 1));
      let expected = id;
      let what: string;
      if (rng() < 0.2) {
        tamperWithRawSql(copy, 'DELETE FROM audit_entry WHERE id = ?', [id]);
        expected = id + 1;
        what = `delete ${id}`;
      } else {
        const col = COLUMNS[Math.floor(rng() * COLUMNS.length)];
        const value = col === 'at' ? 1 : `tampered-${i}`;
        tamperWithRawSql(copy, `UPDATE audit_entry SET ${col} = ? WHERE id = ?`, [value, id]);
        what = `${col} of ${id}`;
      }
      const db = new Database(copy, { readonly: true });
      const report = verifyAuditRows(db);
      db.close();
      fs.rmSync(copy);
      if (report.firstBroken?.id === expected) named++;
      else if (misses.length < 10)
        misses.push(`${what}: verifier said ${JSON.stringify(report.firstBroken)}`);
    }
    return {
      drill: 'tamper',
      entries,
      tampers: opts.count,
      namedExactly: named,
      missed: opts.count - named,
      ms: Date.now() - started,
      misses,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
