import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../main/api/contract';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { englishOf } from '../../main/devices/device-text';
import { queuePrintJob } from '../../main/domain/printing/print-jobs';
import { FAST_DEVICES, ptyDir, until } from '../helpers/devices';
import { openTestShop, type TestShop } from '../helpers/workstation';

const WAITING_LABELS = 600;
let shop: TestShop;
let dir: string;
let escpos: VirtualEscPosPrinter;

beforeAll(async () => {
  dir = ptyDir();
  escpos = new VirtualEscPosPrinter(path.join(dir, 'pos'), path.join(dir, 'pos-dev'));
  await escpos.plug();
  shop = await openTestShop({ devices: FAST_DEVICES, start: Date.now() });
  const admin = await shop.as('admin');
  // A label printer that is unplugged (its port is not there) and an online receipt printer.
  await shop.call(admin, 'hardware.save', {
    kind: 'label_printer',
    name: 'Unplugged labels',
    path: path.join(dir, 'gone'),
  });
  await shop.call(admin, 'hardware.save', {
    kind: 'receipt_printer',
    name: 'Counter',
    path: escpos.path,
  });
});

afterAll(async () => {
  await shop?.close();
  await escpos?.unplug();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a printer that is off never holds up another printer', () => {
  it(`${WAITING_LABELS} labels for an unplugged printer, then one receipt: the receipt prints promptly`, async () => {
    const { ws } = shop;
    const queue = (kind: string, document: PrintDocument, key: string) =>
      ws.dispatcher.exclusive(() =>
        ws.services.dataSource.transaction((em) =>
          queuePrintJob(em, {
            kind,
            ticketId: null,
            document,
            key,
            now: Date.now(),
            station: ws.services.station.id,
          }),
        ),
      );
    await ws.dispatcher.exclusive(() =>
      ws.services.dataSource.transaction(async (em) => {
        for (let i = 0; i < WAITING_LABELS; i++) {
          await queuePrintJob(em, {
            kind: 'shelf_label',
            ticketId: null,
            document: {
              kind: 'label',
              widthMm: 50,
              heightMm: 30,
              lines: [{ type: 'text', text: `L${i}` }],
            },
            key: `starve:${i}`,
            now: Date.now(),
            station: ws.services.station.id,
          });
        }
      }),
    );
    ws.events.publish('printJob.queued', { id: 1, kind: 'shelf_label', ticketId: null });
    const receipt = await queue(
      'intake_receipt',
      { kind: 'receipt', widthMm: 80, lines: [{ type: 'text', text: 'Receipt for T-0001' }] },
      'starve:receipt',
    );
    const started = Date.now();
    ws.events.publish('printJob.queued', { id: receipt.id, kind: receipt.kind, ticketId: null });
    const printed = await until('the receipt', () => escpos.receipts[0], 10_000);
    const ms = Date.now() - started;
    console.log(`[starvation] receipt printed ${ms} ms after ${WAITING_LABELS} stuck labels`);
    expect(printed.text).toContain('Receipt for T-0001');
    expect(ms).toBeLessThan(3000);
    await until(
      'the receipt job done',
      async () =>
        (
          await shop.sql.get<{ status: string }>(
            'SELECT status FROM print_job WHERE id = ?',
            receipt.id,
          )
        )?.status === 'done',
    );
    // The waiting labels stay queued, each saying why.
    const labels = await shop.sql.all<{ status: string; last_error: string | null }>(
      `SELECT status, last_error FROM print_job WHERE kind = 'shelf_label' ORDER BY id`,
    );
    expect(labels).toHaveLength(WAITING_LABELS);
    expect(labels.every((l) => l.status === 'queued')).toBe(true);
    expect(englishOf(labels[WAITING_LABELS - 1].last_error)).toMatch(/Unplugged labels/);
  });
});
