import type { EntityManager } from 'typeorm';
import type {
  MessageChannel,
  MessageEvent,
  MessageLanguage,
  OutboxState,
} from '../../api/contract-messages';
import type { Services, SignedInContext } from '../../api/method';
import { Customer, Ticket } from '../../db/entities';
import { sqlOf } from '../../db/sql';
import { shopTimeZone } from '../calendar/shop-calendar';
import { smsAllowedAt } from './quiet-hours';
import { renderMessage } from './render';

export interface MessageChange {
  id: number;
  ticketId: number | null;
  state: OutboxState;
}

/** Status changes that tell the customer something (no marketing: nothing else is sent). */
export const STATUS_EVENTS: Partial<Record<string, MessageEvent>> = {
  awaiting_approval: 'approval_needed',
  ready: 'ready_for_pickup',
  collected: 'after_pickup',
};

/** Where a message on `channel` goes for this customer, or null when there is no address. */
function recipientFor(c: Customer, channel: MessageChannel): string | null {
  if (channel === 'email') return c.email?.trim() || null;
  return c.phone?.trim() || null;
}

/**
 * The channel a rule sends on: fixed, or the customer's preference, else SMS to a phone,
 * else e-mail. A fixed channel the customer has no address for sends nothing.
 */
function channelFor(c: Customer, ruleChannel: string): MessageChannel | null {
  if (ruleChannel !== 'preferred') return ruleChannel as MessageChannel;
  if (c.messageChannel) return c.messageChannel as MessageChannel;
  if (c.phone?.trim()) return 'sms';
  if (c.email?.trim()) return 'email';
  return null;
}

/** One message per ticket, event and template, whatever retries or re-runs happen. */
export const idempotencyKeyFor = (ticketId: number, event: MessageEvent, template: string) =>
  `t${ticketId}:${event}:${template}`;

/**
 * Queues the message a rule asks for when `event` happens to a ticket, inside the caller's
 * transaction: only with the customer's consent, never after an unsubscribe or erasure,
 * rendered in the customer's language. SMS waits out quiet hours (shop time zone). Returns
 * the new row, or null when nothing is sent (no rule, no consent, no address, already queued).
 */
export async function enqueueTicketEvent(
  em: EntityManager,
  services: Pick<Services, 'settings'>,
  ticketId: number,
  event: MessageEvent,
  now: number,
): Promise<MessageChange | null> {
  const { settings } = services;
  const rules = settings.get('messages.rules');
  const rule = rules.rules.find((r) => r.event === event && r.enabled);
  if (!rule) return null;
  const key = idempotencyKeyFor(ticketId, event, rule.template);
  // The ticket's customer, unless this message was queued once already (nothing to render:
  // the INSERT below would add nothing either). One read: it runs inside every status change.
  const c = await em
    .createQueryBuilder(Customer, 'c')
    .innerJoin(Ticket, 't', 't.customer_id = c.id')
    .where('t.id = :ticketId', { ticketId })
    .andWhere('NOT EXISTS (SELECT 1 FROM message m WHERE m.idempotency_key = :key)', { key })
    .getOne();
  if (!c || c.messageConsent !== 1 || c.unsubscribedAt !== null || c.erasedAt !== null) return null;
  const channel = channelFor(c, rule.channel);
  const to = channel ? recipientFor(c, channel) : null;
  if (!channel || !to) return null;
  const lang = (c.messageLanguage ?? rules.defaultLanguage) as MessageLanguage;
  const r = await renderMessage(em, settings, ticketId, rule.template, lang, channel);
  let due = event === 'after_pickup' ? now + rules.afterPickupHours * 3_600_000 : now;
  if (channel === 'sms')
    due = smsAllowedAt(due, shopTimeZone(settings), rules.quietFrom, rules.quietTo);
  const row = await sqlOf(em).get<{ id: number }>(
    `INSERT INTO message (ticket_id, customer_id, event, template, channel, language, recipient,
       subject, body, state, attempts, next_attempt_at, idempotency_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    ticketId,
    c.id,
    event,
    rule.template,
    channel,
    lang,
    to,
    r.subject,
    r.body,
    due,
    key,
    now,
    now,
  );
  return row ? { id: Number(row.id), ticketId, state: 'queued' } : null;
}

/** A ticket's status changed inside a call: queue what the rules say, announce it after commit. */
export async function enqueueForStatus(
  ctx: SignedInContext,
  ticketId: number,
  status: string,
): Promise<void> {
  const event = STATUS_EVENTS[status];
  if (!event) return;
  const added = await enqueueTicketEvent(ctx.em, ctx.services, ticketId, event, ctx.now);
  if (added) ctx.emit('message.changed', added);
}
