import { LessThan, type FindOptionsWhere } from 'typeorm';
import { defineMethod } from '../../api/method';
import { printJobCountSchema, printJobListSchema } from '../../api/schemas/misc';
import { PrintJob, Station } from '../../db/entities';
import { toPrintJobDto } from './print-jobs';

export const printMethods = [
  defineMethod('printJobs.list', {
    input: printJobListSchema,
    access: 'print.read',
    write: false,
    async handler({ status, ticketId, limit, before }, ctx) {
      const where: FindOptionsWhere<PrintJob> = {};
      if (status) where.status = status;
      if (ticketId) where.ticketId = ticketId;
      // Newest first by id, paged by id: index print_job_status_id walks straight to the page.
      if (before) where.id = LessThan(before);
      const jobs = await ctx.em.find(PrintJob, { where, order: { id: 'DESC' }, take: limit });
      // Every station's queue shows every station's jobs, each with the station that prints
      // it: a job waiting for a PC that is off is visible (and can be re-routed) anywhere.
      const stations = new Map((await ctx.em.find(Station)).map((s) => [s.id, s]));
      return jobs.map((j) => {
        const s = j.stationId ? stations.get(j.stationId) : undefined;
        return {
          ...toPrintJobDto(j),
          stationName: s?.name ?? null,
          stationOnline: !!s && s.retiredAt === null && ctx.services.station.isOnline(s, ctx.now),
        };
      });
    },
  }),

  defineMethod('printJobs.count', {
    input: printJobCountSchema,
    access: 'print.read',
    write: false,
    async handler({ status }, ctx) {
      return { count: await ctx.em.count(PrintJob, { where: { status } }) };
    },
  }),
];
