import type { Content } from 'pdfmake/interfaces';
import type { DayCloseDto } from '../../../api/contract';
import { a4Document, h2, localTime, renderPdf, stats, table } from '../pdf-kit';
import { REPORT_STRINGS } from '../report-strings';
import { PAYMENT_METHOD_LABELS } from '../../../api/labels';
import { formatCents as money } from '../../../api/schemas/money';

const right = (cents: number) => ({ text: money(cents), alignment: 'right' as const });

/** The Z report: one day's till, what was counted and who closed it. */
export async function zReportPdf(
  v: DayCloseDto,
  shop: { name: string; address: string; phone: string },
  lang: 'en' | 'zh',
  generatedAt: number,
): Promise<Buffer> {
  const s = REPORT_STRINGS[lang];
  const z = s.zReport;
  const methods = PAYMENT_METHOD_LABELS[lang];
  const c = v.closed;
  const content: Content[] = [
    { text: shop.name, style: 'h1' },
    { text: [shop.address, shop.phone].filter(Boolean).join('  ·  '), color: '#495057' },
    { text: `${z.title}  ${v.date}`, fontSize: 13, margin: [0, 4, 0, 6] },
    h2(z.cash),
    stats([
      [z.cashIn, money(v.cash.inCents)],
      [z.change, money(v.cash.changeCents)],
      [z.refunds, money(v.cash.refundsCents)],
      [z.expected, money(c?.expectedCents ?? v.cash.expectedCents)],
    ]),
    h2(z.close),
    c
      ? stats([
          [z.counted, money(c.countedCents)],
          [z.variance, money(c.varianceCents)],
          [z.closedBy, c.closedBy],
          [z.closedAt, localTime(c.closedAt)],
        ])
      : { text: z.open, color: '#c92a2a', margin: [0, 0, 0, 8] },
    ...(c?.reason ? [{ text: `${z.reason}: ${c.reason}`, margin: [0, 0, 0, 8] } as Content] : []),
    h2(z.byMethod),
    table(
      ['*', 70, 70, 70, 50],
      [z.method, z.in, z.out, z.net, z.payments],
      v.takings.map((t) => [
        methods[t.method as keyof typeof methods] ?? t.method,
        right(t.inCents),
        right(t.outCents),
        right(t.netCents),
        { text: String(t.payments), alignment: 'right' },
      ]),
      s.none,
    ),
  ];
  return renderPdf(
    a4Document({
      title: `${z.title} ${v.date}`,
      runningHead: `${shop.name} · ${z.title} ${v.date}`,
      generated: `${s.generated} ${localTime(generatedAt)}`,
      page: s.page,
      content,
    }),
  );
}
