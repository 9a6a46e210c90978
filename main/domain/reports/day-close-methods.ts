import { defineMethod } from '../../api/method';
import { dayCloseGetSchema, dayClosePdfSchema, dayCloseSchema } from '../../api/schemas/day-close';
import { shopTimeZone } from '../calendar/shop-calendar';
import { closeDay, dayCloseView } from './day-close/day-close';
import { renderPdfJob } from './pdf/pdf-thread';

/** Day close (Z report): the manager counts the till and closes the day; payments lock. */
export const dayCloseMethods = [
  defineMethod('dayClose.get', {
    input: dayCloseGetSchema,
    access: 'day.close',
    write: false,
    async handler({ date }, { em, now, services }) {
      return dayCloseView(em, date, now, shopTimeZone(services.settings));
    },
  }),

  defineMethod('dayClose.close', {
    input: dayCloseSchema,
    access: 'day.close',
    write: true,
    async handler(input, ctx) {
      const { view, varianceCents } = await closeDay(
        ctx.em,
        input,
        ctx.session.staffId,
        ctx.now,
        shopTimeZone(ctx.services.settings),
      );
      ctx.audit.entity = 'day_close';
      ctx.audit.entityId = input.date;
      ctx.audit.details = {
        expectedCents: view.cash.expectedCents,
        countedCents: input.countedCents,
        varianceCents,
        reason: input.reason ?? null,
      };
      return view;
    },
  }),

  defineMethod('dayClose.pdf', {
    input: dayClosePdfSchema,
    access: 'day.close',
    write: false,
    long: true,
    async handler({ date, lang }, ctx) {
      const { now, services } = ctx;
      const { settings } = services;
      const language = lang ?? settings.get('print.language');
      const shop = {
        name: settings.get('shop.name'),
        address: settings.get('shop.address'),
        phone: settings.get('shop.phone'),
      };
      const view = await ctx.slice((em) => dayCloseView(em, date, now, shopTimeZone(settings)));
      const pdf = await renderPdfJob({ kind: 'z', view, shop, lang: language, generatedAt: now });
      return { fileName: `z-report-${date}-${language}.pdf`, base64: pdf.toString('base64') };
    },
  }),
];
