import dayjs from 'dayjs';
import { defineMethod } from '../../api/method';
import * as s from '../../api/schemas/pickup';
import { CustomerMessage } from '../../db/entities';
import { loadForChange, timeline } from '../bench/move-ticket';
import { SETTINGS } from '../settings/definitions';
import { deviceLabel } from '../tickets/ticket-queries';
import type { SettingsService } from '../settings/settings-service';
import { chargeAmounts } from './charges';
import { loadPickupContext, quote, type PickupContext } from './pickup-context';
import { formatCents as money } from '../../api/schemas/money';

const TAX_NOTE = { en: 'incl. tax', zh: '含税' } as const;

/** The estimate as the customer will pay it (cover and tax as at pickup), tax named when there is any. */
function estimateText(c: PickupContext, settings: SettingsService, lang: 'en' | 'zh'): string {
  const lines =
    c.mode !== 'unrepaired' && c.lines.length > 0
      ? c.lines
      : [{ kind: 'other', totalCents: Math.max(0, c.ticket.estimateCents) }];
  const a = chargeAmounts(lines, c.ticket, settings);
  const total = money(Math.max(0, a.totalCents));
  if (a.taxCents <= 0) return total;
  return lang === 'zh' ? `${total}（${TAX_NOTE.zh}）` : `${total} (${TAX_NOTE.en})`;
}

/** Fills `{name}`-style placeholders; unknown ones stay visible so a typo in a template shows. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** Issue 6 §7: messages are composed from templates and copied into whatever the shop uses
 * (no gateway is called); what was told, how and when is recorded. */
export const messageMethods = [
  defineMethod('messages.compose', {
    input: s.messageComposeSchema,
    access: 'followup.work',
    write: false,
    async handler({ ticketId, template, lang }, ctx) {
      const { settings } = ctx.services;
      const c = await loadPickupContext(ctx.em, settings, ticketId);
      const due =
        c.mode === 'repair' || c.mode === 'unrepaired' ? quote(c, settings, 0).dueCents : 0;
      // A set saved before a template existed has no text for it: use the default one.
      const texts =
        settings.get('messages.templates')[template] ??
        SETTINGS['messages.templates'].default[template];
      const text = fillTemplate(texts[lang], {
        name: c.customer.name,
        device: deviceLabel(c.device.brand, c.device.model),
        number: c.ticket.number,
        shop: settings.get('shop.name'),
        due: money(Math.max(0, due)),
        estimate: estimateText(c, settings, lang),
        promised: dayjs(c.ticket.promisedAt).format('YYYY-MM-DD HH:mm'),
      });
      return { text };
    },
  }),

  defineMethod('messages.record', {
    input: s.messageRecordSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      const t = await loadForChange(ctx.em, input.ticketId);
      const m = await ctx.em.save(CustomerMessage, {
        ticketId: t.id,
        customerId: t.customerId,
        template: input.template,
        lang: input.lang,
        text: input.text,
        channel: input.channel,
        staffId: ctx.session.staffId,
        at: ctx.now,
      });
      await timeline(ctx, t.id, 'customer_told', `${input.template} · ${input.channel}`);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = t.id;
      ctx.audit.details = { template: input.template, channel: input.channel };
      ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
      return {
        id: m.id,
        template: m.template,
        lang: m.lang,
        text: m.text,
        channel: m.channel,
        staffName: ctx.session.name,
        at: m.at,
      };
    },
  }),

  defineMethod('messages.list', {
    input: s.ticketIdSchema,
    access: 'followup.work',
    write: false,
    async handler({ ticketId }, ctx) {
      const rows: Array<{
        id: number;
        template: string;
        lang: string;
        text: string;
        channel: string;
        staff_name: string;
        at: number;
      }> = await ctx.em.query(
        `SELECT m.id, m.template, m.lang, m.text, m.channel, s.name AS staff_name, m.at
           FROM customer_message m JOIN staff s ON s.id = m.staff_id WHERE m.ticket_id = ? ORDER BY m.id DESC`,
        [ticketId],
      );
      return rows.map((r) => ({
        id: r.id,
        template: r.template,
        lang: r.lang,
        text: r.text,
        channel: r.channel,
        staffName: r.staff_name,
        at: r.at,
      }));
    },
  }),
];
