import { ApiError, notFound } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { OPEN_STATUSES } from '../../api/schemas/common';
import { byId, ticketListSchema, ticketNumberSchema } from '../../api/schemas/misc';
import { Customer, Device, PrintJob, Staff, Ticket } from '../../db/entities';
import { toCustomerDto, toDeviceDto } from '../customers/customer-methods';
import { toPrintJobDto } from '../printing/print-jobs';
import { parseTicketNumber } from './ticket-number';
import { statusCounts } from './status-counts';
import {
  TICKET_SUMMARY_SELECT,
  deviceLabel,
  pagedTicketRows,
  ticketSummaries,
  toTicketSummary,
  type TicketSummaryRow,
} from './ticket-queries';

const ticketNotFound = (number: string) =>
  new ApiError('NOT_FOUND', `No ticket ${number}.`, {
    key: 'errors.ticketNotFound',
    params: { number },
  });

export const ticketMethods = [
  defineMethod('tickets.get', {
    input: byId,
    access: 'ticket.read',
    write: false,
    async handler({ id }, ctx) {
      const { em } = ctx;
      const [summary] = await ticketSummaries(em, 't.id = ?', [id]);
      if (!summary) throw notFound('Ticket', 'errors.ticketNotFound');
      const t = (await em.findOne(Ticket, { where: { id } }))!;
      // One after another: key lookups spread over five pooled connections cost more than
      // they save (see loadPickupContext).
      const device = await em.findOneOrFail(Device, { where: { id: t.deviceId } });
      const customer = await em.findOneOrFail(Customer, { where: { id: t.customerId } });
      const creator = await em.findOne(Staff, { where: { id: t.createdBy } });
      const jobs = await em.find(PrintJob, { where: { ticketId: id }, order: { id: 'ASC' } });
      const repeatOf = t.repeatOfId
        ? await em.findOne(Ticket, { where: { id: t.repeatOfId } })
        : null;
      const timeline: Array<{
        id: number;
        kind: string;
        from_status: string | null;
        to_status: string | null;
        note: string | null;
        staff_name: string | null;
        at: number;
      }> = await em.query(
        `SELECT e.id, e.kind, e.from_status, e.to_status, e.note, s.name AS staff_name, e.at
         FROM ticket_event e LEFT JOIN staff s ON s.id = e.staff_id
         WHERE e.ticket_id = ? ORDER BY e.at, e.id`,
        [id],
      );
      return {
        ...summary,
        device: toDeviceDto(device),
        customer: toCustomerDto(customer),
        accessories: JSON.parse(t.accessories) as string[],
        conditionNotes: t.conditionNotes,
        backupAck: t.backupAck === 1,
        hasPasscode: t.passcodeEnc !== null,
        exclusion: t.exclusion,
        warrantyUntil: t.warrantyUntil,
        repeatOf: repeatOf ? { id: repeatOf.id, number: repeatOf.number } : null,
        estimateCents: t.estimateCents,
        depositCents: t.depositCents,
        createdByName: creator?.name ?? '',
        timeline: timeline.map((e) => ({
          id: e.id,
          kind: e.kind,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          note: e.note,
          staffName: e.staff_name,
          at: e.at,
        })),
        printJobs: jobs.map(toPrintJobDto),
        version: t.version,
      };
    },
  }),

  defineMethod('tickets.progress', {
    input: ticketNumberSchema,
    access: 'ticket.read',
    write: false,
    async handler({ number }, ctx) {
      const { settings } = ctx.services;
      const normal = parseTicketNumber(
        number,
        settings.get('ticket.prefix'),
        settings.get('ticket.digits'),
      );
      if (!normal) throw ticketNotFound(number);
      const rows: Array<{
        number: string;
        status: string;
        promised_at: number;
        received_at: number;
        updated_at: number;
        brand: string;
        model: string;
        customer_name: string;
        last_event: string | null;
        last_at: number | null;
      }> = await ctx.em.query(
        `SELECT t.number, t.status, t.promised_at, t.received_at, t.updated_at, d.brand, d.model,
                c.name AS customer_name, e.kind AS last_event, e.at AS last_at
         FROM ticket t
         JOIN customer c ON c.id = t.customer_id
         JOIN device d ON d.id = t.device_id
         LEFT JOIN ticket_event e ON e.id = (SELECT max(id) FROM ticket_event WHERE ticket_id = t.id)
         WHERE t.number = ?`,
        [normal],
      );
      const r = rows[0];
      if (!r) throw ticketNotFound(number);
      return {
        number: r.number,
        status: r.status,
        promisedAt: r.promised_at,
        receivedAt: r.received_at,
        lastUpdateAt: Math.max(r.updated_at, r.last_at ?? 0),
        lastEvent: r.last_event,
        deviceLabel: deviceLabel(r.brand, r.model),
        customerName: r.customer_name,
      };
    },
  }),

  defineMethod('tickets.list', {
    input: ticketListSchema,
    access: 'ticket.read',
    write: false,
    async handler({ statuses, limit, offset }, ctx) {
      const list = statuses?.length ? statuses : OPEN_STATUSES;
      const marks = list.map(() => '?').join(',');
      const rows = (
        await pagedTicketRows<TicketSummaryRow>(
          ctx.em,
          TICKET_SUMMARY_SELECT,
          `SELECT t.id FROM ticket t WHERE t.status IN (${marks}) ORDER BY t.promised_at, t.id LIMIT ? OFFSET ?`,
          [...list, limit, offset],
          't.promised_at, t.id',
        )
      ).map(toTicketSummary);
      const counts = await statusCounts(ctx.em, list);
      return { rows, total: list.reduce((sum, s) => sum + counts[s], 0) };
    },
  }),

  defineMethod('tickets.revealPasscode', {
    input: byId,
    access: 'passcode.reveal',
    write: false,
    // Every reveal is recorded (DOMAIN "Privacy and trust").
    auditReads: true,
    async handler({ id }, ctx) {
      const t = await ctx.em.findOne(Ticket, { where: { id } });
      if (!t) throw notFound('Ticket', 'errors.ticketNotFound');
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = id;
      if (!t.passcodeEnc) {
        throw new ApiError('NOT_FOUND', 'No passcode was recorded for this ticket.', {
          key: 'errors.noPasscode',
        });
      }
      return { passcode: ctx.services.cipher.decrypt(t.passcodeEnc) };
    },
  }),
];
