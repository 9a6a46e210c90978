import Database from 'better-sqlite3';
import path from 'node:path';
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
function tamper(sql: string, ...params: unknown[]) {
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

describe('the audit log', () => {
  it('cannot be edited or deleted, even with raw SQL on the app connection', () => {
    const raw = shop.ws.services.raw;
    expect(() => raw.prepare(`UPDATE audit_entry SET details = 'x' WHERE id = 1`).run()).toThrow(
      /append-only/,
    );
    expect(() => raw.prepare('DELETE FROM audit_entry WHERE id = 1').run()).toThrow(/append-only/);
  });

  it('verifies clean, and names the entry changed by a raw SQL tool', async () => {
    const clean = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(clean.ok).toBe(true);
    expect(clean.checked).toBeGreaterThan(5);
    const target = shop.ws.services.raw
      .prepare(
        `SELECT id FROM audit_entry WHERE action = 'intake.commit' ORDER BY id LIMIT 1 OFFSET 1`,
      )
      .pluck()
      .get() as number;
    tamper(`UPDATE audit_entry SET staff_name = 'Someone else' WHERE id = ?`, target);
    const res = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(res.ok).toBe(false);
    expect(res.firstBroken).toMatchObject({ id: target, action: 'intake.commit' });
    expect(res.firstBroken?.problem).toMatch(/changed/);
    expect(res.checked).toBe(target - 1);
  });

  it('names a deleted entry, and entries deleted from the end that a backup had seen', async () => {
    await shop.call(manager, 'safety.backupNow', {});
    const last = shop.ws.services.raw
      .prepare('SELECT max(id) FROM audit_entry')
      .pluck()
      .get() as number;
    tamper('DELETE FROM audit_entry WHERE id >= ?', last - 1);
    const tail = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(tail.ok).toBe(false);
    expect(tail.firstBroken?.problem).toMatch(/gone/);
    tamper('DELETE FROM audit_entry WHERE id = 3');
    const gap = (await shop.call(manager, 'audit.verify', {})) as AuditVerifyDto;
    expect(gap.firstBroken).toMatchObject({ id: 4 });
    expect(gap.firstBroken?.problem).toMatch(/missing/);
  });

  it('is verified only by managers and admins', async () => {
    const counter = await shop.as('counter');
    expect((await shop.fail(counter, 'audit.verify', {})).code).toBe('FORBIDDEN');
  });
});
