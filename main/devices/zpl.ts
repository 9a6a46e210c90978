import type { PrintDocument, PrintLine } from '../api/contract';
import { imageBitmap } from './image-bitmap';
import { printableByFont, textBitmap, type Bitmap } from './text-bitmap';
import { textColumns, wrapColumns } from './wrap';

/**
 * PrintDocument → ZPL II. Emitted directly rather than through jszpl: jszpl copies field text
 * into ^FD unescaped (a `^` or `~` in a customer name ends the field or injects a command),
 * has no ^FH/^CI28 for UTF-8, and sets no ^PW/^LL; the layout here is a straight column of
 * lines, which needs none of jszpl's grid machinery.
 */
export interface ZplOptions {
  dpi: 203 | 300;
  /** The printer's label size wins over the document's (the roll is what it is). */
  widthMm?: number;
  heightMm?: number;
  /** Written as a ^FX comment, so a printed label can be traced to its job. */
  jobId?: number;
  /** The shop logo's PNG/JPEG bytes, for `logo` lines. */
  logo?: Buffer | null;
}

export const dotsPerMm = (dpi: 203 | 300) => (dpi === 300 ? 12 : 8);

/** ^FH_ hex escapes: field text can never end the field or start a command. */
export function fieldHex(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    const c = ch.codePointAt(0) ?? 0x3f;
    if (c >= 0x20 && c < 0x7f && ch !== '_' && ch !== '^' && ch !== '~') out += ch;
    else
      out += [...Buffer.from(ch, 'utf8')]
        .map((b) => `_${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
  }
  return out;
}

/** Code 128 subset B: start + data + check + stop (13 modules). */
const code128Modules = (data: string) => 11 * data.length + 35;

/** ^GFA with the bitmap as ASCII hex. */
export function graphicField(x: number, y: number, bmp: Bitmap): string {
  const total = bmp.rowBytes * bmp.height;
  return `^FO${x},${y}^GFA,${total},${total},${bmp.rowBytes},${bmp.data.toString('hex').toUpperCase()}^FS`;
}

export function documentToZpl(doc: PrintDocument, opts: ZplOptions): string {
  const dpmm = dotsPerMm(opts.dpi);
  const W = Math.round((opts.widthMm ?? doc.widthMm) * dpmm);
  const heightMm = opts.heightMm ?? doc.heightMm;
  const H = heightMm ? Math.round(heightMm * dpmm) : Infinity;
  const m = Math.round(1.5 * dpmm);
  const usable = W - 2 * m;
  const gap = Math.round(0.6 * dpmm);
  const body: string[] = [];
  let y = m;
  const fits = (h: number) => y + h <= H - m / 2;

  const textLine = (text: string, align: 'left' | 'center' | 'right', h: number, bold: boolean) => {
    if (!fits(h)) return;
    if (printableByFont(text)) {
      const a = align === 'center' ? 'C' : align === 'right' ? 'R' : 'L';
      const strikes = bold ? [0, Math.max(1, Math.round(dpmm / 8))] : [0];
      for (const dx of strikes) {
        body.push(
          `^FO${m + dx},${y}^A0N,${h},${h}^FB${usable},1,0,${a},0^FH_^FD${fieldHex(text)}^FS`,
        );
      }
      y += h + gap;
    } else {
      const bmp = textBitmap([{ text, align }], usable, h, bold);
      body.push(graphicField(m, y, bmp));
      y += bmp.height + gap;
    }
  };

  const line = (l: PrintLine) => {
    const th = Math.round((doc.kind === 'label' ? 2.8 : 3) * dpmm);
    // Font 0 averages about 0.55 of its height per Latin character; CJK take two columns.
    const cols = Math.max(8, Math.floor(usable / (th * 0.55)));
    switch (l.type) {
      case 'logo': {
        if (!opts.logo) return;
        const bmp = imageBitmap(opts.logo, usable, Math.round(12 * dpmm));
        if (!fits(bmp.height)) return;
        body.push(graphicField(Math.round((W - bmp.width) / 2), y, bmp));
        y += bmp.height + gap;
        return;
      }
      case 'rule':
        if (!fits(2)) return;
        body.push(`^FO${m},${y}^GB${usable},2,2^FS`);
        y += 2 + gap;
        return;
      case 'barcode': {
        if (l.symbology === 'qrcode') {
          const mag = Math.max(2, Math.round(dpmm / 2));
          const size = 29 * mag;
          if (!fits(size)) return;
          body.push(
            `^FO${Math.round((W - size) / 2)},${y}^BQN,2,${mag}^FH_^FDQA,${fieldHex(l.data)}^FS`,
          );
          y += size + gap;
          return;
        }
        const data = l.data.replace(/[^\x20-\x7e]/g, '?').replace(/>/g, '>0');
        const bh = Math.round((doc.kind === 'label' ? 8 : 10) * dpmm);
        if (!fits(bh)) return;
        const modules = code128Modules(data);
        const mw = Math.max(1, Math.min(dpmm >= 12 ? 3 : 2, Math.floor(usable / modules)));
        const x = Math.max(m, Math.round((W - modules * mw) / 2));
        body.push(`^FO${x},${y}^BY${mw}^BCN,${bh},N,N,N^FH_^FD${fieldHex(data)}^FS`);
        y += bh + gap;
        return;
      }
      case 'pair': {
        const both = textColumns(l.left) + textColumns(l.right) + 2 <= cols;
        if (both && printableByFont(l.left + l.right)) {
          if (!fits(th)) return;
          body.push(
            `^FO${m},${y}^A0N,${th},${th}^FB${usable},1,0,L,0^FH_^FD${fieldHex(l.left)}^FS`,
          );
          body.push(
            `^FO${m},${y}^A0N,${th},${th}^FB${usable},1,0,R,0^FH_^FD${fieldHex(l.right)}^FS`,
          );
          y += th + gap;
        } else if (both) {
          if (!fits(th)) return;
          const bmp = textBitmap(
            [
              { text: l.left, align: 'left' },
              { text: l.right, align: 'right' },
            ],
            usable,
            th,
          );
          body.push(graphicField(m, y, bmp));
          y += bmp.height + gap;
        } else {
          for (const part of wrapColumns(l.left, cols)) textLine(part, 'left', th, false);
          for (const part of wrapColumns(l.right, cols)) textLine(part, 'right', th, false);
        }
        return;
      }
      case 'text': {
        const h = l.size === 2 ? th * 2 : th;
        for (const part of wrapColumns(l.text, l.size === 2 ? Math.floor(cols / 2) : cols)) {
          textLine(part, l.align ?? 'left', h, l.bold ?? false);
        }
      }
    }
  };

  for (const l of doc.lines) line(l);
  const length = Number.isFinite(H) ? H : y + m;
  const head = [
    '^XA',
    ...(opts.jobId !== undefined ? [`^FXjob:${opts.jobId}^FS`] : []),
    '^CI28',
    `^PW${W}`,
    `^LL${length}`,
    '^LH0,0',
  ];
  return [...head, ...body, '^XZ', ''].join('\n');
}

/** The job id written by documentToZpl, read back (emulator, tests). */
export function zplJobId(zpl: string): number | null {
  const m = /\^FXjob:(\d+)/.exec(zpl);
  return m ? Number(m[1]) : null;
}
