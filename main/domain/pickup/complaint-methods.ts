import type { EntityManager } from 'typeorm';
import type { ComplaintDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import * as s from '../../api/schemas/pickup';
import { Complaint, Customer, Staff, Ticket } from '../../db/entities';
import { loadForChange, timeline } from '../bench/move-ticket';
import { openFollowUpTicket } from './follow-up-ticket';
import { loadVersioned, saveVersioned } from './versioned';

async function toDtos(
  em: EntityManager,
  where: string,
  params: unknown[],
): Promise<ComplaintDto[]> {
  const rows: Array<Record<string, unknown>> = await em.query(
    `SELECT k.*, t.number, c.name AS customer_name, c.phone AS customer_phone, s.name AS owner_name
     FROM complaint k JOIN customer c ON c.id = k.customer_id LEFT JOIN ticket t ON t.id = k.ticket_id
     LEFT JOIN staff s ON s.id = k.owner_id WHERE ${where}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id as number,
    ticketId: r.ticket_id as number | null,
    ticketNumber: r.number as string | null,
    customerId: r.customer_id as number,
    customerName: r.customer_name as string,
    customerPhone: r.customer_phone as string,
    type: r.type as string,
    severity: r.severity as string,
    description: r.description as string,
    cause: r.cause as string | null,
    owner: r.owner_id ? { id: r.owner_id as number, name: r.owner_name as string } : null,
    status: r.status as ComplaintDto['status'],
    resolution: r.resolution as string | null,
    compensation: r.compensation as string | null,
    resolutionNote: r.resolution_note as string | null,
    confirmedAt: r.confirmed_at as number | null,
    confirmationChannel: r.confirmation_channel as string | null,
    confirmationNote: r.confirmation_note as string | null,
    createdAt: r.created_at as number,
    closedAt: r.closed_at as number | null,
    version: r.version as number,
  }));
}

const one = async (em: EntityManager, id: number) => (await toDtos(em, 'k.id = ?', [id]))[0];

async function checkOwner(em: EntityManager, ownerId: number | undefined) {
  if (ownerId === undefined) return;
  if (!(await em.findOne(Staff, { where: { id: ownerId, active: 1 } }))) {
    throw new ApiError('NOT_FOUND', 'Staff member not found.', { key: 'errors.notFound' });
  }
}

/** DOMAIN step 12: receive, record, analyse, resolve, follow up until the customer confirms. */
export const complaintMethods = [
  defineMethod('complaints.list', {
    input: s.complaintListSchema,
    access: 'followup.work',
    write: false,
    async handler({ view }, ctx) {
      const where =
        view === 'open'
          ? "k.status <> 'closed'"
          : view === 'closed'
            ? "k.status = 'closed'"
            : '1 = 1';
      return toDtos(ctx.em, `${where} ORDER BY k.id DESC LIMIT 300`, []);
    },
  }),

  defineMethod('complaints.create', {
    input: s.complaintCreateSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      const { em, now } = ctx;
      const ticket = input.ticketId ? await loadForChange(em, input.ticketId) : null;
      const customerId = ticket?.customerId ?? input.customerId!;
      if (!(await em.findOne(Customer, { where: { id: customerId } }))) {
        throw new ApiError('NOT_FOUND', 'Customer was not found.', { key: 'errors.notFound' });
      }
      await checkOwner(em, input.ownerId);
      const k = await em.save(Complaint, {
        ticketId: ticket?.id ?? null,
        customerId,
        type: input.type,
        severity: input.severity,
        description: input.description,
        cause: null,
        ownerId: input.ownerId ?? null,
        status: 'open',
        resolution: null,
        compensation: null,
        resolutionNote: null,
        confirmedAt: null,
        confirmationChannel: null,
        confirmationNote: null,
        createdBy: ctx.session.staffId,
        createdAt: now,
        closedAt: null,
        version: 1,
      });
      // The complaint row itself makes QC sampling check this ticket when it is finished.
      if (ticket) {
        await timeline(ctx, ticket.id, 'complaint', `${input.type}: ${input.description}`);
        ctx.emit('ticket.updated', { ticketId: ticket.id, number: ticket.number });
      }
      ctx.audit.entity = 'complaint';
      ctx.audit.entityId = k.id;
      ctx.audit.details = { type: input.type, severity: input.severity, ticketId: ticket?.id };
      return one(em, k.id);
    },
  }),

  defineMethod('complaints.resolve', {
    input: s.complaintResolveSchema,
    access: 'followup.manage',
    write: true,
    async handler(input, ctx) {
      const { em } = ctx;
      const k = await loadVersioned(em, Complaint, input.id, input.version, 'Complaint');
      if (k.status === 'closed') {
        throw new ApiError('CONFLICT', 'This complaint is closed.', {
          key: 'errors.complaintClosed',
        });
      }
      await checkOwner(em, input.ownerId);
      let note = input.note ?? null;
      if (input.resolution === 'repair' && k.ticketId) {
        // A complaint repair is filed as a complaint, so it is always quality-checked.
        const original = await em.findOneByOrFail(Ticket, { id: k.ticketId });
        const t = await openFollowUpTicket(ctx, original, k.description, {
          repeat: true,
          category: 'complaint',
        });
        note = [note, t.number].filter(Boolean).join(' · ');
      }
      await saveVersioned(em, Complaint, k, {
        cause: input.cause ?? k.cause,
        ownerId: input.ownerId ?? k.ownerId ?? ctx.session.staffId,
        resolution: input.resolution,
        compensation: input.compensation,
        resolutionNote: note,
        status: 'resolved',
      });
      ctx.audit.entity = 'complaint';
      ctx.audit.entityId = k.id;
      ctx.audit.details = { resolution: input.resolution, compensation: input.compensation };
      return one(em, k.id);
    },
  }),

  defineMethod('complaints.confirm', {
    input: s.complaintConfirmSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      const k = await loadVersioned(ctx.em, Complaint, input.id, input.version, 'Complaint');
      if (k.status !== 'resolved') {
        throw new ApiError(
          'CONFLICT',
          'Agree a resolution before asking the customer to confirm.',
          {
            key: 'errors.complaintNotResolved',
          },
        );
      }
      await saveVersioned(ctx.em, Complaint, k, {
        confirmedAt: ctx.now,
        confirmationChannel: input.channel,
        confirmationNote: input.note ?? null,
      });
      ctx.audit.entity = 'complaint';
      ctx.audit.entityId = k.id;
      ctx.audit.details = { channel: input.channel };
      return one(ctx.em, k.id);
    },
  }),

  defineMethod('complaints.close', {
    input: s.complaintCloseSchema,
    access: 'followup.manage',
    write: true,
    async handler(input, ctx) {
      const k = await loadVersioned(ctx.em, Complaint, input.id, input.version, 'Complaint');
      if (k.status === 'closed')
        throw new ApiError('CONFLICT', 'This complaint is closed.', {
          key: 'errors.complaintClosed',
        });
      if (k.confirmedAt === null) {
        throw new ApiError(
          'CONFLICT',
          'A complaint closes only once the customer has confirmed the resolution.',
          {
            key: 'errors.complaintNotConfirmed',
          },
        );
      }
      await saveVersioned(ctx.em, Complaint, k, { status: 'closed', closedAt: ctx.now });
      if (k.ticketId) await timeline(ctx, k.ticketId, 'complaint_closed', k.resolution);
      ctx.audit.entity = 'complaint';
      ctx.audit.entityId = k.id;
      return one(ctx.em, k.id);
    },
  }),
];
