import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import type { PrintDocument } from '../api/contract';
import { sqliteTarget } from './seed-target';
import { createWorkstation } from '../app';
import { VirtualScanner } from '../devices/emulator/virtual-scanner';
import { VirtualZplPrinter } from '../devices/emulator/virtual-zpl-printer';
import { ScanDecoder } from '../devices/scan-decoder';
import { realTimers } from '../devices/serial-link';
import { documentToZpl } from '../devices/zpl';
import { queuePrintJob } from '../domain/printing/print-jobs';
import { measure, type BenchLine } from './bench-measure';
import { scratchAdmin } from '../domain/staff/bootstrap';

interface Ctx {
  n: number;
  warm: number;
  want: (name: string) => boolean;
  print: (line: BenchLine) => void;
}

const tag = (i: number): PrintDocument => ({
  kind: 'label',
  widthMm: 50,
  heightMm: 30,
  lines: [
    { type: 'barcode', symbology: 'code128', data: `R-${String(i).padStart(6, '0')}` },
    { type: 'text', text: `R-${String(i).padStart(6, '0')}`, align: 'center', bold: true },
    { type: 'text', text: '王芳 · Apple iPhone 13' },
    { type: 'text', text: '2026-11-25 · Screen cracked' },
  ],
});

function openPort(p: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: p, baudRate: 115_200 }, (err) =>
      err ? reject(err) : resolve(port),
    );
  });
}
const writeDrain = (port: SerialPort, data: Buffer | string) =>
  new Promise<void>((resolve, reject) =>
    port.write(data, (e) => (e ? reject(e) : port.drain((d) => (d ? reject(d) : resolve())))),
  );

/**
 * Serial device paths on real ptys (socat) in a scratch data folder, so the shop's database is
 * not touched. `device.scanToEvent`: bytes written by a scanner → the `scan` event on the bus
 * (raw: serialport + a bare line split; naive: a code ended only by the inter-byte silence).
 * `print.labelToWire`: a job queued (committed, event published) → its last byte written
 * (raw: prebuilt ZPL straight to an open port; naive: open the port per label).
 */
export async function benchDevices({ n, warm, want, print }: Ctx): Promise<void> {
  if (!want('device.scanToEvent') && !want('print.labelToWire')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-bench-devices-'));
  const scanner = new VirtualScanner(path.join(dir, 'scan'), path.join(dir, 'scan-dev'));
  const rawScanner = new VirtualScanner(path.join(dir, 'scan2'), path.join(dir, 'scan2-dev'));
  const printer = new VirtualZplPrinter(path.join(dir, 'zpl'), path.join(dir, 'zpl-dev'));
  const rawPrinter = new VirtualZplPrinter(path.join(dir, 'zpl2'), path.join(dir, 'zpl2-dev'));
  const naivePrinter = new VirtualZplPrinter(path.join(dir, 'zpl3'), path.join(dir, 'zpl3-dev'));
  const all = [scanner, rawScanner, printer, rawPrinter, naivePrinter];
  await Promise.all(all.map((d) => d.plug()));
  const written = new Map<number, () => void>();
  const ws = await createWorkstation({
    dataDir: path.join(dir, 'data'),
    // a scratch shop of its own, always a SQLite file: the serial devices and the print queue
    // are not on PostgreSQL yet (app.ts), and this measures the serial path, not the database
    database: sqliteTarget(path.join(dir, 'data')),
    devices: { statusPollMs: 0, queuePollMs: 0, onWritten: (id) => written.get(id)?.() },
  });
  const ports: SerialPort[] = [];
  try {
    const meta = { token: await scratchAdmin(ws, 'bench'), origin: 'bench' };
    const save = async (input: Record<string, unknown>) => {
      const res = await ws.dispatcher.call('hardware.save', input, meta);
      if (!res.ok) throw new Error(res.error.message);
      return (res.result as { id: number }).id;
    };
    const ids = [
      await save({ kind: 'scanner', name: 'Bench scanner', path: scanner.path, baudRate: 115_200 }),
      await save({
        kind: 'label_printer',
        name: 'Bench labels',
        path: printer.path,
        baudRate: 115_200,
      }),
    ];
    for (const id of ids) {
      if ((await ws.services.devices!.settled(id, 5000))?.state !== 'online')
        throw new Error(`device ${id} did not come online`);
    }

    if (want('device.scanToEvent')) {
      let waiting: ((code: string) => void) | null = null;
      const off = ws.events.subscribe((m) => {
        if (m.name === 'scan') waiting?.((m.payload as { code: string }).code);
      });
      const rawPort = await openPort(rawScanner.path);
      ports.push(rawPort);
      let rawBuf = '';
      rawPort.on('data', (c: Buffer) => {
        rawBuf += c.toString('latin1');
        const i = rawBuf.indexOf('\n');
        if (i >= 0) {
          const code = rawBuf.slice(0, i).trim();
          rawBuf = rawBuf.slice(i + 1);
          waiting?.(code);
        }
      });
      const silence = new ScanDecoder((code) => waiting?.(code), {
        silenceMs: 50,
        minLength: 3,
        timers: realTimers,
      });
      const until = (code: string, send: () => Promise<void>) => async () => {
        const got = new Promise<void>((resolve) => {
          waiting = (c) => c === code && resolve();
        });
        await send();
        await got;
      };
      print(
        await measure('device.scanToEvent', n, warm, {
          app: (i) => until(`A-${i}`, () => scanner.scan(`A-${i}`)),
          raw: (i) => until(`B-${i}`, () => rawScanner.scan(`B-${i}`)),
          naive: (i) =>
            until(`C-${i}`, async () => {
              silence.feed(Buffer.from(`C-${i}`));
            }),
        }),
      );
      off();
    }

    if (want('print.labelToWire')) {
      const { dataSource } = ws.services;
      let seq = 0;
      const rawPort = await openPort(rawPrinter.path);
      ports.push(rawPort);
      const prebuilt = documentToZpl(tag(1), { dpi: 203, jobId: 1 });
      print(
        await measure('print.labelToWire', n, warm, {
          app: (i) => async () => {
            const key = `bench:${i}:${seq++}`;
            const job = await ws.dispatcher.exclusive(() =>
              dataSource.transaction((em) =>
                queuePrintJob(em, {
                  kind: 'device_tag',
                  ticketId: null,
                  document: tag(i),
                  key,
                  now: Date.now(),
                  station: ws.services.station.id,
                }),
              ),
            );
            const done = new Promise<void>((resolve) => written.set(job.id, resolve));
            ws.events.publish('printJob.queued', { id: job.id, kind: job.kind, ticketId: null });
            await done;
            written.delete(job.id);
          },
          raw: () => () => writeDrain(rawPort, prebuilt),
          naive: (i) => async () => {
            const p = await openPort(naivePrinter.path);
            await writeDrain(p, documentToZpl(tag(i), { dpi: 203, jobId: i }));
            await new Promise<void>((r) => p.close(() => r()));
          },
        }),
      );
      // The worker confirms each label with ~HS after writing; let the last one finish.
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    for (const p of ports) if (p.isOpen) await new Promise<void>((r) => p.close(() => r()));
    await ws.close();
    await Promise.all(all.map((d) => d.unplug()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
