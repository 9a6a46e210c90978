import { createCanvas, loadImage } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';
import type { ReceiptOp } from './escpos-parse';

// Font A on a thermal head: 12×24-dot cells, CJK 24×24, 8 dots per mm.
const CELL_H = 24;
const MONO = '"Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace';

/** A picture of a printed receipt from its ESC/POS operations (the emulator's .png). */
export async function renderReceiptPng(ops: ReceiptOp[], paperMm: 58 | 80): Promise<Buffer> {
  const width = paperMm === 58 ? 384 : 576;
  const pad = 16;
  const images = new Map<number, Awaited<ReturnType<typeof loadImage>>>();
  for (const [i, op] of ops.entries()) {
    if (op.type !== 'barcode' && op.type !== 'qr') continue;
    const png = await bwipjs.toBuffer(
      op.type === 'qr'
        ? { bcid: 'qrcode', text: op.data, scale: 4 }
        : { bcid: 'code128', text: op.data, scale: 2, height: 10, includetext: false },
    );
    images.set(i, await loadImage(png));
  }
  const heightOf = (op: ReceiptOp, i: number) =>
    op.type === 'text'
      ? (op.big ? 2 : 1) * CELL_H + 4
      : op.type === 'cut'
        ? 24
        : op.type === 'raster'
          ? op.height + 8
          : (images.get(i)?.height ?? 0) + 12;
  const height = pad * 2 + ops.reduce((h, op, i) => h + heightOf(op, i), 0);
  const canvas = createCanvas(width + pad * 2, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#999';
  ctx.textBaseline = 'top';
  let y = pad;
  for (const [i, op] of ops.entries()) {
    if (op.type === 'text') {
      const scale = op.big ? 2 : 1;
      ctx.font = `${op.bold ? 'bold ' : ''}${CELL_H * scale}px ${MONO}`;
      ctx.textAlign = op.align;
      const x = op.align === 'left' ? pad : op.align === 'right' ? pad + width : pad + width / 2;
      ctx.fillText(op.text, x, y, width);
    } else if (op.type === 'raster') {
      const rowBytes = op.width / 8;
      const x0 =
        pad +
        (op.align === 'center'
          ? (width - op.width) / 2
          : op.align === 'right'
            ? width - op.width
            : 0);
      for (let ry = 0; ry < op.height; ry++)
        for (let rx = 0; rx < op.width; rx++)
          if (op.data[ry * rowBytes + (rx >> 3)] & (0x80 >> (rx & 7)))
            ctx.fillRect(x0 + rx, y + 4 + ry, 1, 1);
    } else if (op.type === 'cut') {
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(0, y + 12);
      ctx.lineTo(canvas.width, y + 12);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      const img = images.get(i)!;
      ctx.drawImage(img, pad + Math.max(0, (width - img.width) / 2), y + 6);
    }
    y += heightOf(op, i);
  }
  return canvas.toBuffer('image/png');
}
