import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { SafetyStatusDto } from '../../main/api/contract';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const shops: TestShop[] = [];
afterEach(async () => {
  for (const s of shops.splice(0)) await s.close();
});

/** `npm run backup -- --data DIR`, as a person types it (the app may be running). */
const cliBackup = (dataDir: string) =>
  run('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'main/cli/backup.ts', '--data', dataDir], {
    cwd: ROOT,
  });

describe('backups made on purpose', () => {
  it('survive the automatic copies and exit copies that follow, for days', async () => {
    const shop = await openTestShop();
    shops.push(shop);
    const manager = await shop.as('manager');
    await shop.call(manager, 'intake.commit', validWalkIn());
    const manual = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    shop.clock.now += 60_000;
    await cliBackup(shop.dataDir);
    const safety = shop.ws.services.safety;
    const cli = safety.list().find((b) => b.reason === 'cli')!;
    expect(cli).toBeDefined();
    // Ten days of work: a walk-in and an automatic copy every 15 minutes for a few hours a day,
    // and a copy at exit every evening.
    for (let day = 0; day < 10; day++) {
      for (let i = 0; i < 8; i++) {
        shop.clock.now += 15 * 60_000;
        await shop.call(manager, 'intake.commit', validWalkIn());
        await safety.backup('auto');
      }
      await safety.backup('exit');
      shop.clock.now += 22 * 3_600_000;
    }
    const status = (await shop.call(manager, 'safety.status', {})) as SafetyStatusDto;
    const files = status.backups.map((b) => b.file);
    expect(files).toContain(manual.file);
    expect(files).toContain(cli.file);
    // the automatic ones still rotate: at most one per day for the last 7 days (+ weeks)
    const automatic = status.backups.filter((b) => b.reason === 'auto' || b.reason === 'exit');
    expect(automatic.length).toBeLessThanOrEqual(7 + 4);
    expect(automatic.length).toBeGreaterThanOrEqual(7);
  }, 120_000);

  it('go after the set number of days when the setting asks for it', async () => {
    const shop = await openTestShop();
    shops.push(shop);
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', { key: 'backup.keepDeliberateDays', value: 3 });
    const manual = (await shop.call(admin, 'safety.backupNow', {})) as { file: string };
    const safety = shop.ws.services.safety;
    shop.clock.now += 2 * 24 * 3_600_000;
    await safety.backup('auto');
    expect(safety.list().map((b) => b.file)).toContain(manual.file);
    shop.clock.now += 2 * 24 * 3_600_000;
    await safety.backup('auto');
    expect(safety.list().map((b) => b.file)).not.toContain(manual.file);
  });

  it('are deleted only by a person who may manage backups, and the deletion is audited', async () => {
    const shop = await openTestShop();
    shops.push(shop);
    const manager = await shop.as('manager');
    const manual = (await shop.call(manager, 'safety.backupNow', {})) as { file: string };
    const counter = await shop.as('counter');
    const refused = await shop.fail(counter, 'safety.deleteBackup', { file: manual.file });
    expect(refused.code).toBe('FORBIDDEN');
    const bad = await shop.fail(manager, 'safety.deleteBackup', { file: '../workstation.sqlite' });
    expect(bad.code).toBe('VALIDATION');
    expect(shop.ws.services.safety.list().map((b) => b.file)).toEqual([manual.file]);

    await shop.call(manager, 'safety.deleteBackup', { file: manual.file });
    expect(shop.ws.services.safety.list()).toEqual([]);
    expect(fs.readdirSync(path.join(shop.dataDir, 'backups'))).toEqual([]);
    const again = await shop.fail(manager, 'safety.deleteBackup', { file: manual.file });
    expect(again.details?.key).toBe('safety.errors.noSuchBackup');
    const audited = await shop.sql.all<{ details: string }>(
      `SELECT details FROM audit_entry WHERE action = 'safety.deleteBackup' AND outcome = 'success'`,
    );
    expect(audited.map((d) => JSON.parse(d.details))).toEqual([
      expect.objectContaining({ file: manual.file, reason: 'manual' }),
    ]);
  });
});
