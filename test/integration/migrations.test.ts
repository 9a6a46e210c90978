import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/data-source';
import { MigrationError, runMigrations } from '../../main/db/migrate';
import { migrations } from '../../main/db/migrations';
import type { Migration } from '../../main/db/migrations/types';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('build the whole schema on an empty folder, with the durability pragmas on', async () => {
    const { dataSource, raw } = await openDatabase(tempDir());
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    for (const t of ['staff', 'customer', 'device', 'ticket', 'ticket_event', 'setting', 'audit_entry', 'print_job', 'customer_fts']) {
      expect(tables).toContain(t);
    }
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    const applied = raw.prepare('SELECT id FROM schema_migration ORDER BY id').all() as Array<{ id: number }>;
    expect(applied.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    await dataSource.destroy();
  });

  it('apply nothing twice when the app starts again', async () => {
    const dir = tempDir();
    (await openDatabase(dir)).dataSource.destroy();
    const db = new Database(path.join(dir, 'workstation.sqlite'));
    expect(runMigrations(db, migrations)).toEqual([]);
    db.close();
  });

  it('refuse to start when an applied migration was edited', () => {
    const db = new Database(path.join(tempDir(), 'x.sqlite'));
    runMigrations(db, migrations);
    const edited: Migration[] = migrations.map((m, i) =>
      i === 0 ? { ...m, sql: [...m.sql, 'CREATE TABLE sneaky (id INTEGER)'] } : m,
    );
    expect(() => runMigrations(db, edited)).toThrowError(MigrationError);
    expect(() => runMigrations(db, edited)).toThrow(/was changed after it was applied/);
    const sneaky = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sneaky'").get() as { n: number };
    expect(sneaky.n).toBe(0);
    db.close();
  });

  it('refuse a database from a newer app version', () => {
    const db = new Database(path.join(tempDir(), 'x.sqlite'));
    runMigrations(db, migrations);
    db.prepare("INSERT INTO schema_migration VALUES (999, 'future', 'x', 0)").run();
    expect(() => runMigrations(db, migrations)).toThrow(/does not know/);
    db.close();
  });

  it('roll a failing migration back completely', () => {
    const db = new Database(path.join(tempDir(), 'x.sqlite'));
    const broken: Migration = { id: 1, name: 'broken', sql: ['CREATE TABLE a (id INTEGER)', 'CREATE TABLE a (id INTEGER)'] };
    expect(() => runMigrations(db, [broken])).toThrow(/failed and was rolled back/);
    const n = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get() as { n: number };
    expect(n.n).toBe(0);
    db.close();
  });
});
