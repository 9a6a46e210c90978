import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CountBy, DailyReport } from '../../../api/contract';
import { reportFontPath } from '../report-fonts';
import { REPORT_STRINGS, type ReportStrings } from '../report-strings';

let configured = false;
/** pdfmake may read only the font, and nothing from the network. */
function configure() {
  if (configured) return;
  const font = reportFontPath();
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p === font);
  // One CJK face for every style: a second 10 MB file for bold is not worth it; headings
  // stand out by size and colour instead.
  pdfmake.setFonts({ NotoSansSC: { normal: font, bold: font, italics: font, bolditalics: font } });
  configured = true;
}

const pad = (n: number) => String(n).padStart(2, '0');
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const TEAL = '#0b7285';
const h2 = (text: string): Content => ({ text, style: 'h2' });
const head = (cells: string[]): TableCell[] => cells.map((text) => ({ text, style: 'th' }));
const num = (n: number | null | undefined, digits = 0): TableCell => ({
  text: n === null || n === undefined ? '–' : n.toFixed(digits),
  alignment: 'right',
});

/** A table whose header repeats on every page and whose rows never split. */
function table(
  widths: Array<string | number>,
  header: string[],
  rows: TableCell[][],
  empty: string,
): Content {
  const body = rows.length
    ? rows
    : [
        [
          { text: empty, colSpan: header.length, color: '#868e96' },
          ...header.slice(1).map(() => ''),
        ],
      ];
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [head(header), ...body] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  };
}

function stats(pairs: Array<[string, string | number]>): Content {
  return {
    columns: pairs.map(([label, value]) => ({
      stack: [
        { text: label, color: '#495057', fontSize: 8 },
        { text: String(value), fontSize: 16, color: TEAL },
      ],
    })),
    margin: [0, 2, 0, 8],
  };
}

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
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    info: { title: `${s.title} ${r.date}`, producer: 'Service Centre Workstation' },
    defaultStyle: { font: 'NotoSansSC', fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 18, color: TEAL },
      h2: { fontSize: 12, color: TEAL, margin: [0, 8, 0, 3] },
      h3: { fontSize: 9, color: '#495057', margin: [0, 0, 0, 1] },
      th: { color: '#495057', fontSize: 8 },
    },
    header: (page) =>
      page > 1
        ? {
            text: `${r.shop.name} · ${s.title} ${r.date}`,
            fontSize: 8,
            color: '#868e96',
            margin: [36, 18, 36, 0],
          }
        : null,
    footer: (page, pages) => ({
      columns: [
        { text: `${s.generated} ${localTime(r.generatedAt)}`, color: '#868e96' },
        { text: s.page(page, pages), alignment: 'right', color: '#868e96' },
      ],
      fontSize: 8,
      margin: [36, 12, 36, 0],
    }),
    content,
  };
}

export async function dailyPdf(r: DailyReport, lang: 'en' | 'zh'): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(dailyPdfDefinition(r, lang)).getBuffer();
}
