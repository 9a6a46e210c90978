import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeResult, PrintJobDto, StationDto } from '../../main/api/contract';
import { VirtualEscPosPrinter } from '../../main/devices/emulator/virtual-escpos-printer';
import { FAST_DEVICES, ptyDir, until } from '../helpers/devices';
import { testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * Two workstations on one PostgreSQL database, each with its own data folder (its own station
 * id) and its own receipt printer on a real pty: each prints only what was queued for it, and
 * a job waiting for a station that is off is re-routed by a manager at the other.
 */
describe.runIf(testOnPostgres)('two stations on one PostgreSQL database', () => {
  let counter: TestShop;
  let bench: TestShop;
  let dir: string;
  const printers: Record<'counter' | 'bench', VirtualEscPosPrinter> = {} as never;
  const printerIds: Record<'counter' | 'bench', number> = {} as never;
  let benchClosed = false;

  beforeAll(async () => {
    dir = ptyDir();
    for (const name of ['counter', 'bench'] as const) {
      printers[name] = new VirtualEscPosPrinter(
        path.join(dir, name),
        path.join(dir, `${name}-dev`),
      );
      await printers[name].plug();
    }
    counter = await openTestShop({ devices: FAST_DEVICES, start: Date.now() });
    bench = await openTestShop({ devices: FAST_DEVICES, start: Date.now(), dbUrl: counter.dbUrl });
    for (const [name, shop] of [
      ['counter', counter],
      ['bench', bench],
    ] as const) {
      const admin = await shop.as('admin');
      await shop.call(admin, 'stations.rename', { name: name === 'counter' ? 'Counter' : 'Bench' });
      printerIds[name] = (
        (await shop.call(admin, 'hardware.save', {
          kind: 'receipt_printer',
          name: `${name} receipts`,
          path: printers[name].path,
          options: { paperMm: 80, codePage: 'gbk' },
        })) as { id: number }
      ).id;
    }
  });

  afterAll(async () => {
    // The bench closes without dropping the shared database; the counter's close drops it.
    if (!benchClosed) await bench?.ws.close();
    if (bench) fs.rmSync(bench.dataDir, { recursive: true, force: true });
    await counter?.close();
    for (const p of Object.values(printers)) await p.unplug();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('both stations are listed at each, each the other', async () => {
    for (const [shop, me] of [
      [counter, 'Counter'],
      [bench, 'Bench'],
    ] as const) {
      const list = (await shop.call(await shop.as('manager'), 'stations.list', {})) as StationDto[];
      expect(list.map((s) => [s.name, s.isThis, s.online])).toEqual([
        ['Bench', me === 'Bench', true],
        ['Counter', me === 'Counter', true],
      ]);
    }
    // Each lists only the printer plugged into it.
    const hw = (await bench.call(await bench.as('admin'), 'hardware.list', {})) as {
      devices: Array<{ id: number }>;
    };
    expect(hw.devices.map((d) => d.id)).toEqual([printerIds.bench]);
  });

  it("each station's receipts come out of its own printer only", async () => {
    const atCounter = (await counter.call(
      await counter.as('counter'),
      'intake.commit',
      validWalkIn(),
    )) as IntakeResult;
    const atBench = (await bench.call(
      await bench.as('counter'),
      'intake.commit',
      validWalkIn(),
    )) as IntakeResult;
    await until('counter receipt', () =>
      printers.counter.receipts.find((r) => r.text.includes(atCounter.ticket.number)),
    );
    await until('bench receipt', () =>
      printers.bench.receipts.find((r) => r.text.includes(atBench.ticket.number)),
    );
    // Both workers poll every 100 ms: give them time to (wrongly) take the other's job.
    await new Promise((r) => setTimeout(r, 600));
    expect(printers.counter.receipts.map((r) => r.text.includes(atCounter.ticket.number))).toEqual([
      true,
    ]);
    expect(printers.bench.receipts.map((r) => r.text.includes(atBench.ticket.number))).toEqual([
      true,
    ]);
  });

  it('a job for the bench, which is off, waits in the counter queue by name and is re-routed there', async () => {
    const benchCounter = await bench.as('counter');
    await printers.bench.unplug();
    const waiting = (await bench.call(
      benchCounter,
      'intake.commit',
      validWalkIn(),
    )) as IntakeResult;
    const receipt = waiting.printJobs.find((j) => j.kind === 'intake_receipt')!;
    await bench.ws.close();
    benchClosed = true;
    // Its heartbeat stopped long ago as far as the counter can tell.
    await counter.sql.run(`UPDATE station SET last_seen_at = 0 WHERE name = 'Bench'`);
    const manager = await counter.as('manager');
    const queue = (await counter.call(manager, 'printJobs.list', { limit: 20 })) as PrintJobDto[];
    expect(queue.find((j) => j.id === receipt.id)).toMatchObject({
      status: 'queued',
      stationName: 'Bench',
      stationOnline: false,
    });
    const before = printers.counter.receipts.length;
    await counter.call(manager, 'printJobs.reroute', {
      id: receipt.id,
      deviceId: printerIds.counter,
    });
    const out = await until('re-routed receipt at the counter', () =>
      printers.counter.receipts.slice(before).find((r) => r.text.includes(waiting.ticket.number)),
    );
    expect(out).toBeTruthy();
    await until('done at the counter', async () => {
      const jobs = (await counter.call(manager, 'printJobs.list', { limit: 20 })) as PrintJobDto[];
      const j = jobs.find((x) => x.id === receipt.id);
      return j?.status === 'done' && j.stationName === 'Counter';
    });
  });
});
