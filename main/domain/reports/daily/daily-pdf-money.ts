import type { Content, TableCell } from 'pdfmake/interfaces';
import type { DailyReport } from '../../../api/contract';
import { PAYMENT_METHOD_LABELS, labelOf } from '../../../api/labels';
import { h2, keep, localTime, num, stats, table } from '../pdf-kit';
import type { ReportStrings } from '../report-strings';
import { formatCents as money } from '../../../api/schemas/money';

const cash = (cents: number): TableCell => ({ text: money(cents), alignment: 'right' });

/** The sections that came with pickup, inventory and follow-up: money, parts, callbacks. */
export function moneySections(r: DailyReport, s: ReportStrings, lang: 'en' | 'zh'): Content[] {
  const p = r.payments;
  const x = r.parts;
  const f = r.followup;
  const methods = PAYMENT_METHOD_LABELS[lang];
  return [
    keep(
      h2(s.money),
      stats([
        [s.takenIn, money(p.inCents)],
        [s.paidOut, money(p.outCents)],
        [s.net, money(p.netCents)],
        [s.deposits, `${money(p.deposits.cents)} (${p.deposits.count})`],
      ]),
    ),
    {
      text: p.closed
        ? s.dayClosed(
            p.closed.closedBy,
            money(p.closed.countedCents),
            money(p.closed.varianceCents),
          )
        : s.dayOpen,
      color: '#495057',
      margin: [0, 0, 0, 2],
    },
    table(
      ['*', 70, 70, 70, 50],
      [s.method, s.takenIn, s.paidOut, s.net, s.payments],
      p.takings.map((t) => [
        labelOf(methods, t.method),
        cash(t.inCents),
        cash(t.outCents),
        cash(t.netCents),
        num(t.payments),
      ]),
      s.none,
    ),
    { text: `${s.refunds}: ${money(p.refundsCents)}`, style: 'h3' },
    table(
      [60, 60, 60, 50, '*', 70],
      [s.invoice, s.corrects, s.ticket, s.amount, s.reason, s.approvedBy],
      p.refunds.map((x) => [
        x.invoice,
        x.corrects ?? '–',
        x.ticket,
        cash(x.cents),
        x.reason ?? '',
        x.approvedBy ?? '–',
      ]),
      s.none,
    ),
    { text: `${s.discounts}: ${money(p.discountsCents)}`, style: 'h3' },
    table(
      [60, 60, 50, '*', 70, 70],
      [s.invoice, s.ticket, s.amount, s.reason, s.givenBy, s.approvedBy],
      p.discounts.map((d) => [
        d.invoice,
        d.ticket,
        cash(d.cents),
        d.reason ?? '',
        d.givenBy,
        d.approvedBy ?? '–',
      ]),
      s.none,
    ),

    keep(
      h2(s.parts),
      stats([
        [s.qty, x.qty],
        [s.cost, money(x.costCents)],
        [s.price, money(x.priceCents)],
        [
          s.margin,
          `${money(x.marginCents)}${x.marginPct === null ? '' : ` (${x.marginPct.toFixed(1)} %)`}`,
        ],
      ]),
    ),
    table(
      [70, '*', 40, 60, 60, 60],
      [s.sku, s.part, s.qty, s.cost, s.price, s.margin],
      x.rows.map((row) => [
        row.sku,
        row.name,
        num(row.qty),
        cash(row.costCents),
        cash(row.priceCents),
        cash(row.marginCents),
      ]),
      s.none,
    ),

    keep(
      h2(s.followup),
      stats([
        [s.callbacksDue, f.callbacksDue],
        [s.callbacksDone, f.callbacksDone],
        [s.unhappy, f.unhappy.length],
        [s.openTasks, f.openTasks.length],
      ]),
    ),
    ...(f.callbacksOpen.length
      ? [
          { text: s.callbacksOpen, style: 'h3' } as Content,
          table(
            [60, '*', 90, 50],
            [s.ticket, s.customer, s.due, s.attempts],
            f.callbacksOpen.map((c) => [c.ticket, c.customer, localTime(c.dueAt), num(c.attempts)]),
            s.none,
          ),
        ]
      : []),
    { text: s.unhappy, style: 'h3' },
    table(
      [60, 80, 70, 30, '*'],
      [s.ticket, s.customer, s.satisfaction, 'NPS', s.comments],
      f.unhappy.map((u) => [
        u.ticket,
        u.customer,
        labelOf(s.satisfactionLevels, u.satisfaction),
        num(u.nps),
        u.comments ?? '',
      ]),
      s.none,
    ),
    { text: s.openTasks, style: 'h3' },
    table(
      [60, 80, '*', 80],
      [s.ticket, s.customer, s.task, s.due],
      f.openTasks.map((m) => [
        m.ticket ?? '–',
        m.customer,
        m.summary,
        { text: localTime(m.dueAt), color: m.overdue ? '#c92a2a' : undefined },
      ]),
      s.none,
    ),
  ];
}
