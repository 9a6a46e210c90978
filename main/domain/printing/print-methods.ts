import type { FindOptionsWhere } from 'typeorm';
import { defineMethod } from '../../api/method';
import { printJobCountSchema, printJobListSchema } from '../../api/schemas/misc';
import { PrintJob } from '../../db/entities';
import { toPrintJobDto } from './print-jobs';

export const printMethods = [
  defineMethod('printJobs.list', {
    input: printJobListSchema,
    access: 'print.read',
    write: false,
    async handler({ status, ticketId, limit }, ctx) {
      const where: FindOptionsWhere<PrintJob> = {};
      if (status) where.status = status;
      if (ticketId) where.ticketId = ticketId;
      const jobs = await ctx.em.find(PrintJob, { where, order: { id: 'DESC' }, take: limit });
      return jobs.map(toPrintJobDto);
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
