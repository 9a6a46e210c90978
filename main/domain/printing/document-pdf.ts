import bwipjs from 'bwip-js/node';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PrintDocument, PrintLine } from '../../api/contract';
import { renderPdf } from '../reports/pdf-kit';

/** Points per printed millimetre. */
const PT = 72 / 25.4;

async function barcode(line: Extract<PrintLine, { type: 'barcode' }>, label: boolean) {
  if (line.symbology === 'qrcode') {
    return { qr: line.data, fit: (label ? 18 : 28) * PT, alignment: 'center' } as Content;
  }
  const png = await bwipjs.toBuffer({
    bcid: 'code128',
    text: line.data,
    height: label ? 7 : 9,
    scale: 3,
    includetext: false,
  });
  const image = {
    image: `data:image/png;base64,${png.toString('base64')}`,
    fit: label ? [40 * PT, 7 * PT] : [60 * PT, 12 * PT],
    alignment: 'center',
  };
  // On a receipt the code is written under the bars, as a person reads it off the paper; a
  // label has no room for it and carries the number as its own line anyway.
  return {
    stack: label ? [image] : [image, { text: line.data, alignment: 'center', fontSize: 7 }],
    margin: [0, label ? 0 : 2, 0, label ? 1 : 2],
  } as Content;
}

async function lineContent(
  line: PrintLine,
  doc: PrintDocument,
  logo: string | null,
  ruleWidth: number,
): Promise<Content | null> {
  switch (line.type) {
    case 'logo':
      return logo ? { image: logo, fit: [ruleWidth * 0.6, 18 * PT], alignment: 'center' } : null;
    case 'rule':
      return {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: ruleWidth, y2: 0, dash: { length: 2 }, lineWidth: 0.5 },
        ],
        margin: [0, 3, 0, 3],
      };
    case 'pair':
      return {
        columns: [{ text: line.left }, { text: line.right, alignment: 'right' }],
        columnGap: 4,
      };
    case 'barcode':
      return barcode(line, doc.kind === 'label');
    case 'text':
      return {
        text: line.text,
        alignment: line.align ?? 'left',
        bold: line.bold ?? false,
        fontSize: line.size === 2 ? (doc.kind === 'label' ? 8 : 12) : undefined,
      };
  }
}

/**
 * A print document as a PDF of its own paper size (80/58 mm receipt roll, or the label), from
 * the same layout the printers and the on-screen preview get: what a shop without a serial
 * printer prints on any printer, or keeps as a file. `logo` is the shop logo's data URL.
 */
export async function documentToPdf(
  doc: PrintDocument,
  o: { title: string; logo: string | null },
): Promise<Buffer> {
  const margin = (doc.kind === 'label' ? 2 : 4) * PT;
  const width = doc.widthMm * PT;
  const content: Content[] = [];
  for (const line of doc.lines) {
    const c = await lineContent(line, doc, o.logo, width - 2 * margin);
    if (c) content.push(c);
  }
  const def: TDocumentDefinitions = {
    pageSize: { width, height: doc.kind === 'label' && doc.heightMm ? doc.heightMm * PT : 'auto' },
    pageMargins: [margin, margin, margin, margin],
    info: { title: o.title, producer: 'Service Centre Workstation' },
    defaultStyle: {
      font: 'NotoSansSC',
      fontSize: doc.kind === 'label' ? 6 : 8,
      lineHeight: doc.kind === 'label' ? 1.05 : 1.2,
    },
    content,
  };
  return renderPdf(def);
}
