import type { SignedInContext } from '../../api/method';
import type { ServiceMode } from '../../api/schemas/common';
import { Ticket, TicketEvent } from '../../db/entities';
import { addBusinessDays } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import { formatTicketNumber, nextSequence } from '../tickets/ticket-number';

/**
 * Opens a ticket for the same customer and device from an after-sales finding (a callback's
 * left-over problem, a complaint resolved by repair). A follow-up is linked as a repeat of
 * the original (free by default, always quality-checked); a complaint repair is filed as a
 * complaint so QC sampling checks it too.
 */
export async function openFollowUpTicket(
  ctx: SignedInContext,
  original: Ticket,
  problem: string,
  opts: { repeat: boolean; category: 'fault' | 'complaint' },
): Promise<Ticket> {
  const { em, now, services } = ctx;
  const { settings } = services;
  const seq = await nextSequence(em, 'ticket');
  const number = formatTicketNumber(
    settings.get('ticket.prefix'),
    settings.get('ticket.digits'),
    seq,
  );
  const days = settings.get('promise.workingDays')[original.serviceMode as ServiceMode] ?? 3;
  const ticket = await em.save(Ticket, {
    number,
    intakeKey: null,
    customerId: original.customerId,
    deviceId: original.deviceId,
    status: 'received',
    category: opts.category,
    priority: 'normal',
    serviceMode: original.serviceMode,
    problem,
    accessories: '[]',
    conditionNotes: '',
    backupAck: 1,
    passcodeEnc: null,
    warranty: original.warranty,
    warrantyUntil: original.warrantyUntil,
    exclusion: original.exclusion,
    repeatOfId: opts.repeat ? original.id : null,
    estimateCents: 0,
    depositCents: 0,
    promisedAt: addBusinessDays(now, days, shopCalendar(settings)),
    receivedAt: now,
    completedAt: null,
    collectedAt: null,
    createdBy: ctx.session.staffId,
    assignedTo: null,
    updatedAt: now,
    approval: 'none',
    pausedMs: 0,
  });
  await em.insert(TicketEvent, {
    ticketId: ticket.id,
    kind: 'created',
    fromStatus: null,
    toStatus: 'received',
    note: `follow-up of ${original.number}`,
    staffId: ctx.session.staffId,
    at: now,
  });
  ctx.emit('ticket.created', { ticketId: ticket.id, number });
  return ticket;
}
