import { enqueueForStatus } from '../messages/enqueue';
import { IsNull } from 'typeorm';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import * as b from '../../api/schemas/bench';
import { Approval, EstimateLine, Staff, Ticket } from '../../db/entities';
import { releaseTicketParts } from '../inventory/ticket-parts';
import { chargeAmounts } from '../pickup/charges';
import { estimateTotal, loadForChange, moveTicket, saveTicket, timeline } from './move-ticket';

const toLine = (l: EstimateLine) => ({
  id: l.id,
  kind: l.kind,
  description: l.description,
  qty: l.qty,
  unitCents: l.unitCents,
  totalCents: l.qty * l.unitCents,
});

/** Estimates and approvals belong to the plan; once work is past approval they are history. */
const PLAN_OPEN = ['received', 'diagnosing', 'awaiting_approval', 'on_hold'];

export const benchMethods = [
  defineMethod('bench.transition', {
    input: b.transitionSchema,
    access: 'ticket.read',
    write: true,
    async handler({ id, version, to, reason }, ctx) {
      const t = await loadForChange(ctx.em, id, version);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = id;
      ctx.audit.details = { from: t.status, to };
      const status = await moveTicket(ctx, t, to, reason);
      // The customer is told by the outbox's rules (issue 16), in this same transaction.
      await enqueueForStatus(ctx, t.id, status);
      return { status, version: t.version };
    },
  }),

  defineMethod('bench.assign', {
    input: b.assignSchema,
    access: 'bench.work',
    write: true,
    async handler({ id, version, staffId, reason }, ctx) {
      const t = await loadForChange(ctx.em, id, version);
      const isManager = ctx.session.role === 'manager' || ctx.session.role === 'admin';
      // Technicians may take an unassigned ticket; moving work between people is a manager's call.
      if (!isManager && !(t.assignedTo === null && staffId === ctx.session.staffId)) {
        throw new ApiError('FORBIDDEN', 'Only a manager can reassign a ticket.', { key: 'errors.reassignManager' });
      }
      if (t.assignedTo !== null && !reason) {
        throw new ApiError('VALIDATION', 'Say why the ticket is reassigned.', {
          key: 'errors.reasonRequired',
          issues: [{ path: 'reason', key: 'errors.reasonRequired', message: 'Reason required' }],
        });
      }
      const staff = staffId ? await ctx.em.findOne(Staff, { where: { id: staffId, active: 1 } }) : null;
      if (staffId && !staff) throw new ApiError('NOT_FOUND', 'Staff member not found.', { key: 'errors.notFound' });
      await saveTicket(ctx.em, t, { assignedTo: staffId, updatedAt: ctx.now });
      await timeline(ctx, id, 'assigned', [staff?.name ?? '—', reason].filter(Boolean).join(': '));
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = id;
      ctx.audit.details = { staffId, reason };
      ctx.emit('ticket.updated', { ticketId: id, number: t.number });
      return { version: t.version };
    },
  }),

  defineMethod('bench.diagnose', {
    input: b.diagnoseSchema,
    access: 'bench.work',
    write: true,
    async handler({ id, version, cause, responsible, plan }, ctx) {
      const t = await loadForChange(ctx.em, id, version);
      await saveTicket(ctx.em, t, { cause, responsible, plan: JSON.stringify(plan), updatedAt: ctx.now });
      await timeline(ctx, id, 'diagnosis', cause);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = id;
      ctx.emit('ticket.updated', { ticketId: id, number: t.number });
      return { version: t.version };
    },
  }),

  defineMethod('bench.estimateAdd', {
    input: b.estimateAddSchema,
    access: 'bench.work',
    write: true,
    async handler(input, ctx) {
      const t = await loadForChange(ctx.em, input.ticketId);
      if (!PLAN_OPEN.includes(t.status) || t.approval !== 'none') {
        throw new ApiError('CONFLICT', 'The estimate is fixed once the customer has answered.', { key: 'errors.estimateLocked' });
      }
      const line = await ctx.em.save(EstimateLine, {
        ticketId: t.id,
        kind: input.kind,
        description: input.description,
        qty: input.qty,
        unitCents: input.unitCents,
        staffId: ctx.session.staffId,
        createdAt: ctx.now,
        removedAt: null,
      });
      await saveTicket(ctx.em, t, { estimateCents: await estimateTotal(ctx.em, t.id), updatedAt: ctx.now });
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = t.id;
      ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
      return toLine(line);
    },
  }),

  defineMethod('bench.estimateRemove', {
    input: b.estimateRemoveSchema,
    access: 'bench.work',
    write: true,
    async handler({ lineId }, ctx) {
      const line = await ctx.em.findOne(EstimateLine, { where: { id: lineId } });
      if (!line || line.removedAt) throw new ApiError('NOT_FOUND', 'Estimate line not found.', { key: 'errors.notFound' });
      const t = await loadForChange(ctx.em, line.ticketId);
      if (!PLAN_OPEN.includes(t.status) || t.approval !== 'none') {
        throw new ApiError('CONFLICT', 'The estimate is fixed once the customer has answered.', { key: 'errors.estimateLocked' });
      }
      await ctx.em.update(EstimateLine, lineId, { removedAt: ctx.now });
      await saveTicket(ctx.em, t, { estimateCents: Math.max(0, await estimateTotal(ctx.em, t.id)), updatedAt: ctx.now });
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = t.id;
      return { ok: true as const };
    },
  }),

  defineMethod('bench.approval', {
    input: b.approvalSchema,
    access: 'approval.record',
    write: true,
    async handler({ ticketId, decision, channel, note }, ctx) {
      const t = await loadForChange(ctx.em, ticketId);
      if (t.status !== 'awaiting_approval') {
        throw new ApiError('CONFLICT', 'This ticket is not waiting for the customer.', { key: 'errors.notAwaitingApproval' });
      }
      // The customer answers to what they will pay: tax and warranty cover as pickup computes them.
      const lines = await ctx.em.find(EstimateLine, { where: { ticketId, removedAt: IsNull() } });
      const amounts = chargeAmounts(lines.map(toLine), t, ctx.services.settings);
      const total = amounts.totalCents;
      await ctx.em.insert(Approval, {
        ticketId,
        decision,
        channel,
        totalCents: total,
        taxCents: amounts.taxCents,
        note: note ?? null,
        recordedBy: ctx.session.staffId,
        at: ctx.now,
      });
      await saveTicket(ctx.em, t, { approval: decision, updatedAt: ctx.now });
      if (decision === 'declined') await releaseTicketParts(ctx, ticketId, 'estimate declined');
      await timeline(ctx, ticketId, decision === 'approved' ? 'approved' : 'declined', [channel, note].filter(Boolean).join(': '));
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.audit.details = { decision, channel, totalCents: total, taxCents: amounts.taxCents };
      ctx.emit('ticket.updated', { ticketId, number: t.number });
      return { approval: decision };
    },
  }),

  defineMethod('bench.note', {
    input: b.noteSchema,
    access: 'ticket.read',
    write: true,
    async handler({ ticketId, note }, ctx) {
      const t = await ctx.em.findOne(Ticket, { where: { id: ticketId } });
      if (!t) throw new ApiError('NOT_FOUND', 'Ticket was not found.', { key: 'errors.ticketNotFound' });
      await timeline(ctx, ticketId, 'note', note);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.emit('ticket.updated', { ticketId, number: t.number });
      return { ok: true as const };
    },
  }),
];

