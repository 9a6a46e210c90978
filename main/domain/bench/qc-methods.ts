import { enqueueForStatus } from '../messages/enqueue';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { qcRecordSchema } from '../../api/schemas/bench';
import { QcCheck } from '../../db/entities';
import { addBusinessDays } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import { loadForChange, saveTicket, timeline } from './move-ticket';
import { qcBand, qcTotal } from './qc-sampling';

/** DOMAIN step 9: the inspector's score sheet. A fail sends the repair back with feedback and
 * a deadline the technician sees; a pass makes it ready for pickup. */
export const qcMethods = [
  defineMethod('qc.record', {
    input: qcRecordSchema,
    access: 'qc.record',
    write: true,
    async handler(input, ctx) {
      const { settings } = ctx.services;
      const t = await loadForChange(ctx.em, input.ticketId, input.version);
      if (t.status !== 'quality_check') {
        throw new ApiError('CONFLICT', 'This ticket is not waiting for a quality check.', { key: 'errors.notInQc' });
      }
      const total = qcTotal(input, settings.get('qc.weights'));
      const band = qcBand(total, settings.get('qc.excellentFrom'), settings.get('qc.passFrom'));
      if (band === 'fail' && !input.feedback) {
        throw new ApiError('VALIDATION', 'A failed check needs feedback for the technician.', {
          key: 'errors.feedbackRequired',
          issues: [{ path: 'feedback', key: 'errors.feedbackRequired', message: 'Feedback required' }],
        });
      }
      const reworkDueAt =
        band === 'fail'
          ? addBusinessDays(ctx.now, input.reworkDays ?? settings.get('qc.reworkDays'), shopCalendar(settings))
          : null;
      await ctx.em.insert(QcCheck, {
        ticketId: t.id,
        inspectorId: ctx.session.staffId,
        procedureScore: input.procedure,
        effectivenessScore: input.effectiveness,
        communicationScore: input.communication,
        total,
        band,
        feedback: input.feedback ?? null,
        reworkDueAt,
        at: ctx.now,
      });
      const status = band === 'fail' ? 'in_repair' : 'ready';
      await saveTicket(ctx.em, t, {
        status,
        reworkDueAt,
        completedAt: status === 'ready' ? ctx.now : t.completedAt,
        updatedAt: ctx.now,
      });
      await timeline(ctx, t.id, band === 'fail' ? 'qc_failed' : 'qc_passed', [`${total}`, input.feedback].filter(Boolean).join(': '), 'quality_check', status);
      if (status === 'ready') await enqueueForStatus(ctx, t.id, status);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = t.id;
      ctx.audit.details = { total, band };
      ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
      return { total, band, status };
    },
  }),
];
