import type { EntityManager } from 'typeorm';
import type {
  CustomerMessagingDto,
  MessageChannel,
  MessageLanguage,
  OutboxRow,
  OutboxState,
  OutboxTemplate,
} from '../../api/contract-messages';
import { ApiError } from '../../api/errors';
import { defineMethod, type SignedInContext } from '../../api/method';
import { empty } from '../../api/schemas/misc';
import * as s from '../../api/schemas/messages';
import { Customer } from '../../db/entities';
import { keysetPage } from '../../db/keyset';
import { sqlOf } from '../../db/sql';
import { maskRecipient } from './mask';
import { previewOf, renderMessage } from './render';

interface Row {
  id: number;
  ticket_id: number | null;
  ticket_number: string | null;
  customer_id: number;
  customer_name: string;
  state: string;
  channel: string;
  recipient: string;
  template: string;
  language: string;
  subject: string | null;
  body: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error_key: string | null;
  last_error_params: string | null;
  provider: string | null;
  provider_id: string | null;
  created_at: number;
  sent_at: number | null;
}

const SELECT = `SELECT m.id, m.ticket_id, t.number AS ticket_number, m.customer_id, c.name AS customer_name,
    m.state, m.channel, m.recipient, m.template, m.language, m.subject, m.body, m.attempts,
    m.next_attempt_at, m.last_error_key, m.last_error_params, m.provider, m.provider_id,
    m.created_at, m.sent_at
  FROM message m JOIN customer c ON c.id = m.customer_id LEFT JOIN ticket t ON t.id = m.ticket_id`;

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toDto(r: Row): OutboxRow {
  return {
    id: Number(r.id),
    ticketId: num(r.ticket_id),
    ticketNumber: r.ticket_number,
    customerId: Number(r.customer_id),
    customerName: r.customer_name,
    state: r.state as OutboxState,
    channel: r.channel as MessageChannel,
    to: maskRecipient(r.recipient),
    template: r.template as OutboxTemplate,
    language: r.language as MessageLanguage,
    subject: r.subject,
    text: r.body,
    attempts: r.attempts,
    nextAttemptAt: num(r.next_attempt_at),
    lastError: r.last_error_key
      ? { key: r.last_error_key, params: JSON.parse(r.last_error_params ?? '{}') }
      : null,
    provider: r.provider,
    providerId: r.provider_id,
    createdAt: Number(r.created_at),
    sentAt: num(r.sent_at),
  };
}

async function loadRow(em: EntityManager, id: number): Promise<OutboxRow> {
  const r = await sqlOf(em).get<Row>(`${SELECT} WHERE m.id = ?`, id);
  if (!r)
    throw new ApiError('NOT_FOUND', 'Message was not found.', { key: 'errors.messages.notFound' });
  return toDto(r);
}

/**
 * A state change a person makes, only from the states it is allowed from (a conditional
 * UPDATE, so a worker that claimed the row meanwhile wins and the person is told).
 */
async function change(
  ctx: SignedInContext,
  id: number,
  from: readonly OutboxState[],
  set: string,
  params: unknown[],
  refusal: string,
): Promise<OutboxRow> {
  const before = await loadRow(ctx.em, id);
  const res = await sqlOf(ctx.em).run(
    `UPDATE message SET ${set}, updated_at = ? WHERE id = ? AND state IN (${from.map(() => '?').join(',')})`,
    ...params,
    ctx.now,
    id,
    ...from,
  );
  if (res.changes !== 1) {
    throw new ApiError('CONFLICT', 'This message cannot be changed in its state.', {
      key: refusal,
      params: { state: before.state },
    });
  }
  const after = await loadRow(ctx.em, id);
  ctx.audit.entity = 'message';
  ctx.audit.entityId = id;
  ctx.emit('message.changed', { id, ticketId: after.ticketId, state: after.state });
  return after;
}

function messagingDto(c: Customer): CustomerMessagingDto {
  return {
    customerId: c.id,
    consent: c.messageConsent === 1,
    preference: (c.messageChannel as MessageChannel | null) ?? null,
    language: (c.messageLanguage as MessageLanguage | null) ?? 'en',
    unsubscribedAt: c.unsubscribedAt === null ? null : Number(c.unsubscribedAt),
  };
}

async function loadCustomer(em: EntityManager, id: number): Promise<Customer> {
  const c = await em.findOne(Customer, { where: { id } });
  if (!c || c.erasedAt !== null)
    throw new ApiError('NOT_FOUND', 'Customer was not found.', { key: 'errors.customerNotFound' });
  return c;
}

/** Issue 16: the outbox as staff see and steer it, the rules and templates, consent. */
export const outboxMethods = [
  defineMethod('outbox.list', {
    input: s.outboxListSchema,
    access: 'message.read',
    write: false,
    async handler({ state, channel, ticketId, after, limit }, ctx) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (state === 'attention') where.push(`m.state IN ('queued', 'failed', 'uncertain')`);
      else if (state) {
        where.push('m.state = ?');
        params.push(state);
      }
      if (channel) {
        where.push('m.channel = ?');
        params.push(channel);
      }
      if (ticketId) {
        where.push('m.ticket_id = ?');
        params.push(ticketId);
      }
      const page = keysetPage(after);
      const rows = await sqlOf(ctx.em).all<Row>(
        `${SELECT} WHERE 1 = 1 ${where.map((w) => `AND ${w}`).join(' ')} ${page.and('m.created_at', 'm.id')}
          ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
        ...params,
        ...page.params,
        limit + 1,
      );
      const shown = rows.slice(0, limit).map(toDto);
      const last = shown[shown.length - 1];
      return {
        rows: shown,
        next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null,
      };
    },
  }),

  defineMethod('outbox.retry', {
    input: s.outboxIdSchema,
    access: 'message.manage',
    write: true,
    async handler({ id }, ctx) {
      return change(
        ctx,
        id,
        ['failed', 'uncertain', 'queued'],
        `state = 'queued', next_attempt_at = ?, claimed_at = NULL, claimed_by = NULL`,
        [ctx.now],
        'errors.messages.notRetryable',
      );
    },
  }),

  defineMethod('outbox.cancel', {
    input: s.outboxCancelSchema,
    access: 'message.manage',
    write: true,
    async handler({ id, reason }, ctx) {
      const row = await change(
        ctx,
        id,
        ['queued', 'failed', 'uncertain'],
        `state = 'cancelled', cancel_reason = ?, next_attempt_at = NULL`,
        [reason],
        'errors.messages.notCancellable',
      );
      ctx.audit.details = { reason };
      return row;
    },
  }),

  defineMethod('outbox.confirmManual', {
    input: s.outboxIdSchema,
    access: 'message.confirm',
    write: true,
    async handler({ id }, ctx) {
      const before = await loadRow(ctx.em, id);
      if (before.channel !== 'manual') {
        throw new ApiError('CONFLICT', 'Only a manual message is confirmed by hand.', {
          key: 'errors.messages.notManual',
        });
      }
      return change(
        ctx,
        id,
        ['queued'],
        `state = 'sent', sent_at = ?, provider = 'manual', provider_id = ?, next_attempt_at = NULL`,
        [ctx.now, `staff:${ctx.session.staffId}`],
        'errors.messages.notConfirmable',
      );
    },
  }),

  defineMethod('messages.preview', {
    input: s.messagePreviewSchema,
    access: 'message.confirm',
    write: false,
    async handler({ ticketId, template, language, channel }, ctx) {
      const r = await renderMessage(
        ctx.em,
        ctx.services.settings,
        ticketId,
        template,
        language,
        channel,
      );
      return previewOf(r);
    },
  }),

  defineMethod('messageRules.get', {
    input: empty,
    access: 'message.read',
    write: false,
    async handler(_input, ctx) {
      return ctx.services.settings.get('messages.rules');
    },
  }),

  defineMethod('messageRules.update', {
    input: s.messageRulesSchema,
    access: 'settings.write',
    write: true,
    async handler(input, ctx) {
      const { settings } = ctx.services;
      const before = settings.get('messages.rules');
      ctx.afterCommit(
        await settings.write(ctx.em, 'messages.rules', input, ctx.session.staffId, ctx.now),
      );
      ctx.audit.entity = 'setting';
      ctx.audit.entityId = 'messages.rules';
      ctx.audit.details = { before, after: input };
      return input;
    },
  }),

  defineMethod('messageTemplates.get', {
    input: empty,
    access: 'message.read',
    write: false,
    async handler(_input, ctx) {
      return ctx.services.settings.get('messages.outboxTemplates');
    },
  }),

  defineMethod('messageTemplates.update', {
    input: s.messageTemplatesSchema,
    access: 'settings.write',
    write: true,
    async handler(input, ctx) {
      const { settings } = ctx.services;
      ctx.afterCommit(
        await settings.write(
          ctx.em,
          'messages.outboxTemplates',
          input,
          ctx.session.staffId,
          ctx.now,
        ),
      );
      ctx.audit.entity = 'setting';
      ctx.audit.entityId = 'messages.outboxTemplates';
      return input;
    },
  }),

  defineMethod('customers.getMessaging', {
    input: s.customerIdSchema,
    access: 'customer.read',
    write: false,
    async handler({ customerId }, ctx) {
      const c = await loadCustomer(ctx.em, customerId);
      const dto = messagingDto(c);
      if (c.messageLanguage === null)
        dto.language = ctx.services.settings.get('messages.rules').defaultLanguage;
      return dto;
    },
  }),

  defineMethod('customers.setMessaging', {
    input: s.customerSetMessagingSchema,
    access: 'intake.create',
    write: true,
    async handler(input, ctx) {
      const c = await loadCustomer(ctx.em, input.customerId);
      const cancelled = await applyMessaging(ctx.em, c, input, ctx.now);
      for (const m of cancelled) ctx.emit('message.changed', m);
      ctx.audit.entity = 'customer';
      ctx.audit.entityId = c.id;
      ctx.audit.details = {
        consent: input.consent,
        preference: input.preference,
        unsubscribed: input.unsubscribed,
      };
      const saved = await loadCustomer(ctx.em, c.id);
      const dto = messagingDto(saved);
      if (saved.messageLanguage === null)
        dto.language = ctx.services.settings.get('messages.rules').defaultLanguage;
      return dto;
    },
  }),
];

/**
 * Records consent, preference, language and unsubscribe on a customer (the record's screen and
 * intake). Unsubscribing keeps the first time it happened; queued messages to the customer are
 * cancelled with it, so nothing already waiting slips out.
 */
export async function applyMessaging(
  em: EntityManager,
  c: Customer,
  input: {
    consent?: boolean;
    preference?: MessageChannel | null;
    language?: MessageLanguage;
    unsubscribed?: boolean;
  },
  now: number,
): Promise<MessageChangeRow[]> {
  const set: Partial<Customer> = { updatedAt: now };
  if (input.consent !== undefined) set.messageConsent = input.consent ? 1 : 0;
  if (input.preference !== undefined) set.messageChannel = input.preference;
  if (input.language !== undefined) set.messageLanguage = input.language;
  if (input.unsubscribed !== undefined)
    set.unsubscribedAt = input.unsubscribed ? (c.unsubscribedAt ?? now) : null;
  await em.update(Customer, { id: c.id }, set);
  const stop = input.unsubscribed === true || input.consent === false;
  if (!stop) return [];
  const sql = sqlOf(em);
  const waiting = await sql.all<{ id: number; ticket_id: number | null }>(
    `SELECT id, ticket_id FROM message WHERE customer_id = ? AND state = 'queued'`,
    c.id,
  );
  await sql.run(
    `UPDATE message SET state = 'cancelled', cancel_reason = 'unsubscribed', next_attempt_at = NULL,
       updated_at = ? WHERE customer_id = ? AND state = 'queued'`,
    now,
    c.id,
  );
  return waiting.map((w) => ({ id: Number(w.id), ticketId: num(w.ticket_id), state: 'cancelled' }));
}

type MessageChangeRow = { id: number; ticketId: number | null; state: OutboxState };
