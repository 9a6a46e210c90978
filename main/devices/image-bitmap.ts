import { Image, createCanvas } from '@napi-rs/canvas';
import type { Bitmap } from './text-bitmap';

/** Decodes a data URL's bytes (the `shop.logo` setting); null when it is not one. */
export function dataUrlBytes(dataUrl: string | null | undefined): Buffer | null {
  const m = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl ?? '');
  return m ? Buffer.from(m[1], 'base64') : null;
}

/**
 * A PNG or JPEG as a 1-bit raster no larger than the box, kept in proportion; transparent
 * pixels are paper. Thermal heads print dots, not greys, so the threshold is plain.
 */
export function imageBitmap(bytes: Buffer, maxWidth: number, maxHeight: number): Bitmap {
  const img = new Image();
  img.src = bytes;
  const scale = Math.min(1, maxWidth / img.width, maxHeight / img.height);
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rowBytes = Math.ceil(width / 8);
  const data = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (rgba[i] * 0.299 + rgba[i + 1] * 0.587 + rgba[i + 2] * 0.114 < 128)
        data[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width, height, rowBytes, data };
}
