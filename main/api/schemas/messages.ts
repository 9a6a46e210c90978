/** Customer messages through the outbox (issue 16): pure zod, the renderer checks with the same
 * rules before sending. */
import { z } from 'zod';
import { idSchema, keysetCursor, requiredText } from './common';

export const MESSAGE_CHANNELS = ['email', 'sms', 'manual'] as const;
export const MESSAGE_LANGUAGES = ['en', 'zh'] as const;
export const OUTBOX_STATES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'uncertain',
] as const;
/** What a rule reacts to: status changes, and the daily sweep for devices left too long. */
export const MESSAGE_EVENTS = [
  'approval_needed',
  'ready_for_pickup',
  'not_collected',
  'after_pickup',
] as const;
/** Templates are named like the events that use them by default; no marketing template exists. */
export const OUTBOX_TEMPLATES = MESSAGE_EVENTS;
/** A rule's channel: a fixed one, or the customer's preference (falling back to sms, then e-mail). */
export const RULE_CHANNELS = ['preferred', ...MESSAGE_CHANNELS] as const;
/** Variables a template may use; anything else in braces is refused when saving. */
export const TEMPLATE_VARIABLES = [
  'shop',
  'ticket',
  'device',
  'amountDue',
  'hours',
  'customer',
] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'errors.field.choice' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'errors.field.invalid' });

/** `outbox.list`: attention = queued, failed and uncertain (what staff act on). */
export const outboxListSchema = z
  .object({
    state: choice([...OUTBOX_STATES, 'attention'] as const).optional(),
    channel: choice(MESSAGE_CHANNELS).optional(),
    ticketId: idSchema.optional(),
    /** Pages by (created time, id), newest first. */
    after: keysetCursor,
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const outboxIdSchema = z.object({ id: idSchema }).strict();
export const outboxCancelSchema = z.object({ id: idSchema, reason: requiredText(300) }).strict();

export const messagePreviewSchema = z
  .object({
    ticketId: idSchema,
    template: choice(OUTBOX_TEMPLATES),
    language: choice(MESSAGE_LANGUAGES),
    channel: choice(MESSAGE_CHANNELS),
  })
  .strict();

export const messageRuleSchema = z
  .object({
    event: choice(MESSAGE_EVENTS),
    enabled: z.boolean(),
    template: choice(OUTBOX_TEMPLATES),
    channel: choice(RULE_CHANNELS),
  })
  .strict();

export const messageRulesSchema = z
  .object({
    /** One rule per event, each event at most once. */
    rules: z
      .array(messageRuleSchema)
      .max(MESSAGE_EVENTS.length)
      .refine((rs) => new Set(rs.map((r) => r.event)).size === rs.length, {
        error: 'errors.messages.duplicateRule',
      }),
    /** No SMS from `quietFrom` until `quietTo` (shop time zone); equal times = no quiet hours. */
    quietFrom: hhmm,
    quietTo: hhmm,
    /** `not_collected` fires once this many days after the device became ready. */
    notCollectedDays: z.number({ error: 'errors.field.invalid' }).int().min(1).max(365),
    /** The language for customers who have none recorded. */
    defaultLanguage: choice(MESSAGE_LANGUAGES),
    /** The rating request waits this long after pickup (then quiet hours still apply). */
    afterPickupHours: z.number({ error: 'errors.field.invalid' }).int().min(0).max(168),
    /** Opening hours as the customer reads them ({hours}), per language. */
    hours: z.object({ en: z.string().trim().max(200), zh: z.string().trim().max(200) }).strict(),
  })
  .strict();

const templateText = (max: number) => z.string().max(max, { error: 'errors.field.tooLong' });
/** Braces must name a known variable, so a typo is caught when saving, not by a customer. */
const withKnownVariables = (s: string) =>
  [...s.matchAll(/\{(\w*)\}/g)].every((m) =>
    (TEMPLATE_VARIABLES as readonly string[]).includes(m[1]),
  );

export const templateLanguageSchema = z
  .object({
    subject: templateText(200).refine(withKnownVariables, {
      error: 'errors.messages.unknownVariable',
    }),
    body: templateText(2000)
      .refine((s) => s.trim().length > 0, { error: 'errors.field.required' })
      .refine(withKnownVariables, { error: 'errors.messages.unknownVariable' }),
  })
  .strict();

export const messageTemplateSchema = z
  .object({ en: templateLanguageSchema, zh: templateLanguageSchema })
  .strict();

export const messageTemplatesSchema = z
  .object({
    approval_needed: messageTemplateSchema,
    ready_for_pickup: messageTemplateSchema,
    not_collected: messageTemplateSchema,
    after_pickup: messageTemplateSchema,
  })
  .strict();

/** Consent and preference as captured at intake (all optional there) or on the record. */
export const messagingFieldsSchema = z
  .object({
    consent: z.boolean({ error: 'errors.field.invalid' }),
    /** null = whatever each rule says. */
    preference: choice(MESSAGE_CHANNELS).nullable(),
    language: choice(MESSAGE_LANGUAGES),
  })
  .strict();

export const customerSetMessagingSchema = z
  .object({
    customerId: idSchema,
    consent: z.boolean({ error: 'errors.field.invalid' }),
    preference: choice(MESSAGE_CHANNELS).nullable(),
    language: choice(MESSAGE_LANGUAGES).optional(),
    /** true records the unsubscribe (nothing more is sent); false lifts it. */
    unsubscribed: z.boolean({ error: 'errors.field.invalid' }),
  })
  .strict();

export const customerIdSchema = z.object({ customerId: idSchema }).strict();
