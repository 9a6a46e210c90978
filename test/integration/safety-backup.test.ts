import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkstation } from '../../main/app';
import type { SafetyProgress, SafetyStatusDto } from '../../main/api/contract';
import { runMigrations } from '../../main/db/migrate';
import { migrations } from '../../main/db/migrations';
import { listBackups, manifestPath } from '../../main/safety/backup';
import { sha256File } from '../../main/safety/files';
import { DatabaseStartupError, replaceDatabaseFile } from '../../main/safety/startup';
import { listPgBackups } from '../../main/safety/pg-backup';
import { testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';
import { scratchAdmin } from '../../main/domain/staff/bootstrap';

const shops: TestShop[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of shops.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const open = async (dataDir?: string) => {
  const s = await openTestShop({ dataDir });
  shops.push(s);
  return s;
};
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-safety-'));
  dirs.push(d);
  return d;
};
const ticketNumbers = async (shop: TestShop) =>
  (await shop.sql.all<{ number: string }>('SELECT number FROM ticket ORDER BY id')).map(
    (r) => r.number,
  );
/** The copies in a folder, of the engine the tests run on. */
const copiesIn = (dir: string) => (testOnPostgres ? listPgBackups(dir) : listBackups(dir));
/** The start-up checks read the SQLite file itself (a server checks its own pages). */
const sqliteOnly = it.skipIf(testOnPostgres);

describe('backups', () => {
  it('are consistent, integrity-checked copies with a checksum manifest, and report progress', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    await shop.call(manager, 'intake.commit', validWalkIn());
    const seen: SafetyProgress[] = [];
    shop.ws.events.subscribe((m) => {
      if (m.name === 'safety.progress') seen.push(m.payload as SafetyProgress);
    });
    const dto = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    const dir = path.join(shop.dataDir, 'backups');
    const file = path.join(dir, dto.file);
    const manifest = JSON.parse(fs.readFileSync(manifestPath(file), 'utf8'));
    expect(manifest.sha256).toBe(sha256File(file));
    expect(manifest.counts.ticket).toBe(1);
    expect(manifest.counts.customer).toBe(1);
    if (testOnPostgres) {
      // pg_restore reads the whole dump
      expect(await shop.call(manager, 'safety.verifyBackup', { file: dto.file })).toMatchObject({
        ok: true,
      });
    } else {
      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM ticket').pluck().get()).toBe(1);
      copy.close();
    }
    // no temp files are left behind
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(seen.at(-1)).toEqual({ operation: 'backup', phase: 'done', percent: 100 });
    expect(seen.some((p) => p.phase === 'copy')).toBe(true);
    const status = (await shop.call(manager, 'safety.status', {})) as SafetyStatusDto;
    expect(status.backups.map((b) => b.file)).toEqual([dto.file]);
    expect(status.changesSinceBackup).toBe(0);
    const audited = await shop.sql.all(
      `SELECT action FROM audit_entry WHERE action = 'safety.backupNow'`,
    );
    expect(audited).toHaveLength(1);
  });

  it('a counter clerk cannot back up or restore', async () => {
    const shop = await open();
    const counter = await shop.as('counter');
    expect((await shop.fail(counter, 'safety.backupNow', {})).code).toBe('FORBIDDEN');
    expect((await shop.fail(counter, 'safety.undoRestore', {})).code).toBe('FORBIDDEN');
  });

  it('restore brings back the chosen copy, is audited, and can be undone', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    await shop.call(manager, 'intake.commit', validWalkIn());
    const backup = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    await shop.call(manager, 'intake.commit', validWalkIn());
    expect(await ticketNumbers(shop)).toHaveLength(2);

    const res = (await shop.call(manager, 'safety.restore', { file: backup.file })) as {
      undoFile: string;
    };
    expect(await ticketNumbers(shop)).toHaveLength(1);
    const afterRestore = (await shop.call(manager, 'safety.status', {})) as SafetyStatusDto;
    expect(afterRestore.changesSinceBackup).toBe(0);
    // the workstation keeps working on the restored file
    await shop.call(manager, 'intake.commit', validWalkIn());
    expect(await ticketNumbers(shop)).toHaveLength(2);
    const status = (await shop.call(manager, 'safety.status', {})) as SafetyStatusDto;
    expect(status.undoFile).toBe(res.undoFile);

    await shop.call(manager, 'safety.undoRestore', {});
    // back to the two walk-ins taken before the restore
    expect(await ticketNumbers(shop)).toHaveLength(2);
    const actions = (
      await shop.sql.all<{ action: string }>(
        `SELECT action FROM audit_entry WHERE action LIKE 'safety.%' ORDER BY id`,
      )
    ).map((r) => r.action);
    expect(actions).toEqual(['safety.backupNow', 'safety.undoRestore']);
    const verify = (await shop.call(manager, 'audit.verify', {})) as { ok: boolean };
    expect(verify.ok).toBe(true);
  });

  it('signs out staff who do not exist in the restored copy', async () => {
    const shop = await open();
    const admin = await shop.as('admin');
    const backup = (await shop.call(admin, 'safety.backupNow', {})) as { file: string };
    const counter = await shop.as('counter'); // created after the backup
    await shop.call(admin, 'safety.restore', { file: backup.file });
    expect((await shop.fail(counter, 'tickets.list', {})).code).toBe('UNAUTHENTICATED');
    await expect(shop.call(admin, 'tickets.list', {})).resolves.toBeTruthy();
  });

  it('refuses to restore a copy whose bytes changed, and leaves the database alone', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    await shop.call(manager, 'intake.commit', validWalkIn());
    const backup = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    const file = path.join(shop.dataDir, 'backups', backup.file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const err = await shop.fail(manager, 'safety.restore', { file: backup.file });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/checksum/);
    const verdict = (await shop.call(manager, 'safety.verifyBackup', { file: backup.file })) as {
      ok: boolean;
    };
    expect(verdict.ok).toBe(false);
    expect(await ticketNumbers(shop)).toHaveLength(1);
  });

  it('accepts only listed backup names, never a path', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    const traversal = await shop.fail(manager, 'safety.restore', { file: '../../etc/passwd' });
    expect(traversal.code).toBe('VALIDATION');
    const unknown = await shop.fail(manager, 'safety.restore', {
      file: 'workstation-20260101-000000-000-manual.sqlite',
    });
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await shop.fail(manager, 'safety.undoRestore', {})).code).toBe('NOT_FOUND');
  });

  it('backs up at exit when something changed, into the configured folder', async () => {
    const dataDir = tempDir();
    const folder = path.join(tempDir(), 'usb');
    const ws = await createWorkstation({ dataDir, backups: 'auto', logger: { error() {} } });
    const admin = { token: await scratchAdmin(ws, 't') };
    await ws.call(
      'settings.update',
      { key: 'backup.folder', value: folder },
      { token: admin.token, origin: 't' },
    );
    await ws.close();
    expect(copiesIn(folder).map((b) => b.reason)).toEqual(['exit']);
    // an unchanged shop is not copied again
    const again = await createWorkstation({ dataDir, backups: 'auto', logger: { error() {} } });
    await again.close();
    expect(copiesIn(folder)).toHaveLength(1);
  });
});

describe('start-up checks', () => {
  sqliteOnly(
    'refuse a damaged database file in plain words and name the newest verified backup (SQLite)',
    async () => {
      const shop = await open();
      const manager = await shop.as('manager');
      await shop.call(manager, 'intake.commit', validWalkIn());
      const backup = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
      await shop.ws.close();
      const file = path.join(shop.dataDir, 'workstation.sqlite');
      const bytes = fs.readFileSync(file);
      bytes.fill(0x41, 4096, 4096 * 3);
      fs.writeFileSync(file, bytes);
      const err = await createWorkstation({ dataDir: shop.dataDir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseStartupError);
      const e = err as DatabaseStartupError;
      expect(e.code).toBe('DATABASE_DAMAGED');
      expect(e.message).toMatch(/is damaged/);
      expect(e.message).toContain(backup.file);
      expect(e.latestBackup?.manifest.file).toBe(backup.file);
      // the offered copy can be put in place; the damaged file is kept aside, not deleted
      const aside = replaceDatabaseFile(
        shop.dataDir,
        path.join(e.latestBackup!.dir, backup.file),
        1,
      );
      expect(fs.existsSync(aside!)).toBe(true);
      const reopened = await open(shop.dataDir);
      expect(await ticketNumbers(reopened)).toHaveLength(1);
    },
  );

  sqliteOnly(
    'never start empty when the database file vanished but backups exist (SQLite)',
    async () => {
      const shop = await open();
      const manager = await shop.as('manager');
      await shop.call(manager, 'safety.backupNow', {});
      await shop.ws.close();
      fs.rmSync(path.join(shop.dataDir, 'workstation.sqlite'));
      const err = (await createWorkstation({ dataDir: shop.dataDir }).catch(
        (e: unknown) => e,
      )) as DatabaseStartupError;
      expect(err.code).toBe('DATABASE_MISSING');
      expect(fs.existsSync(path.join(shop.dataDir, 'workstation.sqlite'))).toBe(false);
    },
  );

  sqliteOnly('take a backup before running pending migrations (SQLite)', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'workstation.sqlite'));
    db.pragma('journal_mode = WAL');
    runMigrations(db, migrations.slice(0, 1));
    db.close();
    const ws = await createWorkstation({ dataDir, logger: { error() {} } });
    await ws.close();
    const copies = listBackups(path.join(dataDir, 'backups'));
    expect(copies.map((c) => c.reason)).toEqual(['pre-migration']);
    expect(copies[0].migrations).toEqual([migrations[0].id]);
  });

  it('a failing migration leaves the database file byte for byte unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'workstation.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    runMigrations(db, migrations.slice(0, 1));
    db.close();
    const before = sha256File(file);
    const again = new Database(file);
    again.pragma('journal_mode = WAL');
    const failing = {
      id: 9999,
      name: 'broken',
      sql: ['CREATE TABLE half (id INTEGER)', 'SELECT * FROM nowhere'],
    };
    expect(() => runMigrations(again, [...migrations, failing])).toThrow(/broken.*rolled back/);
    const tables = again
      .prepare(`SELECT name FROM sqlite_master WHERE name IN ('half', 'estimate_line')`)
      .all();
    expect(tables).toEqual([]);
    again.close();
    expect(sha256File(file)).toBe(before);
  });
});
