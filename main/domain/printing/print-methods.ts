import { LessThan, type FindOptionsWhere } from 'typeorm';
import { defineMethod } from '../../api/method';
import { printJobCountSchema, printJobListSchema } from '../../api/schemas/misc';
import { PrintJob } from '../../db/entities';
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
