import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CountBy, DailyReport } from '../../../api/contract';
import { moneySections } from './daily-pdf-money';
import { messagesPdfSection } from '../../messages/message-report-pdf';
import { a4Document, h2, localTime, num, renderPdf, stats, table } from '../pdf-kit';
import { REPORT_STRINGS, type ReportStrings } from '../report-strings';

function byDeviceType(r: DailyReport, s: ReportStrings): TableCell[][] {
  const t = r.tickets;
  const keys = [
    ...new Set(
      [...t.receivedByDeviceType, ...t.completedByDeviceType, ...t.collectedByDeviceType].map(
        (c) => c.key,
      ),
    ),
  ];
  const of = (list: CountBy[], k: string) => list.find((c) => c.key === k)?.count ?? 0;
  return keys.map((k) => [
    s.deviceTypes[k] ?? k,
    num(of(t.receivedByDeviceType, k)),
    num(of(t.completedByDeviceType, k)),
    num(of(t.collectedByDeviceType, k)),
  ]);
}

export function dailyPdfDefinition(r: DailyReport, lang: 'en' | 'zh'): TDocumentDefinitions {
  const s = REPORT_STRINGS[lang];
  const t = r.tickets;
  const d = r.deadlines;
  const q = r.quality;
  const content: Content[] = [
    { text: r.shop.name, style: 'h1' },
    {
      text: [r.shop.address, r.shop.phone].filter(Boolean).join('  ·  '),
      color: '#495057',
      margin: [0, 0, 0, 2],
    },
    { text: `${s.title}  ${r.date}`, fontSize: 13, margin: [0, 0, 0, 6] },

    h2(s.tickets),
    stats([
      [s.received, t.received],
      [s.completed, t.completed],
      [s.collected, t.collected],
      [s.repeats, t.repeats],
    ]),
    {
      columns: [
        {
          width: '40%',
          stack: [
            { text: s.byCategory, style: 'h3' },
            table(
              ['*', 50],
              [s.categoryCol, s.received],
              t.receivedByCategory.map((c) => [s.category[c.key] ?? c.key, num(c.count)]),
              s.none,
            ),
          ],
        },
        {
          width: '60%',
          stack: [
            { text: s.byDeviceType, style: 'h3' },
            table(
              ['*', 50, 50, 50],
              [s.deviceType, s.received, s.completed, s.collected],
              byDeviceType(r, s),
              s.none,
            ),
          ],
        },
      ],
      columnGap: 16,
    },

    h2(s.deadlines),
    {
      text: `${s.asOf} ${localTime(d.asOf)}  ·  ${s.overdue}: ${d.overdue}  ·  ${s.nearDue}: ${d.nearDue}`,
      margin: [0, 0, 0, 2],
    },
    table(
      [60, 70, '*', '*', 60, 72],
      [s.ticket, s.status, s.device, s.customer, s.assignee, s.due],
      d.rows.map((row) => [
        { text: row.number, color: row.overdue ? '#c92a2a' : '#e67700' },
        s.statuses[row.status] ?? row.status,
        row.deviceLabel,
        row.customerName,
        row.assignee ?? '–',
        localTime(row.dueAt),
      ]),
      s.none,
    ),

    ...moneySections(r, s, lang),
    ...messagesPdfSection(r, lang),

    h2(s.quality),
    stats([
      [s.checks, q.count],
      [s.average, q.average === null ? '–' : q.average.toFixed(1)],
      [s.excellent, q.excellent],
      [s.fails, q.fails],
    ]),
    ...(q.failed.length
      ? [
          table(
            [60, 40, 80, '*'],
            [s.ticket, s.score, s.inspector, s.feedback],
            q.failed.map((f) => [f.number, num(f.total), f.inspector, f.feedback ?? '']),
            s.none,
          ),
        ]
      : []),

    h2(s.technicians),
    table(
      ['*', 60, 70, 60, 70],
      [s.technician, s.completed, s.hours, s.checks, s.qcAverage],
      r.technicians.map((x) => [
        x.name,
        num(x.completed),
        num(x.minutes / 60, 1),
        num(x.qcCount),
        num(x.qcAverage, 1),
      ]),
      s.none,
    ),

    ...(r.pending.length
      ? [
          h2(s.pending),
          { ul: r.pending.map((p) => s.pendingSection[p] ?? p), color: '#495057' } as Content,
        ]
      : []),
  ];
  return a4Document({
    title: `${s.title} ${r.date}`,
    runningHead: `${r.shop.name} · ${s.title} ${r.date}`,
    generated: `${s.generated} ${localTime(r.generatedAt)}`,
    page: s.page,
    content,
  });
}

export async function dailyPdf(r: DailyReport, lang: 'en' | 'zh'): Promise<Buffer> {
  return renderPdf(dailyPdfDefinition(r, lang));
}
