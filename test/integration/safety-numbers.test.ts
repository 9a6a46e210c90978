import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeResult, PickupResult, RestorePreviewDto } from '../../main/api/contract';
import { ISSUED_FILE } from '../../main/safety/issued-numbers';
import { testOnPostgres } from '../helpers/pg-test-db';
import { lookup, readyTicket, SIGNATURE } from '../helpers/pickup';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
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
const cli = (...args: string[]) =>
  run('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'main/cli/backup.ts', ...args], {
    cwd: ROOT,
  });

const walkIn = async (shop: TestShop, token: string) =>
  ((await shop.call(token, 'intake.commit', validWalkIn())) as IntakeResult).ticket.number;

async function collect(shop: TestShop, token: string) {
  const t = await readyTicket(shop, token);
  const view = await lookup(shop, token, t.number);
  const res = (await shop.call(token, 'pickup.complete', {
    ticketId: t.id,
    version: view.ticket.version,
    idempotencyKey: `numbers-${t.id}`,
    payments: [{ method: 'cash', amountCents: view.quote.dueCents }],
    signature: SIGNATURE,
  })) as PickupResult;
  return { ticket: t.number, invoice: res.invoice.number };
}

describe('numbers issued after a backup (on tags and receipts already)', () => {
  it('are never issued again after a restore, and the preview says what the restore drops', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    await walkIn(shop, manager);
    const first = await collect(shop, manager);
    expect(first).toEqual({ ticket: 'R-000002', invoice: 'INV-000001' });
    const backup = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    // after the backup: three more tickets and one more invoice, tags printed
    const later = [await walkIn(shop, manager), await walkIn(shop, manager)];
    const paid = await collect(shop, manager);
    expect([...later, paid.ticket, paid.invoice]).toEqual([
      'R-000003',
      'R-000004',
      'R-000005',
      'INV-000002',
    ]);
    // the mark beside the data follows every commit (on PostgreSQL a round trip after it)
    await expect
      .poll(() => JSON.parse(fs.readFileSync(path.join(shop.dataDir, ISSUED_FILE), 'utf8')))
      .toEqual({ ticket: 5, invoice: 2 });

    const preview = (await shop.call(manager, 'safety.restorePreview', {
      file: backup.file,
    })) as RestorePreviewDto;
    expect(preview).toEqual({
      file: backup.file,
      ticketsDropped: 3,
      invoicesDropped: 1,
      lastTicket: 'R-000005',
      nextTicket: 'R-000006',
    });

    await shop.call(manager, 'safety.restore', { file: backup.file });
    expect(shop.count('ticket')).toBe(2);
    // the next ticket and invoice continue above everything ever issued
    expect(await walkIn(shop, manager)).toBe('R-000006');
    expect(await collect(shop, manager)).toEqual({ ticket: 'R-000007', invoice: 'INV-000003' });
    // and the same after an undo of that restore
    await shop.call(manager, 'safety.undoRestore', {});
    expect(await walkIn(shop, manager)).toBe('R-000008');
    // every manifest records the mark when it was made
    const manifests = shop.ws.services.safety.list();
    expect(manifests.find((m) => m.file === backup.file)!.issued).toEqual({
      ticket: 2,
      invoice: 1,
    });
    expect(Math.max(...manifests.map((m) => m.issued?.ticket ?? 0))).toBeGreaterThanOrEqual(7);
  });

  // The CLI restores a PostgreSQL dump by its listed name only (pg-backup.test.ts).
  it.skipIf(testOnPostgres)(
    'are never issued again after a CLI restore of a backup given by its path (--out) (SQLite)',
    async () => {
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-out-'));
      dirs.push(outDir);
      const shop = await open();
      const manager = await shop.as('manager');
      await walkIn(shop, manager);
      const out = path.join(outDir, 'friday.sqlite');
      await cli('--data', shop.dataDir, '--out', out);
      await walkIn(shop, manager);
      await walkIn(shop, manager);
      const dataDir = shop.dataDir;
      // the app is closed for a CLI restore (its folder stays)
      shops.splice(0);
      dirs.push(dataDir);
      await shop.ws.close();

      // an arbitrary path is accepted when its manifest verifies it
      const { stdout } = await cli('--data', dataDir, '--restore', out);
      expect(stdout).toContain('Restored friday.sqlite');
      expect(stdout).toContain('2 ticket and 0 invoice numbers skipped');
      const again = await open(dataDir);
      expect(again.count('ticket')).toBe(1);
      expect(await walkIn(again, await again.as('manager'))).toBe('R-000004');
    },
    120_000,
  );

  it.skipIf(testOnPostgres)(
    'a file without a manifest, a changed file and a missing name are refused in plain words (SQLite)',
    async () => {
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-out-'));
      dirs.push(outDir);
      const shop = await open();
      const manager = await shop.as('manager');
      await walkIn(shop, manager);
      const out = path.join(outDir, 'copy.sqlite');
      await cli('--data', shop.dataDir, '--out', out);
      const bare = path.join(outDir, 'bare.sqlite');
      fs.copyFileSync(out, bare);
      const fails = async (arg: string) => {
        const err = (await cli('--data', shop.dataDir, '--restore', arg).catch(
          (e: unknown) => e,
        )) as {
          code: number;
          stderr: string;
        };
        expect(err.code).toBe(1);
        return err.stderr;
      };
      expect(await fails(bare)).toContain('has no readable manifest');
      fs.appendFileSync(out, 'x');
      expect(await fails(out)).toContain('checksum mismatch');
      expect(await fails('nothing-here.sqlite')).toContain('No backup "nothing-here.sqlite"');
      // nothing was replaced
      expect(shop.count('ticket')).toBe(1);
    },
    120_000,
  );

  it('the preview refuses names that are not listed backups', async () => {
    const shop = await open();
    const manager = await shop.as('manager');
    const bad = await shop.fail(manager, 'safety.restorePreview', {
      file: '../workstation.sqlite',
    });
    expect(bad.code).toBe('VALIDATION');
    const missing = await shop.fail(manager, 'safety.restorePreview', {
      file: 'workstation-20260101-000000-000-manual.sqlite',
    });
    expect(missing.details?.key).toBe('safety.errors.noSuchBackup');
    const counter = await shop.as('counter');
    const file = 'workstation-20260101-000000-000-manual.sqlite';
    expect((await shop.fail(counter, 'safety.restorePreview', { file })).code).toBe('FORBIDDEN');
  });
});
