import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerifyDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;
beforeEach(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  for (let i = 0; i < 3; i++) await shop.call(manager, 'intake.commit', validWalkIn());
});
afterEach(() => shop.close());

/** What an attacker with a raw SQL tool does: drop the guard, edit, put the guard back. */
async function tamper(sql: string, ...params: unknown[]) {
  const { database } = shop.ws.services;
  if (database.engine === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_entry DISABLE TRIGGER USER');
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      await client.query('ALTER TABLE audit_entry ENABLE TRIGGER USER');
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(shop.dataDir, 'workstation.sqlite'));
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'`,
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.prepare(sql).run(...params);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

const ROOT = path.resolve(__dirname, '../..');
/** `npm run audit:verify` on the test shop (its data folder, and its database on PostgreSQL). */
function auditCli() {
  const { database } = shop.ws.services;
  const db = database.engine === 'postgres' ? ['--db', database.url] : [];
  return promisify(execFile)(
    'npx',
    [
      'tsx',
      '--tsconfig',
      'tsconfig.node.json',
      'main/cli/audit-verify.ts',
      '--data',
      shop.dataDir,
      ...db,
    ],
    { cwd: ROOT },
  );
}

describe('the audit log', () => {
  it('cannot be edited or deleted, even with raw SQL on the app connection', async () => {
    await expect(shop.sql.run(`UPDATE audit_entry SET details = 'x' WHERE id = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(shop.sql.run('DELETE FROM audit_entry WHERE id = 1')).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies clean, and names the entry changed by a raw SQL tool', async () => {
    const clean = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(clean.ok).toBe(true);
    expect(clean.checked).toBeGreaterThan(5);
    const target = Number(
      (await shop.sql.get<{ id: number }>(
        `SELECT id FROM audit_entry WHERE action = 'intake.commit' ORDER BY id LIMIT 1 OFFSET 1`,
      ))!.id,
    );
    await tamper(`UPDATE audit_entry SET staff_name = 'Someone else' WHERE id = ?`, target);
    const res = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(res.ok).toBe(false);
    expect(res.firstBroken).toMatchObject({ id: target, action: 'intake.commit' });
    expect(res.firstBroken?.problem).toMatch(/changed/);
    expect(res.checked).toBe(target - 1);
    // the command line says the same, on either engine
    const cli = (await auditCli().catch((e: unknown) => e)) as { code: number; stdout: string };
    expect(cli.code).toBe(2);
    expect(cli.stdout).toContain(`Audit log BROKEN at entry ${target}`);
  });

  it('names a deleted entry, and entries deleted from the end that a backup had seen', async () => {
    await shop.call(manager, 'safety.backupNow', {});
    const last = Number(
      (await shop.sql.get<{ n: number }>('SELECT max(id) AS n FROM audit_entry'))!.n,
    );
    await tamper('DELETE FROM audit_entry WHERE id >= ?', last - 1);
    // (the command line first: the app's own verify call appends an entry of its own)
    const cliTail = (await auditCli().catch((e: unknown) => e)) as { code: number; stdout: string };
    expect(cliTail.code).toBe(2);
    expect(cliTail.stdout).toMatch(/gone/);
    const tail = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(tail.ok).toBe(false);
    expect(tail.firstBroken?.problem).toMatch(/gone/);
    await tamper('DELETE FROM audit_entry WHERE id = 3');
    const gap = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(gap.firstBroken).toMatchObject({ id: 4 });
    expect(gap.firstBroken?.problem).toMatch(/missing/);
  });

  it('is verified only by managers and admins', async () => {
    const counter = await shop.as('counter');
    expect((await shop.fail(counter, 'audit.verify', {})).code).toBe('FORBIDDEN');
  });
});
