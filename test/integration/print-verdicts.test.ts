import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../main/api/contract';
import { VirtualZplPrinter } from '../../main/devices/emulator/virtual-zpl-printer';
import { englishOf, jobText } from '../../main/devices/device-text';
import { queuePrintJob } from '../../main/domain/printing/print-jobs';
import { FAST_DEVICES, ptyDir, until } from '../helpers/devices';
import { openTestShop, type TestShop } from '../helpers/workstation';

const label = (n: number): PrintDocument => ({
  kind: 'label',
  widthMm: 50,
  heightMm: 30,
  lines: [{ type: 'text', text: `Label ${n}` }],
});

const open: Array<{ close(): Promise<unknown> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function shopWithLabelPrinter(dataDir?: string) {
  const dir = ptyDir();
  dirs.push(dir);
  const printer = new VirtualZplPrinter(path.join(dir, 'zpl'), path.join(dir, 'zpl-dev'));
  await printer.plug();
  open.push({ close: () => printer.unplug() });
  const shop = await openTestShop({ devices: FAST_DEVICES, start: Date.now(), dataDir });
  open.push(shop);
  return { shop, printer };
}

async function queueLabel(shop: TestShop, n: number, deviceId?: number) {
  const { ws } = shop;
  const job = await ws.dispatcher.exclusive(() =>
    ws.services.dataSource.transaction((em) =>
      queuePrintJob(em, {
        kind: 'shelf_label',
        ticketId: null,
        document: label(n),
        key: `verdict:${n}:${Math.random()}`,
        now: Date.now(),
        deviceId,
        station: ws.services.station.id,
      }),
    ),
  );
  ws.events.publish('printJob.queued', { id: job.id, kind: job.kind, ticketId: null });
  return job.id;
}

const row = async (shop: TestShop, id: number) =>
  (await shop.sql.get<{ status: string; attempts: number; last_error: string | null }>(
    'SELECT status, attempts, last_error FROM print_job WHERE id = ?',
    id,
  ))!;

describe('each uncertain print job is settled by the answer that belongs to it', () => {
  it('"incomplete label" after the end: the fragment is cleared and the label printed once, no later check decides it', async () => {
    const { shop, printer } = await shopWithLabelPrinter();
    const admin = await shop.as('admin');
    await shop.call(admin, 'hardware.save', {
      kind: 'label_printer',
      name: 'Shelf',
      path: printer.path,
    });
    // The ^XZ of the first label is lost on the wire: after it, ~HS says "partial format".
    printer.loseNextEnd = true;
    const id = await queueLabel(shop, 1);
    await until('the label printed', () => printer.labels.find((l) => l.jobId === id), 15_000);
    await until('the job done', async () => (await row(shop, id)).status === 'done');
    expect(printer.labels.filter((l) => l.jobId === id)).toHaveLength(1);
    expect((await row(shop, id)).attempts).toBe(2);
    // A later, unrelated label prints once too, and nothing else is decided by its answers.
    const next = await queueLabel(shop, 2);
    await until('the next label', async () => (await row(shop, next)).status === 'done');
    expect(printer.labels.map((l) => l.jobId)).toEqual([id, next]);
  });

  it('after a restart, the printer answer settles the job cut off then, not an older one still asked about', async () => {
    const { shop, printer } = await shopWithLabelPrinter();
    const admin = await shop.as('admin');
    const dev = (await shop.call(admin, 'hardware.save', {
      kind: 'label_printer',
      name: 'Shelf',
      path: printer.path,
    })) as { id: number };
    const older = await queueLabel(shop, 10, dev.id);
    await until('older printed', async () => (await row(shop, older)).status === 'done');
    const cut = await queueLabel(shop, 11, dev.id);
    await until('cut printed', async () => (await row(shop, cut)).status === 'done');
    // The older job is still asked about ("did it print?", no printer answer), the other one was
    // being written when the app stopped.
    await shop.sql.run(
      `UPDATE print_job SET status = 'uncertain', last_error = ? WHERE id = ?`,
      jobText.noStatus(),
      older,
    );
    await shop.sql.run(`UPDATE print_job SET status = 'printing' WHERE id = ?`, cut);
    await shop.ws.close();
    open.splice(open.indexOf(shop), 1);

    const again = await openTestShop({
      devices: FAST_DEVICES,
      dataDir: shop.dataDir,
      start: Date.now(),
    });
    open.push(again);
    // The printer answers ~HS with no partial format: the cut-off job completed.
    await until(
      'the cut-off job settled',
      async () => (await row(again, cut)).status === 'done',
      15_000,
    );
    expect((await row(again, older)).status).toBe('uncertain');
    expect(englishOf((await row(again, older)).last_error)).toBe(englishOf(jobText.noStatus()));
    // Nothing was sent again.
    expect(printer.labels.map((l) => l.jobId)).toEqual([older, cut]);
  });
});
