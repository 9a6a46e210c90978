import iconv from 'iconv-lite';
import type { EscPosCodePage } from './escpos';

/** What an ESC/POS stream prints, line by line (the emulator's renders, tests). */
export type ReceiptOp =
  | { type: 'text'; text: string; align: 'left' | 'center' | 'right'; bold: boolean; big: boolean }
  | { type: 'barcode'; data: string }
  | { type: 'qr'; data: string }
  | {
      type: 'raster';
      width: number;
      height: number;
      data: Buffer;
      align: 'left' | 'center' | 'right';
    }
  | { type: 'cut' };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const ALIGN = ['left', 'center', 'right'] as const;

/** Interprets the subset of ESC/POS that documentToEscPos writes (and DLE EOT queries). */
export function parseEscPos(bytes: Buffer, codePage: EscPosCodePage = 'gbk'): ReceiptOp[] {
  const ops: ReceiptOp[] = [];
  let align: (typeof ALIGN)[number] = 'left';
  let bold = false;
  let big = false;
  let line: number[] = [];
  const flush = () => {
    ops.push({ type: 'text', text: iconv.decode(Buffer.from(line), codePage), align, bold, big });
    line = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const c = bytes[i + 1];
    if (b === ESC) {
      if (c === 0x61) align = ALIGN[bytes[i + 2]] ?? 'left';
      else if (c === 0x45) bold = bytes[i + 2] === 1;
      i += c === 0x40 ? 2 : 3;
    } else if (b === FS) {
      i += 2;
    } else if (b === 0x10 && c === 0x04) {
      i += 3;
    } else if (b === GS) {
      if (c === 0x21) {
        big = bytes[i + 2] !== 0;
        i += 3;
      } else if (c === 0x6b) {
        const n = bytes[i + 3];
        ops.push({ type: 'barcode', data: bytes.subarray(i + 6, i + 4 + n).toString('latin1') });
        i += 4 + n;
        if (bytes[i] === 0x0a) i += 1;
      } else if (c === 0x28) {
        const len = bytes[i + 3] | (bytes[i + 4] << 8);
        if (bytes[i + 6] === 0x50)
          ops.push({ type: 'qr', data: bytes.subarray(i + 8, i + 5 + len).toString('utf8') });
        i += 5 + len;
        if (bytes[i] === 0x0a) i += 1;
      } else if (c === 0x76 && bytes[i + 2] === 0x30) {
        const rowBytes = bytes[i + 4] | (bytes[i + 5] << 8);
        const height = bytes[i + 6] | (bytes[i + 7] << 8);
        const data = Buffer.from(bytes.subarray(i + 8, i + 8 + rowBytes * height));
        ops.push({ type: 'raster', width: rowBytes * 8, height, data, align });
        i += 8 + rowBytes * height;
        if (bytes[i] === 0x0a) i += 1;
      } else if (c === 0x56) {
        if (line.length) flush();
        ops.push({ type: 'cut' });
        i += bytes[i + 2] === 0x42 || bytes[i + 2] === 0x41 ? 4 : 3;
      } else {
        i += 3;
      }
    } else if (b === 0x0a) {
      flush();
      i += 1;
    } else {
      line.push(b);
      i += 1;
    }
  }
  if (line.length) flush();
  return ops;
}

/** Plain text of a receipt: one line per printed line, barcodes as [barcode DATA]. */
export function receiptText(ops: ReceiptOp[]): string {
  return ops
    .filter((o) => o.type !== 'cut')
    .map((o) =>
      o.type === 'text'
        ? o.text
        : o.type === 'barcode'
          ? `[barcode ${o.data}]`
          : o.type === 'qr'
            ? `[qr ${o.data}]`
            : o.type === 'raster'
              ? `[image ${o.width}×${o.height}]`
              : '',
    )
    .join('\n');
}
