import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrintJobDto } from '../../main/api/contract';
import { FAST_DEVICES, ptyDir } from '../helpers/devices';
import { openTestShop, validWalkIn } from '../helpers/workstation';
import { englishOf } from '../../main/devices/device-text';

describe('a restart while a job was being written', () => {
  it('leaves the job asking "did it print?" instead of printing it again', async () => {
    const first = await openTestShop({ devices: FAST_DEVICES, start: Date.now() });
    const admin = await first.as('admin');
    // A receipt printer that is never there, so nothing settles the job by itself.
    const { id } = (await first.call(admin, 'hardware.save', {
      kind: 'receipt_printer',
      name: 'Gone',
      path: path.join(ptyDir(), 'missing'),
    })) as { id: number };
    const { printJobs } = (await first.call(admin, 'intake.commit', validWalkIn())) as {
      printJobs: PrintJobDto[];
    };
    const receipt = printJobs.find((j) => j.kind === 'intake_receipt')!;
    // As if the app died between claiming the job and finishing it.
    await first.sql.run(
      `UPDATE print_job SET status = 'printing', device_id = ? WHERE id = ?`,
      id,
      receipt.id,
    );
    await first.ws.close();

    const again = await openTestShop({
      devices: FAST_DEVICES,
      dataDir: first.dataDir,
      start: Date.now(),
    });
    try {
      const token = await again.as('admin');
      const jobs = (await again.call(token, 'printJobs.list', {
        status: 'uncertain',
        limit: 10,
      })) as PrintJobDto[];
      expect(jobs.map((j) => [j.id, englishOf(j.lastError)])).toEqual([
        [receipt.id, 'The app stopped while this was printing. Did it print?'],
      ]);
      // Stored as a key, so each window shows it in its own language.
      expect(JSON.parse(jobs[0].lastError ?? '{}')).toMatchObject({ key: 'deviceText.appStopped' });
      // The operator says it did not: it goes back to the queue (audited).
      await again.call(token, 'printJobs.resolve', { id: receipt.id, printed: false });
      const queued = (await again.call(token, 'printJobs.list', {
        status: 'queued',
        limit: 10,
      })) as PrintJobDto[];
      expect(queued.map((j) => j.id)).toContain(receipt.id);
      const audit = await again.sql.get<{ outcome: string }>(
        `SELECT outcome FROM audit_entry WHERE action = 'printJobs.resolve' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit?.outcome).toBe('success');
    } finally {
      await again.close();
    }
  });
});
