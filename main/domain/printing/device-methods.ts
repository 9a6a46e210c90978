import dayjs from 'dayjs';
import type { PeripheralDto, PrintDocument } from '../../api/contract';
import { ApiError, conflict, notFound } from '../../api/errors';
import { defineMethod, type SignedInContext } from '../../api/method';
import {
  defaultPrinterSchema,
  emptyInput,
  peripheralIdSchema,
  peripheralSaveSchema,
  printJobIdSchema,
  printJobResolveSchema,
} from '../../api/schemas/devices';
import { Peripheral, PrintJob } from '../../db/entities';
import { listSerialPorts } from '../../devices/device-runtime';
import { withDefaults } from '../../devices/peripherals';
import { queuePrintJob } from './print-jobs';
import { englishOf, portText } from '../../devices/device-text';

const toDto = (p: Peripheral): PeripheralDto =>
  withDefaults({
    id: p.id,
    kind: p.kind as PeripheralDto['kind'],
    name: p.name,
    path: p.path,
    baudRate: p.baudRate,
    dataBits: p.dataBits as PeripheralDto['dataBits'],
    parity: p.parity as PeripheralDto['parity'],
    stopBits: p.stopBits as PeripheralDto['stopBits'],
    options: JSON.parse(p.options) as PeripheralDto['options'],
    enabled: p.enabled === 1,
    updatedAt: p.updatedAt,
  });

/** The device table changed: reopen ports once the change is committed. */
const reloadAfterCommit = (ctx: SignedInContext) =>
  ctx.afterCommit(() => void ctx.services.devices?.reload());

function testDocument(d: PeripheralDto, shop: string, now: number): PrintDocument {
  const label = d.kind === 'label_printer';
  return {
    kind: label ? 'label' : 'receipt',
    widthMm: label ? (d.options.labelWidthMm ?? 50) : (d.options.paperMm ?? 80),
    heightMm: label ? (d.options.labelHeightMm ?? 30) : undefined,
    lines: [
      { type: 'logo' },
      { type: 'text', text: shop, align: 'center', bold: true },
      { type: 'barcode', symbology: 'code128', data: `TEST-${d.id}` },
      { type: 'text', text: `Test print · ${d.name}`, align: 'center' },
      {
        type: 'text',
        text: `${dayjs(now).format('YYYY-MM-DD HH:mm')} · 打印测试`,
        align: 'center',
      },
    ],
  };
}

const offline = (name: string, detail: string | null) =>
  new ApiError(
    'DEVICE_OFFLINE',
    `Printer "${name}" is offline: ${englishOf(detail) || 'not connected'}. The job stays queued and prints when the printer is back.`,
    { key: 'hardware.errors.offline', params: { name, detail: detail ?? '' } },
  );

export const deviceMethods = [
  defineMethod('hardware.list', {
    input: emptyInput,
    access: 'print.read',
    write: false,
    async handler(_input, ctx) {
      // The ports of this PC only: another station's printers are not plugged in here.
      const rows = await ctx.em.find(Peripheral, {
        where: { stationId: ctx.services.station.id },
        order: { id: 'ASC' },
      });
      const status =
        ctx.services.devices?.statuses() ??
        rows.map((r) => ({
          deviceId: r.id,
          state: 'offline' as const,
          condition: null,
          detail: portText.noService(),
          at: ctx.now,
        }));
      return {
        devices: rows.map(toDto),
        status,
        defaults: ctx.services.station.defaults,
      };
    },
  }),

  defineMethod('hardware.ports', {
    input: emptyInput,
    access: 'devices.manage',
    write: false,
    async handler(_input, ctx) {
      return ctx.services.devices ? ctx.services.devices.listPorts() : listSerialPorts();
    },
  }),

  defineMethod('hardware.save', {
    input: peripheralSaveSchema,
    access: 'devices.manage',
    write: true,
    async handler(input, ctx) {
      const existing = input.id
        ? await ctx.em.findOneBy(Peripheral, { id: input.id, stationId: ctx.services.station.id })
        : null;
      if (input.id && !existing) throw notFound('Device');
      if (existing && existing.kind !== input.kind) {
        throw conflict(
          'A device cannot change its kind; add a new one instead.',
          'hardware.errors.kind',
        );
      }
      const saved = await ctx.em.save(Peripheral, {
        ...(existing ?? { createdAt: ctx.now }),
        kind: input.kind,
        name: input.name,
        path: input.path,
        baudRate: input.baudRate,
        dataBits: input.dataBits,
        parity: input.parity,
        stopBits: input.stopBits,
        options: JSON.stringify(input.options),
        enabled: input.enabled ? 1 : 0,
        updatedAt: ctx.now,
        stationId: ctx.services.station.id,
      });
      ctx.audit.entity = 'peripheral';
      ctx.audit.entityId = saved.id;
      ctx.audit.details = {
        kind: input.kind,
        path: input.path,
        baudRate: input.baudRate,
        created: !existing,
      };
      reloadAfterCommit(ctx);
      return toDto(saved);
    },
  }),

  defineMethod('hardware.remove', {
    input: peripheralIdSchema,
    access: 'devices.manage',
    write: true,
    async handler({ id }, ctx) {
      const row = await ctx.em.findOneBy(Peripheral, { id, stationId: ctx.services.station.id });
      if (!row) throw notFound('Device');
      // Jobs keep their history; unfinished ones are routed again by kind.
      await ctx.em.update(PrintJob, { deviceId: id }, { deviceId: null });
      await ctx.em.delete(Peripheral, { id });
      const defaults = ctx.services.station.defaults;
      const kept = Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== id));
      if (Object.keys(kept).length !== Object.keys(defaults).length)
        ctx.afterCommit(await ctx.services.station.setDefaults(ctx.em, kept));
      ctx.audit.entity = 'peripheral';
      ctx.audit.entityId = id;
      ctx.audit.details = { name: row.name, path: row.path };
      reloadAfterCommit(ctx);
      return { ok: true as const };
    },
  }),

  defineMethod('hardware.setDefault', {
    input: defaultPrinterSchema,
    access: 'devices.manage',
    write: true,
    async handler({ jobKind, deviceId }, ctx) {
      if (deviceId !== null) {
        const row = await ctx.em.findOneBy(Peripheral, {
          id: deviceId,
          stationId: ctx.services.station.id,
        });
        if (!row || row.kind === 'scanner') throw notFound('Printer');
      }
      // Defaults are this station's: a receipt printed here comes out of a printer here.
      const next = { ...ctx.services.station.defaults };
      if (deviceId === null) delete next[jobKind];
      else next[jobKind] = deviceId;
      ctx.afterCommit(await ctx.services.station.setDefaults(ctx.em, next));
      ctx.afterCommit(() => ctx.services.devices?.kick());
      ctx.audit.entity = 'station';
      ctx.audit.entityId = ctx.services.station.id;
      ctx.audit.details = { jobKind, deviceId };
      return next;
    },
  }),

  defineMethod('hardware.testPrint', {
    input: peripheralIdSchema,
    access: 'devices.manage',
    write: true,
    // Waiting up to 3 s for the printer to connect must not hold other calls: the job is
    // queued in one slice, the wait happens outside the dispatcher's queue.
    long: true,
    async handler({ id }, ctx) {
      const { d, job } = await ctx.slice(async (em) => {
        const row = await em.findOneBy(Peripheral, { id, stationId: ctx.services.station.id });
        if (!row || row.kind === 'scanner') throw notFound('Printer');
        const dto = toDto(row);
        const queued = await queuePrintJob(em, {
          kind: 'test_print',
          ticketId: null,
          document: testDocument(dto, ctx.services.settings.get('shop.name'), ctx.now),
          key: `test:${id}:${ctx.now}:${Math.random().toString(36).slice(2, 8)}`,
          now: ctx.now,
          deviceId: id,
          station: ctx.services.station.id,
        });
        return { d: dto, job: queued };
      });
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = job.id;
      // Committed: tell the print worker now, not after the wait below.
      ctx.services.events.publish('printJob.queued', {
        id: job.id,
        kind: job.kind,
        ticketId: null,
      });
      const status = ctx.services.devices ? await ctx.services.devices.settled(id, 3000) : null;
      if (status?.state !== 'online') {
        throw offline(d.name, status?.detail ?? portText.noService());
      }
      return { jobId: job.id };
    },
  }),

  defineMethod('printJobs.reprint', {
    input: printJobIdSchema,
    access: 'print.manage',
    write: true,
    async handler({ id }, ctx) {
      const original = await ctx.em.findOneBy(PrintJob, { id });
      if (!original) throw notFound('Print job');
      const count = await ctx.em.count(PrintJob, {
        where: { reprintOf: original.reprintOf ?? original.id },
      });
      const job = await queuePrintJob(ctx.em, {
        kind: original.kind,
        ticketId: original.ticketId,
        document: JSON.parse(original.payload) as PrintDocument,
        key: `reprint:${original.reprintOf ?? original.id}:${count + 1}:${ctx.now}`,
        now: ctx.now,
        deviceId: null,
        reprintOf: original.reprintOf ?? original.id,
        // A reprint comes out where it is asked for: this station's printer of that kind.
        station: ctx.services.station.id,
      });
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = job.id;
      ctx.audit.details = {
        reprintOf: original.id,
        kind: original.kind,
        ticketId: original.ticketId,
      };
      ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: job.ticketId });
      return { jobId: job.id };
    },
  }),

  defineMethod('printJobs.resolve', {
    input: printJobResolveSchema,
    access: 'print.manage',
    write: true,
    async handler({ id, printed }, ctx) {
      const job = await ctx.em.findOneBy(PrintJob, { id });
      if (!job) throw notFound('Print job');
      if (job.status !== 'uncertain' && job.status !== 'failed') {
        throw conflict(
          'Only an interrupted or failed job can be settled.',
          'hardware.errors.jobState',
          { status: job.status },
        );
      }
      const status = printed ? 'done' : 'queued';
      await ctx.em.update(
        PrintJob,
        { id },
        {
          status,
          printedAt: printed ? ctx.now : null,
          lastError: printed ? null : job.lastError,
          attempts: printed ? job.attempts : 0,
          updatedAt: ctx.now,
        },
      );
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = id;
      ctx.audit.details = { printed, was: job.status };
      ctx.emit('printJob.updated', {
        id,
        kind: job.kind,
        status,
        lastError: printed ? null : job.lastError,
      });
      if (!printed) ctx.emit('printJob.queued', { id, kind: job.kind, ticketId: job.ticketId });
      return { status };
    },
  }),
];
