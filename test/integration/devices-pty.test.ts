import fs from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintJobDto } from '../../main/api/contract';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { VirtualScanner } from '../../main/devices/emulator/virtual-scanner';
import { VirtualZplPrinter } from '../../main/devices/emulator/virtual-zpl-printer';
import { parseEscPos } from '../../main/devices/escpos-parse';
import { FAST_DEVICES, ptyDir, until } from '../helpers/devices';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

// Real pseudo-terminals (socat) through the real serialport stack on both ends.
let shop: TestShop;
let admin: string;
let dir: string;
let zpl: VirtualZplPrinter;
let escpos: VirtualEscPosPrinter;
let scanner: VirtualScanner;
const ids: Record<string, number> = {};

const save = async (input: Record<string, unknown>) =>
  ((await shop.call(admin, 'hardware.save', input)) as { id: number }).id;
const jobs = async (status?: string) =>
  (await shop.call(admin, 'printJobs.list', { status, limit: 100 })) as PrintJobDto[];
const stateOf = async (id: number) =>
  (
    (await shop.call(admin, 'hardware.list', {})) as {
      status: Array<{ deviceId: number; state: string }>;
    }
  ).status.find((s) => s.deviceId === id)?.state;

beforeAll(async () => {
  dir = ptyDir();
  zpl = new VirtualZplPrinter(path.join(dir, 'zpl'), path.join(dir, 'zpl-dev'));
  escpos = new VirtualEscPosPrinter(path.join(dir, 'pos'), path.join(dir, 'pos-dev'));
  scanner = new VirtualScanner(path.join(dir, 'scan'), path.join(dir, 'scan-dev'));
  await Promise.all([zpl.plug(), escpos.plug(), scanner.plug()]);
  // As on a machine without udev, where serialport's list() throws.
  const listPorts = () => Promise.reject(new Error('udevadm: not found'));
  shop = await openTestShop({ devices: { ...FAST_DEVICES, listPorts }, start: Date.now() });
  admin = await shop.as('admin');
  ids.zpl = await save({
    kind: 'label_printer',
    name: 'Tags',
    path: zpl.path,
    options: { dpi: 203 },
  });
  ids.pos = await save({
    kind: 'receipt_printer',
    name: 'Counter',
    path: escpos.path,
    options: { paperMm: 80, codePage: 'gbk' },
  });
  // A generous silence: on a loaded CI machine the split packet below may arrive late.
  ids.scan = await save({
    kind: 'scanner',
    name: 'Gun',
    path: scanner.path,
    baudRate: 9600,
    options: { silenceMs: 400 },
  });
  for (const id of Object.values(ids))
    await until(`device ${id} online`, async () => (await stateOf(id)) === 'online');
});

afterAll(async () => {
  await shop?.close();
  await Promise.all([zpl, escpos, scanner].map((d) => d?.unplug()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serial devices over real ptys', () => {
  it('an intake prints the device tag (job id inside) and a Chinese receipt that decodes from GBK', async () => {
    await shop.call(admin, 'settings.update', { key: 'print.language', value: 'zh' });
    const res = (await shop.call(admin, 'intake.commit', validWalkIn())) as {
      ticket: { number: string };
      printJobs: PrintJobDto[];
    };
    const tagJob = res.printJobs.find((j) => j.kind === 'device_tag')!;
    const label = await until('the tag', () => zpl.labels.find((l) => l.jobId === tagJob.id));
    expect(label.zpl).toContain(`^FD${res.ticket.number}^FS`);
    expect(label.zpl).toContain('^BCN');
    const receipt = await until('the receipt', () => escpos.receipts[0]);
    const text = iconv.decode(
      receipt.bytes.filter((b) => b >= 0x20 || b === 0x0a),
      'gbk',
    );
    expect(text).toContain('维修受理单');
    expect(text).toContain('李娜');
    expect(text).toContain('摔后屏幕闪烁');
    expect(receipt.text).toContain(`[barcode ${res.ticket.number}]`);
    await until('both jobs done', async () => (await jobs('done')).length >= 2);
  });

  it('prints the shop logo set in settings as a raster image at the top of a receipt', async () => {
    const canvas = createCanvas(200, 60);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 100, 60); // left half black, right half transparent (paper)
    const logo = `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
    await shop.call(admin, 'settings.update', { key: 'shop.logo', value: logo });
    const before = escpos.receipts.length;
    await shop.call(admin, 'hardware.testPrint', { id: ids.pos });
    const receipt = await until('the test receipt', () => escpos.receipts[before]);
    const image = parseEscPos(receipt.bytes).find((op) => op.type === 'raster');
    expect(image).toMatchObject({ type: 'raster', width: 200, height: 60, align: 'center' });
    const black = [...(image as { data: Buffer }).data].reduce(
      (n, b) => n + b.toString(2).replace(/0/g, '').length,
      0,
    );
    expect(black).toBe(100 * 60);
    expect(receipt.text.split('\n')[0]).toBe('[image 200×60]');
    await shop.call(admin, 'settings.update', { key: 'shop.logo', value: '' });
  });

  it('refuses a logo that is not a PNG or JPEG picture, with the reason, and keeps the old one', async () => {
    const err = await shop.fail(admin, 'settings.update', {
      key: 'shop.logo',
      value: 'data:text/html;base64,PHNjcmlwdD4=',
    });
    expect(err.code).toBe('VALIDATION');
    expect(JSON.stringify(err.details)).toContain('errors.field.logo');
    const all = (await shop.call(admin, 'settings.get', {})) as Record<string, unknown>;
    expect(all['shop.logo']).toBe('');
  });

  it('scanner lines, split packets and noise become exactly the scanned codes', async () => {
    const codes: string[] = [];
    const off = shop.ws.events.subscribe((m) => {
      if (m.name === 'scan') codes.push((m.payload as { code: string }).code);
    });
    await scanner.scan('R-000001');
    await scanner.raw('R-00');
    await new Promise((r) => setTimeout(r, 10));
    await scanner.raw('0002\n');
    await scanner.raw(Buffer.from([0x00, 0xff, 0x07]));
    await scanner.raw('\r\nX\r\n');
    await scanner.raw('4006381333931');
    // No terminator: the inter-byte silence ends it.
    await until('three codes', () => codes.length >= 3);
    await new Promise((r) => setTimeout(r, 150));
    off();
    expect(codes).toEqual(['R-000001', 'R-000002', '4006381333931']);
  });

  it('a port path that does not exist: DEVICE_OFFLINE with a clear message, the job stays queued', async () => {
    const id = await save({
      kind: 'label_printer',
      name: 'Missing',
      path: path.join(dir, 'no-such-port'),
    });
    const err = await shop.fail(admin, 'hardware.testPrint', { id });
    expect(err.code).toBe('DEVICE_OFFLINE');
    expect(err.message).toMatch(
      /Printer "Missing" is offline: cannot open .*no-such-port: no such device/,
    );
    // The reason travels as a key, so the Chinese window says it in Chinese.
    expect(err.details).toMatchObject({ key: 'hardware.errors.offline' });
    const detail = (err.details as { params: { detail: string } }).params.detail;
    expect(JSON.parse(detail)).toMatchObject({ key: 'deviceText.noDevice' });
    const queued = (await jobs('queued')).filter((j) => j.deviceId === id);
    expect(queued).toHaveLength(1);
    await shop.call(admin, 'hardware.remove', { id });
  });

  it('when the system cannot list ports, the reason is shown and a typed path still works', async () => {
    const listed = await shop.call(admin, 'hardware.ports', {});
    expect(listed).toEqual({
      ports: [],
      error: expect.stringMatching(
        /could not list serial ports \(udevadm: not found\)\. Type the port path/,
      ),
    });
    const second = new VirtualZplPrinter(path.join(dir, 'typed'), path.join(dir, 'typed-dev'));
    await second.plug();
    try {
      const id = await save({ kind: 'label_printer', name: 'Typed', path: second.path });
      await until('typed printer online', async () => (await stateOf(id)) === 'online');
      const { jobId } = (await shop.call(admin, 'hardware.testPrint', { id })) as { jobId: number };
      const label = await until('the test label', () =>
        second.labels.find((l) => l.jobId === jobId),
      );
      expect(label.zpl).toContain(`^FDTEST-${id}^FS`);
      await shop.call(admin, 'hardware.remove', { id });
    } finally {
      await second.unplug();
    }
  });
});
