import type { EntityManager } from 'typeorm';
import type {
  MessageChannel,
  MessageLanguage,
  MessagePreviewDto,
  OutboxTemplate,
} from '../../api/contract-messages';
import { formatCents } from '../../api/schemas/money';
import { loadPickupContext, quote, type PickupContext } from '../pickup/pickup-context';
import { fillTemplate } from '../pickup/message-methods';
import type { SettingsService } from '../settings/settings-service';
import { deviceLabel } from '../tickets/ticket-queries';
import { smsLength } from './sms-length';

export interface Rendered {
  subject: string | null;
  body: string;
  context: PickupContext;
}

/** The variables a template may use, for one ticket in one language. */
export function templateValues(
  c: PickupContext,
  settings: SettingsService,
  language: MessageLanguage,
): Record<string, string> {
  const due = quote(c, settings, 0).dueCents;
  return {
    shop: settings.get('shop.name'),
    ticket: c.ticket.number,
    device: deviceLabel(c.device.brand, c.device.model),
    amountDue: formatCents(Math.max(0, due)),
    hours: settings.get('messages.rules').hours[language],
    customer: c.customer.name,
  };
}

/** A template filled for a real ticket; only e-mail has a subject. */
export async function renderMessage(
  em: EntityManager,
  settings: SettingsService,
  ticketId: number,
  template: OutboxTemplate,
  language: MessageLanguage,
  channel: MessageChannel,
): Promise<Rendered> {
  const c = await loadPickupContext(em, settings, ticketId);
  const text = settings.get('messages.outboxTemplates')[template][language];
  const values = templateValues(c, settings, language);
  return {
    subject: channel === 'email' ? fillTemplate(text.subject, values).trim() || null : null,
    body: fillTemplate(text.body, values),
    context: c,
  };
}

export function previewOf(r: Pick<Rendered, 'subject' | 'body'>): MessagePreviewDto {
  const sms = smsLength(r.body);
  return {
    subject: r.subject,
    body: r.body,
    smsSegments: sms.segments,
    smsEncoding: sms.encoding,
    length: sms.length,
  };
}
