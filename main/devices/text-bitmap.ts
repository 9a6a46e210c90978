import { createCanvas } from '@napi-rs/canvas';

/** A 1-bit raster, rows padded to whole bytes, 1 = black (ZPL ^GF and ESC/POS GS v 0 order). */
export interface Bitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Buffer;
}

// Printer fonts have no Chinese; Skia finds the Noto CJK faces installed with fonts-noto-cjk
// (and the OS's own CJK fonts on Windows/macOS) by family name.
const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Text the printer's built-in fonts can print; anything else is sent as a bitmap. */
export const printableByFont = (text: string) => /^[\x20-\x7e\u00a0-\u024f]*$/.test(text);

/** Renders one line of text (or a left/right pair) to a monochrome bitmap `width` dots wide. */
export function textBitmap(
  parts: { text: string; align: 'left' | 'center' | 'right' }[],
  width: number,
  fontPx: number,
  bold = false,
): Bitmap {
  const height = Math.ceil(fontPx * 1.25);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = `${bold ? 'bold ' : ''}${fontPx}px ${FONT_STACK}`;
  ctx.textBaseline = 'middle';
  for (const p of parts) {
    ctx.textAlign = p.align;
    const x = p.align === 'left' ? 0 : p.align === 'right' ? width : width / 2;
    ctx.fillText(p.text, x, height / 2, width);
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rowBytes = Math.ceil(width / 8);
  const data = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (rgba[i] + rgba[i + 1] + rgba[i + 2] < 3 * 140)
        data[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width, height, rowBytes, data };
}
