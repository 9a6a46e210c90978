/** Customer messages through the durable outbox (issue 16): the DTOs that cross the API.
 * The older hand-recorded log (`messages.compose/record/list`, contract-pickup.ts) stays as it is. */
import type { z } from 'zod';
import type * as m from './schemas/messages';

type M<I, O> = { input: I; output: O };

export type MessageChannel = (typeof m.MESSAGE_CHANNELS)[number];
export type MessageLanguage = (typeof m.MESSAGE_LANGUAGES)[number];
export type OutboxState = (typeof m.OUTBOX_STATES)[number];
export type MessageEvent = (typeof m.MESSAGE_EVENTS)[number];
export type OutboxTemplate = (typeof m.OUTBOX_TEMPLATES)[number];

/** Why a send failed: an i18n key (errors.channel.* / errors.messages.*) and its parameters. */
export interface MessageErrorDto {
  key: string;
  params: Record<string, string | number>;
}

/** One outbox row as the messages screen and a ticket's timeline show it. */
export interface OutboxRow {
  id: number;
  ticketId: number | null;
  ticketNumber: string | null;
  customerId: number;
  customerName: string;
  state: OutboxState;
  channel: MessageChannel;
  /** Masked (+86 138****5678, a***@example.com); the full address never crosses the API. */
  to: string;
  template: OutboxTemplate;
  language: MessageLanguage;
  subject: string | null;
  /** The rendered text, exactly as sent (manual: ready to copy). */
  text: string;
  attempts: number;
  /** When the worker tries next (queued rows); null otherwise. */
  nextAttemptAt: number | null;
  lastError: MessageErrorDto | null;
  provider: string | null;
  providerId: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface OutboxPage {
  rows: OutboxRow[];
  /** Pass as `after` for the next page; null on the last one. */
  next: { at: number; id: number } | null;
}

export interface SmsLength {
  /** gsm7 when every character is in the GSM 03.38 alphabet, else ucs2. */
  encoding: 'gsm7' | 'ucs2';
  /** Characters as the network counts them (GSM extension characters count twice). */
  length: number;
  /** 160/153 per part in GSM-7, 70/67 in UCS-2. */
  segments: number;
}

export interface MessagePreviewDto {
  subject: string | null;
  body: string;
  smsSegments: number;
  smsEncoding: 'gsm7' | 'ucs2';
  length: number;
}

export type MessageRulesDto = z.output<typeof m.messageRulesSchema>;
export type MessageTemplatesDto = z.output<typeof m.messageTemplatesSchema>;

export interface CustomerMessagingDto {
  customerId: number;
  consent: boolean;
  preference: MessageChannel | null;
  language: MessageLanguage;
  unsubscribedAt: number | null;
}

export interface MessagesApi {
  'outbox.list': M<z.input<typeof m.outboxListSchema>, OutboxPage>;
  /** A failed or uncertain message back to the queue now (a person decided; audited). */
  'outbox.retry': M<z.input<typeof m.outboxIdSchema>, OutboxRow>;
  /** A queued, failed or uncertain message is not sent (audited). */
  'outbox.cancel': M<z.input<typeof m.outboxCancelSchema>, OutboxRow>;
  /** Staff sent a manual (WeChat…) message themselves. */
  'outbox.confirmManual': M<z.input<typeof m.outboxIdSchema>, OutboxRow>;
  'messages.preview': M<z.input<typeof m.messagePreviewSchema>, MessagePreviewDto>;
  'messageRules.get': M<Record<string, never>, MessageRulesDto>;
  'messageRules.update': M<z.input<typeof m.messageRulesSchema>, MessageRulesDto>;
  'messageTemplates.get': M<Record<string, never>, MessageTemplatesDto>;
  'messageTemplates.update': M<z.input<typeof m.messageTemplatesSchema>, MessageTemplatesDto>;
  'customers.getMessaging': M<z.input<typeof m.customerIdSchema>, CustomerMessagingDto>;
  'customers.setMessaging': M<z.input<typeof m.customerSetMessagingSchema>, CustomerMessagingDto>;
}

export interface MessagesEvents {
  /** An outbox row was added or changed state (after commit): lists and timelines refresh. */
  'message.changed': { id: number; ticketId: number | null; state: OutboxState };
}

/** The daily report's messages section: what the outbox did on the day, per channel. */
export interface MessagesSection {
  byChannel: Array<{ channel: MessageChannel; sent: number; failed: number; uncertain: number }>;
  /** Still waiting at the end of the day (queued, including quiet hours and back-off). */
  queuedAtEnd: number;
}

/** Devices that became ready in a range, and how many of their customers heard within 15 min. */
export interface CustomersToldKpi {
  ready: number;
  toldWithin15: number;
  /** toldWithin15 / ready in percent (one decimal, like the other KPIs); null without ready devices. */
  share: number | null;
}
