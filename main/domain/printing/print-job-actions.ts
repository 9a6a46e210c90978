import type { PrintDocument } from '../../api/contract';
import { conflict, notFound } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { printJobIdSchema } from '../../api/schemas/devices';
import { PrintJob } from '../../db/entities';
import { documentToPdf } from './document-pdf';

/** What a person can still take back: a job not yet sent, or one that gave up. */
const CANCELLABLE = ['queued', 'failed'];

/** The print queue's own actions beside reprint and "did it print?" (device-methods.ts). */
export const printJobActions = [
  defineMethod('printJobs.cancel', {
    input: printJobIdSchema,
    access: 'print.manage',
    write: true,
    async handler({ id }, ctx) {
      const job = await ctx.em.findOneBy(PrintJob, { id });
      if (!job) throw notFound('Print job');
      // The worker claims jobs in the same queue of calls, so a job is either still queued here
      // or already being written; the status guard settles the race with the worker anyway.
      const res = await ctx.em
        .createQueryBuilder()
        .update(PrintJob)
        .set({ status: 'cancelled', updatedAt: ctx.now })
        .where('id = :id AND status IN (:...s)', { id, s: CANCELLABLE })
        .execute();
      if (res.affected !== 1) {
        throw conflict(
          'Only a waiting or failed job can be cancelled.',
          'printActions.errors.notCancellable',
          { status: job.status },
        );
      }
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = id;
      ctx.audit.details = { was: job.status, kind: job.kind, ticketId: job.ticketId };
      ctx.emit('printJob.updated', {
        id,
        kind: job.kind,
        status: 'cancelled',
        lastError: job.lastError,
      });
      return { status: 'cancelled' as const };
    },
  }),

  defineMethod('printJobs.pdf', {
    input: printJobIdSchema,
    access: 'print.read',
    write: false,
    // A PDF is a copy of a receipt or tag (customer name and phone on it): audited as a reprint is.
    auditReads: true,
    async handler({ id }, ctx) {
      const job = await ctx.em.findOneBy(PrintJob, { id });
      if (!job) throw notFound('Print job');
      const doc = JSON.parse(job.payload) as PrintDocument;
      const logo = ctx.services.settings.get('shop.logo');
      const pdf = await documentToPdf(doc, {
        title: `${job.kind} #${job.id}`,
        logo: typeof logo === 'string' && logo.startsWith('data:image/') ? logo : null,
      });
      ctx.audit.entity = 'print_job';
      ctx.audit.entityId = id;
      ctx.audit.details = { kind: job.kind, ticketId: job.ticketId };
      return { fileName: `${job.kind}-${job.id}.pdf`, base64: pdf.toString('base64') };
    },
  }),
];
