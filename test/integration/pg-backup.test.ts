import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkstation } from '../../main/app';
import { seedShop } from '../../main/cli/seed-shop';
import { sha256File } from '../../main/safety/files';
import { moveShop } from '../../main/db/move/move';
import { DB_URL_ENV } from '../../main/db/engine';
import {
  createPgBackup,
  listPgBackups,
  restorePgBackup,
  verifyPgBackup,
} from '../../main/safety/pg-backup';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { freshPgDatabase, pgClient } from '../helpers/pg-migrated';

/** Backups of a shop on PostgreSQL: pg_dump -Fc with the SQLite copies' manifest, checked with
 * pg_restore --list, restored (after a safety dump) with pg_restore --clean. */
let cluster: PgCluster;
let url: string;
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-pgbak-'));
  dirs.push(d);
  return d;
};
const NOW = Date.parse('2026-11-23T18:00:00+08:00');

beforeAll(async () => {
  cluster = await startPgCluster();
  const shop = tempDir();
  // A SQLite shop, moved below (not the file's own database under TEST_DB=postgres).
  const fileDb = process.env[DB_URL_ENV];
  delete process.env[DB_URL_ENV];
  try {
    await seedShop({ dataDir: shop, tickets: 150, parts: 20, now: NOW });
  } finally {
    if (fileDb) process.env[DB_URL_ENV] = fileDb;
  }
  url = await freshPgDatabase(cluster, 'bak');
  await moveShop({ dataDir: shop, url });
}, 120_000);
afterAll(() => {
  cluster?.stop();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const count = async (table: string) => {
  const c = await pgClient(url);
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await c.end();
  }
};

describe('backups on PostgreSQL', () => {
  it('(PostgreSQL) backup → change → restore brings the data back; the safety dump undoes it', async () => {
    const dir = tempDir();
    const m = await createPgBackup(url, dir, { reason: 'manual', now: NOW });
    expect(m.engine).toBe('postgres');
    expect(m.file).toMatch(/\.pgdump$/);
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.counts.ticket).toBe(150);
    expect(m.counts.audit_entry).toBe(await count('audit_entry'));
    expect(m.auditHead?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(listPgBackups(dir).map((b) => b.file)).toEqual([m.file]);
    expect(await verifyPgBackup(dir, m)).toEqual({ ok: true, problem: null });

    // a change after the backup: a ticket's events gone, a customer renamed
    const c = await pgClient(url);
    await c.query(`UPDATE customer SET name = 'Changed after the backup' WHERE id = 1`);
    await c.query('DELETE FROM ticket_event WHERE ticket_id = 1');
    const eventsAfter = Number((await c.query('SELECT count(*) AS n FROM ticket_event')).rows[0].n);
    await c.end();
    expect(eventsAfter).toBeLessThan(m.counts.ticket_event);

    const { undo } = await restorePgBackup(url, dir, m, NOW + 60_000);
    expect(undo.reason).toBe('pre-restore');
    expect(undo.counts.ticket_event).toBe(eventsAfter);
    for (const [table, n] of Object.entries(m.counts)) expect(await count(table), table).toBe(n);
    const back = await pgClient(url);
    const name = (await back.query('SELECT name FROM customer WHERE id = 1')).rows[0].name;
    // the search indexes and triggers came back with the schema
    const trgm = await back.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'customer_trgm'`);
    const triggers = await back.query(
      `SELECT 1 FROM pg_trigger WHERE tgname = 'payment_closed_day'`,
    );
    await back.end();
    expect(name).not.toBe('Changed after the backup');
    expect(trgm.rows).toHaveLength(1);
    expect(triggers.rows).toHaveLength(1);

    // the restore is undone with the safety dump
    await restorePgBackup(url, dir, undo, NOW + 120_000);
    expect(await count('ticket_event')).toBe(eventsAfter);
  }, 120_000);

  it('(PostgreSQL) a damaged dump is refused by verification and by restore, and nothing changes', async () => {
    const dir = tempDir();
    const m = await createPgBackup(url, dir, { reason: 'manual', now: NOW + 1 });
    const file = path.join(dir, m.file);
    const bytes = fs.readFileSync(file);
    // cut off: the bytes no longer match the manifest
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const v = await verifyPgBackup(dir, m);
    expect(v.ok).toBe(false);
    expect(v.problem).toContain('checksum');
    // a dump whose manifest was rewritten to match: pg_restore --list still refuses it
    const forged = { ...m, sha256: sha256File(file) };
    const v2 = await verifyPgBackup(dir, forged);
    expect(v2.ok).toBe(false);
    expect(v2.problem).toMatch(/damaged: pg_restore failed/);
    const before = await count('ticket');
    await expect(restorePgBackup(url, dir, forged, NOW + 2)).rejects.toThrow(/cannot be restored/);
    expect(await count('ticket')).toBe(before);
    expect(listPgBackups(dir).filter((b) => b.reason === 'pre-restore')).toHaveLength(0);
  }, 120_000);
});

describe('the safety service on PostgreSQL', () => {
  it('(PostgreSQL) backs up, lists, verifies, restores and undoes through the workstation', async () => {
    const dataDir = tempDir();
    const ws = await createWorkstation({ dataDir, dbUrl: url, logger: { error: () => undefined } });
    try {
      const safety = ws.services.safety;
      const m = await safety.backup('manual');
      expect(m.file).toMatch(/manual\.pgdump$/);
      expect(safety.list().map((b) => b.file)).toContain(m.file);
      expect(safety.verify(m.file)).toEqual({ ok: true, problem: null });
      const before = await count('customer');
      await ws.services.dataSource.query(
        `INSERT INTO customer (name, name_norm, phone, phone_digits, phone_rev, channel, created_at, updated_at)
         VALUES ('After the backup', 'after the backup', '+10000000', '10000000', '00000001', 'sms', 1, 1)`,
      );
      expect(await count('customer')).toBe(before + 1);
      const r = await safety.restore(m.file);
      expect(await count('customer')).toBe(before);
      expect(r.undo.reason).toBe('pre-restore');
      // the station keeps working on the reopened pool
      const rows = (await ws.services.dataSource.query(
        'SELECT count(*) AS n FROM customer',
      )) as Array<{
        n: number;
      }>;
      expect(Number(rows[0].n)).toBe(before);
      await safety.restore(r.undo.file, 'undo');
      expect(await count('customer')).toBe(before + 1);
    } finally {
      await ws.close();
    }
  }, 120_000);
});

describe('npm run backup on PostgreSQL', () => {
  const cli = (args: string[]) =>
    promisify(execFile)('npm', ['run', '-s', 'backup', '--', ...args], {
      cwd: path.resolve(__dirname, '../..'),
      maxBuffer: 16 * 2 ** 20,
    });

  it('(PostgreSQL) --db URL makes a pg_dump with its manifest, --list verifies it, --restore puts it back', async () => {
    const dataDir = tempDir();
    const made = JSON.parse((await cli(['--data', dataDir, '--db', url])).stdout) as {
      file: string;
      counts: Record<string, number>;
    };
    expect(made.file).toMatch(/-cli\.pgdump$/);
    expect(made.counts.ticket).toBe(await count('ticket'));
    const list = (await cli(['--data', dataDir, '--db', url, '--list'])).stdout;
    expect(list).toContain(`${path.basename(made.file)}\t`);
    expect(list).toContain('verified');
    const c = await pgClient(url);
    await c.query('DELETE FROM ticket_event WHERE ticket_id = 2');
    await c.end();
    const restored = (await cli(['--data', dataDir, '--db', url, '--restore', 'latest'])).stdout;
    expect(restored).toContain(`Restored ${path.basename(made.file)}`);
    expect(await count('ticket_event')).toBe(made.counts.ticket_event);
  }, 120_000);
});
