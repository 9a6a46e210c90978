import { In } from 'typeorm';
import type { StationDto, StationPrinterDto, ThisStationDto } from '../../api/contract';
import { ApiError, conflict, notFound } from '../../api/errors';
import { defineMethod, type MethodContext } from '../../api/method';
import { emptyInput } from '../../api/schemas/devices';
import {
  printJobRerouteSchema,
  stationIdSchema,
  stationNameSchema,
} from '../../api/schemas/stations';
import { Peripheral, PrintJob, Station } from '../../db/entities';
import { sqlOf } from '../../db/sql';

const toDto = (ctx: MethodContext, s: Station): StationDto => ({
  id: s.id,
  name: s.name,
  appVersion: s.appVersion,
  lastSeenAt: s.lastSeenAt,
  createdAt: s.createdAt,
  retiredAt: s.retiredAt,
  online: s.retiredAt === null && ctx.services.station.isOnline(s, ctx.now),
  isThis: s.id === ctx.services.station.id,
});

const thisStation = (ctx: MethodContext): ThisStationDto => ({
  id: ctx.services.station.id,
  name: ctx.services.station.identity.name,
  named: ctx.services.station.identity.named,
  retiredAt: ctx.services.station.retiredAt,
});

/** A waiting job may move: not yet sent, or given up. */
const REROUTABLE = ['queued', 'failed'];

export const stationMethods = [
  defineMethod('stations.list', {
    input: emptyInput,
    access: 'settings.read',
    write: false,
    async handler(_input, ctx) {
      const rows = await ctx.em.find(Station, { order: { name: 'ASC', id: 'ASC' } });
      return rows.map((s) => toDto(ctx, s));
    },
  }),

  defineMethod('stations.current', {
    input: emptyInput,
    access: 'signedIn',
    write: false,
    async handler(_input, ctx) {
      return thisStation(ctx);
    },
  }),

  defineMethod('stations.rename', {
    input: stationNameSchema,
    // Naming at first start is asked of an admin or a manager; renaming later is an admin's.
    access: 'signedIn',
    write: true,
    async handler({ name }, ctx) {
      const { role } = ctx.session;
      const allowed =
        role === 'admin' || (role === 'manager' && !ctx.services.station.identity.named);
      if (!allowed) {
        throw new ApiError('FORBIDDEN', 'Only an admin may rename this station.', {
          key: 'stations.errors.renameAdmin',
        });
      }
      const was = ctx.services.station.identity.name;
      await sqlOf(ctx.em).run(
        'UPDATE station SET name = ? WHERE id = ?',
        name,
        ctx.services.station.id,
      );
      ctx.afterCommit(() => ctx.services.station.rename(name));
      ctx.audit.entity = 'station';
      ctx.audit.entityId = ctx.services.station.id;
      ctx.audit.details = { name, was };
      return { ...thisStation(ctx), name, named: true };
    },
  }),

  defineMethod('stations.retire', {
    input: stationIdSchema,
    access: 'station.manage',
    write: true,
    async handler({ id }, ctx) {
      if (id === ctx.services.station.id) {
        throw conflict(
          'This station cannot retire itself: retire it from another station.',
          'stations.errors.retireSelf',
        );
      }
      const row = await ctx.em.findOneBy(Station, { id });
      if (!row) throw notFound('Station', 'stations.errors.notFound');
      if (row.retiredAt !== null) {
        throw conflict('This station is already retired.', 'stations.errors.alreadyRetired', {
          name: row.name,
        });
      }
      await sqlOf(ctx.em).run('UPDATE station SET retired_at = ? WHERE id = ?', ctx.now, id);
      const waiting = await ctx.em.count(PrintJob, {
        where: { stationId: id, status: In(REROUTABLE) },
      });
      ctx.audit.entity = 'station';
      ctx.audit.entityId = id;
      ctx.audit.details = { name: row.name, waitingJobs: waiting };
      return toDto(ctx, { ...row, retiredAt: ctx.now });
    },
  }),

  defineMethod('stations.reinstate', {
    input: emptyInput,
    access: 'station.manage',
    write: true,
    async handler(_input, ctx) {
      const id = ctx.services.station.id;
      await sqlOf(ctx.em).run('UPDATE station SET retired_at = NULL WHERE id = ?', id);
      ctx.afterCommit(() => {
        ctx.services.station.retiredAt = null;
        ctx.services.devices?.kick();
      });
      ctx.audit.entity = 'station';
      ctx.audit.entityId = id;
      ctx.audit.details = { name: ctx.services.station.identity.name };
      return { ...thisStation(ctx), retiredAt: null };
    },
  }),

  defineMethod('stations.printers', {
    input: emptyInput,
    access: 'print.read',
    write: false,
    async handler(_input, ctx) {
      const [printers, stations] = await Promise.all([
        ctx.em.find(Peripheral, { order: { id: 'ASC' } }),
        ctx.em.find(Station),
      ]);
      const byId = new Map(stations.map((s) => [s.id, s]));
      const out: StationPrinterDto[] = [];
      for (const p of printers) {
        const s = p.stationId ? byId.get(p.stationId) : undefined;
        if (!s || s.retiredAt !== null || p.kind === 'scanner' || p.enabled !== 1) continue;
        out.push({
          id: p.id,
          name: p.name,
          kind: p.kind as StationPrinterDto['kind'],
          stationId: s.id,
          stationName: s.name,
          stationOnline: ctx.services.station.isOnline(s, ctx.now),
        });
      }
      return out;
    },
  }),

  defineMethod('printJobs.reroute', {
    input: printJobRerouteSchema,
    access: 'print.route',
    write: true,
    async handler({ id, deviceId }, ctx) {
      const job = await ctx.em.findOneBy(PrintJob, { id });
      if (!job) throw notFound('Print job');
      const printer = await ctx.em.findOneBy(Peripheral, { id: deviceId });
      if (!printer || printer.kind === 'scanner' || !printer.stationId) throw notFound('Printer');
      const station = await ctx.em.findOneByOrFail(Station, { id: printer.stationId });
      if (station.retiredAt !== null) {
        throw conflict('That station is retired.', 'stations.errors.targetRetired', {
          name: station.name,
        });
      }
      // The status guard settles the race with the owning station's worker: a job it has
      // claimed meanwhile is printing there, and stays.
      const res = await sqlOf(ctx.em).run(
        `UPDATE print_job SET device_id = ?, station_id = ?, status = 'queued', attempts = 0, last_error = NULL, updated_at = ?
         WHERE id = ? AND status IN ('queued', 'failed')`,
        deviceId,
        station.id,
        ctx.now,
        id,
      );
      if (res.changes !== 1) {
        throw conflict(
          'Only a waiting or failed job can be sent elsewhere.',
          'stations.errors.notReroutable',
          {
            status: job.status,
          },
        );
      }
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = id;
      ctx.audit.details = {
        kind: job.kind,
        ticketId: job.ticketId,
        fromStation: job.stationId,
        fromDevice: job.deviceId,
        toStation: station.id,
        toDevice: deviceId,
        was: job.status,
      };
      ctx.emit('printJob.updated', { id, kind: job.kind, status: 'queued', lastError: null });
      ctx.emit('printJob.queued', { id, kind: job.kind, ticketId: job.ticketId });
      return { id, deviceId, stationId: station.id };
    },
  }),
];
