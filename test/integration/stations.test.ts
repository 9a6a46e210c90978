import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Real ptys and several shop starts: a loaded machine needs more than the default 10 s.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
import type {
  IntakeResult,
  PrintJobDto,
  StationDto,
  ThisStationDto,
} from '../../main/api/contract';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { FAST_DEVICES, ptyDir, until } from '../helpers/devices';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/**
 * Stations (issue 15 item 1) on the engine under test. A second station is a row another PC
 * registered (its printer plugged in there, its worker not running here): this station must
 * never print its jobs, and a manager re-routes one to this station's printer. The two-process
 * version on one PostgreSQL database is stations-pg.test.ts.
 */
let shop: TestShop;
let dir: string;
let printer: VirtualEscPosPrinter;
let admin: string;
let manager: string;
let counter: string;
let here: number;
const OTHER = 'station-bench-2';
const OTHER_PRINTER = 9001;

const receiptWith = (number: string) => printer.receipts.find((r) => r.text.includes(number));
const audit = (action: string) =>
  shop.sql.get<{ outcome: string; entity_id: string; details: string }>(
    'SELECT outcome, entity_id, details FROM audit_entry WHERE action = ? ORDER BY id DESC LIMIT 1',
    action,
  );

beforeAll(async () => {
  dir = ptyDir();
  printer = new VirtualEscPosPrinter(path.join(dir, 'pos'), path.join(dir, 'pos-dev'));
  await printer.plug();
  shop = await openTestShop({ devices: FAST_DEVICES, start: Date.now() });
  [admin, manager, counter] = [
    await shop.as('admin'),
    await shop.as('manager'),
    await shop.as('counter'),
  ];
  here = (
    (await shop.call(admin, 'hardware.save', {
      kind: 'receipt_printer',
      name: 'Counter receipts',
      path: printer.path,
      options: { paperMm: 80, codePage: 'gbk' },
    })) as { id: number }
  ).id;
  // Another PC of the shop, seen 10 minutes ago, with its own receipt printer.
  const seen = shop.clock.now - 600_000;
  await shop.sql.run(
    `INSERT INTO station (id, name, app_version, default_printers, created_at, last_seen_at) VALUES (?, 'Bench 2', '0.1.0', '{}', ?, ?)`,
    OTHER,
    seen,
    seen,
  );
  await shop.sql.run(
    `INSERT INTO peripheral (id, kind, name, path, baud_rate, data_bits, parity, stop_bits, options, enabled, created_at, updated_at, station_id)
     VALUES (?, 'receipt_printer', 'Bench 2 receipts', '/dev/ttyBENCH2', 9600, 8, 'none', 1, '{}', 1, 0, 0, ?)`,
    OTHER_PRINTER,
    OTHER,
  );
}, 120_000);

afterAll(async () => {
  await shop?.close();
  await printer?.unplug();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stations', () => {
  it('this PC registers itself with an id kept in its own data folder; the name waits to be confirmed', async () => {
    const file = JSON.parse(fs.readFileSync(path.join(shop.dataDir, 'station.json'), 'utf8')) as {
      id: string;
      named: boolean;
    };
    const me = (await shop.call(counter, 'stations.current', {})) as ThisStationDto;
    expect(me).toMatchObject({ id: file.id, named: false, retiredAt: null });
    const list = (await shop.call(manager, 'stations.list', {})) as StationDto[];
    expect(list.map((s) => [s.name, s.isThis, s.online])).toEqual(
      [
        [me.name, true, true],
        ['Bench 2', false, false],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(list.find((s) => s.isThis)?.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    // Only this station's devices are listed (the other PC's printer is not plugged in here).
    const hw = (await shop.call(admin, 'hardware.list', {})) as { devices: Array<{ id: number }> };
    expect(hw.devices.map((d) => d.id)).toEqual([here]);
  });

  it('a manager names the station once at first start; then only an admin renames it', async () => {
    expect((await shop.fail(counter, 'stations.rename', { name: 'Front' })).code).toBe('FORBIDDEN');
    const named = (await shop.call(manager, 'stations.rename', {
      name: 'Front counter',
    })) as ThisStationDto;
    expect(named).toMatchObject({ name: 'Front counter', named: true });
    const file = JSON.parse(fs.readFileSync(path.join(shop.dataDir, 'station.json'), 'utf8'));
    expect(file).toMatchObject({ name: 'Front counter', named: true });
    const again = await shop.fail(manager, 'stations.rename', { name: 'Counter A' });
    expect(again).toMatchObject({
      code: 'FORBIDDEN',
      details: { key: 'stations.errors.renameAdmin' },
    });
    await shop.call(admin, 'stations.rename', { name: 'Counter A' });
    const row = await shop.sql.get<{ name: string }>(
      'SELECT name FROM station WHERE id = ?',
      named.id,
    );
    expect(row?.name).toBe('Counter A');
    expect(JSON.parse((await audit('stations.rename'))!.details)).toMatchObject({
      name: 'Counter A',
      was: 'Front counter',
    });
  });

  it("prints only this station's jobs; another station's job waits, named, until a manager re-routes it here", async () => {
    const mine = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
    // A receipt queued at the other PC for its own printer (that PC is off).
    await shop.sql.run(
      `INSERT INTO print_job (kind, ticket_id, payload, status, idempotency_key, attempts, created_at, updated_at, station_id)
       SELECT 'intake_receipt', ticket_id, payload, 'queued', 'bench2:receipt', 0, ?, ?, ? FROM print_job WHERE id = ?`,
      shop.clock.now,
      shop.clock.now,
      OTHER,
      mine.printJobs.find((j) => j.kind === 'intake_receipt')!.id,
    );
    const theirs = (await shop.sql.get<{ id: number }>(
      `SELECT id FROM print_job WHERE idempotency_key = 'bench2:receipt'`,
    ))!.id;
    // Queued after ours: our worker has passed over it by the time ours printed.
    await until('our receipt', () => receiptWith(mine.ticket.number));
    const later = (await shop.call(counter, 'intake.commit', validWalkIn())) as IntakeResult;
    await until('the next receipt', () => receiptWith(later.ticket.number));
    expect(printer.receipts.length).toBe(2);

    const queue = (await shop.call(counter, 'printJobs.list', { limit: 20 })) as PrintJobDto[];
    const waiting = queue.find((j) => j.id === theirs)!;
    expect(waiting).toMatchObject({
      status: 'queued',
      stationId: OTHER,
      stationName: 'Bench 2',
      stationOnline: false,
    });
    expect(queue.find((j) => j.kind === 'intake_receipt' && j.status === 'done')).toMatchObject({
      stationName: 'Counter A',
      stationOnline: true,
    });

    const printers = (await shop.call(manager, 'stations.printers', {})) as Array<{
      id: number;
      stationName: string;
    }>;
    expect(printers.map((p) => [p.id, p.stationName])).toEqual([
      [here, 'Counter A'],
      [OTHER_PRINTER, 'Bench 2'],
    ]);
    // Counter staff may not move a job to another PC; a manager may.
    expect(
      (await shop.fail(counter, 'printJobs.reroute', { id: theirs, deviceId: here })).code,
    ).toBe('FORBIDDEN');
    await shop.call(manager, 'printJobs.reroute', { id: theirs, deviceId: here });
    await until('the re-routed receipt', () => printer.receipts.length === 3);
    await until('re-routed job done', async () => {
      const j = await shop.sql.get<{ status: string; device_id: number }>(
        'SELECT status, device_id FROM print_job WHERE id = ?',
        theirs,
      );
      return j?.status === 'done' && j.device_id === here;
    });
    expect(JSON.parse((await audit('printJobs.reroute'))!.details)).toMatchObject({
      fromStation: OTHER,
      toDevice: here,
    });
    // A printed job cannot be sent anywhere again.
    expect(
      (await shop.fail(manager, 'printJobs.reroute', { id: theirs, deviceId: OTHER_PRINTER }))
        .details,
    ).toMatchObject({ key: 'stations.errors.notReroutable' });
  });

  it('an admin retires another station (audited), never this one', async () => {
    expect((await shop.fail(manager, 'stations.retire', { id: OTHER })).code).toBe('FORBIDDEN');
    const me = (await shop.call(admin, 'stations.current', {})) as ThisStationDto;
    expect((await shop.fail(admin, 'stations.retire', { id: me.id })).details).toMatchObject({
      key: 'stations.errors.retireSelf',
    });
    const retired = (await shop.call(admin, 'stations.retire', { id: OTHER })) as StationDto;
    expect(retired.retiredAt).toBe(shop.clock.now);
    expect((await audit('stations.retire'))?.entity_id).toBe(OTHER);
    // A retired station's printers are no longer offered for re-routing.
    const printers = (await shop.call(manager, 'stations.printers', {})) as Array<{ id: number }>;
    expect(printers.map((p) => p.id)).toEqual([here]);
  });
});

describe('a retired station that starts again', () => {
  it('is told so and takes no print job until an admin brings it back', async () => {
    const s = await openTestShop({ devices: FAST_DEVICES, start: Date.now() });
    const dataDir = s.dataDir;
    const a = await s.as('admin');
    const me = (await s.call(a, 'stations.current', {})) as ThisStationDto;
    await s.sql.run('UPDATE station SET retired_at = ? WHERE id = ?', s.clock.now, me.id);
    await s.ws.close();
    const again = await openTestShop({ dataDir, devices: FAST_DEVICES, start: Date.now() });
    try {
      const token = await again.as('admin');
      const now = (await again.call(token, 'stations.current', {})) as ThisStationDto;
      expect(now.id).toBe(me.id);
      expect(now.retiredAt).not.toBeNull();
      // Its worker takes nothing: a receipt queued here is not even looked at (no printer
      // would otherwise be reported on it at once).
      const c = await again.as('counter');
      const r = (await again.call(c, 'intake.commit', validWalkIn())) as IntakeResult;
      const receipt = r.printJobs.find((j) => j.kind === 'intake_receipt')!.id;
      const errorOf = async () =>
        (await again.sql.get<{ last_error: string | null }>(
          'SELECT last_error FROM print_job WHERE id = ?',
          receipt,
        ))!.last_error;
      await new Promise((res) => setTimeout(res, 500));
      expect(await errorOf()).toBeNull();
      const back = (await again.call(token, 'stations.reinstate', {})) as ThisStationDto;
      expect(back.retiredAt).toBeNull();
      expect(await until('the worker looks at it', errorOf)).toMatch(/printer/i);
    } finally {
      await again.close();
    }
  });
});

describe('a shop from before stations', () => {
  it("the first start makes its printers, default printers and waiting jobs this station's", async () => {
    const s = await openTestShop();
    const dataDir = s.dataDir;
    const a = await s.as('admin');
    const c = await s.as('counter');
    const { id } = (await s.call(a, 'hardware.save', {
      kind: 'receipt_printer',
      name: 'Old counter printer',
      path: '/dev/ttyOLD',
      options: { paperMm: 80, codePage: 'gbk' },
    })) as { id: number };
    await s.call(c, 'intake.commit', validWalkIn());
    // As 0018 left an older shop: no station anywhere, defaults in the shop-wide setting.
    await s.sql.run('UPDATE peripheral SET station_id = NULL');
    await s.sql.run('UPDATE print_job SET station_id = NULL');
    await s.sql.run('DELETE FROM station');
    await s.sql.run(`DELETE FROM setting WHERE key = 'print.defaultPrinters'`);
    await s.sql.run(
      `INSERT INTO setting (key, value, updated_at) VALUES ('print.defaultPrinters', ?, 0)`,
      JSON.stringify({ intake_receipt: id }),
    );
    await s.ws.close();
    fs.rmSync(path.join(dataDir, 'station.json'));

    const after = await openTestShop({ dataDir });
    try {
      const token = await after.as('admin');
      const me = (await after.call(token, 'stations.current', {})) as ThisStationDto;
      const hw = (await after.call(token, 'hardware.list', {})) as {
        devices: Array<{ id: number; name: string }>;
        defaults: Record<string, number>;
      };
      expect(hw.devices.map((d) => d.name)).toEqual(['Old counter printer']);
      expect(hw.defaults).toEqual({ intake_receipt: id });
      const jobs = await after.sql.all<{ station_id: string | null }>(
        `SELECT station_id FROM print_job WHERE status = 'queued'`,
      );
      expect(jobs.length).toBe(2);
      expect(jobs.every((j) => j.station_id === me.id)).toBe(true);
      const list = (await after.call(token, 'stations.list', {})) as StationDto[];
      expect(list.map((x) => x.id)).toEqual([me.id]);
    } finally {
      await after.close();
    }
  });
});
