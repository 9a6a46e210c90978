import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { reportFontPath } from './report-fonts';

/** What every printed report shares: the one font, A4 tables whose header repeats, stats. */
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

export const TEAL = '#0b7285';
export const h2 = (text: string): Content => ({ text, style: 'h2' });
/** A heading and what follows it on the same page: no heading left alone at a page's foot. */
export const keep = (...parts: Content[]): Content => ({ stack: parts, unbreakable: true });
const head = (cells: string[]): TableCell[] => cells.map((text) => ({ text, style: 'th' }));
export const num = (n: number | null | undefined, digits = 0): TableCell => ({
  text: n === null || n === undefined ? '–' : n.toFixed(digits),
  alignment: 'right',
});

/** A table whose header repeats on every page and whose rows never split. */
export function table(
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

export function stats(pairs: Array<[string, string | number]>): Content {
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

/** A4 with the shop's running head from page 2, the generation time and page numbers. */
export function a4Document(d: {
  title: string;
  runningHead: string;
  generated: string;
  page: (page: number, pages: number) => string;
  content: Content[];
}): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    info: { title: d.title, producer: 'Service Centre Workstation' },
    defaultStyle: { font: 'NotoSansSC', fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 18, color: TEAL },
      h2: { fontSize: 12, color: TEAL, margin: [0, 8, 0, 3] },
      h3: { fontSize: 9, color: '#495057', margin: [0, 0, 0, 1] },
      th: { color: '#495057', fontSize: 8 },
    },
    header: (page) =>
      page > 1
        ? { text: d.runningHead, fontSize: 8, color: '#868e96', margin: [36, 18, 36, 0] }
        : null,
    footer: (page, pages) => ({
      columns: [
        { text: d.generated, color: '#868e96' },
        { text: d.page(page, pages), alignment: 'right', color: '#868e96' },
      ],
      fontSize: 8,
      margin: [36, 12, 36, 0],
    }),
    content: d.content,
  };
}

export async function renderPdf(def: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(def).getBuffer();
}
