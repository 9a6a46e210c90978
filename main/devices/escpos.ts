import iconv from 'iconv-lite';
import type { PrintDocument, PrintLine } from '../api/contract';
import { parseEscPos, receiptText } from './escpos-parse';
import { imageBitmap } from './image-bitmap';
import { pairLines, wrapColumns } from './wrap';

/**
 * PrintDocument → ESC/POS bytes. Written directly with iconv-lite: receipt-printer-encoder
 * 4.0.1 (the registry's version) encodes single-byte code pages only, and Chinese printers need
 * FS & (double-byte mode) with GBK text.
 */
export type EscPosCodePage = 'gbk' | 'cp437';
export interface EscPosOptions {
  paperMm: 58 | 80;
  codePage: EscPosCodePage;
  /** The shop logo's PNG/JPEG bytes, for `logo` lines. */
  logo?: Buffer | null;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

/** Printable dots across each paper (8 dots/mm). */
export const receiptDots = (paperMm: 58 | 80) => (paperMm === 58 ? 384 : 576);

/** GS v 0: a raster image, rows of whole bytes, 1 = black. */
function raster(bytes: Buffer, paperMm: 58 | 80): Buffer {
  const bmp = imageBitmap(bytes, Math.round(receiptDots(paperMm) * 0.6), 160);
  const head = [GS, 0x76, 0x30, 0, bmp.rowBytes & 0xff, bmp.rowBytes >> 8];
  return Buffer.concat([
    Buffer.from([...head, bmp.height & 0xff, bmp.height >> 8]),
    bmp.data,
    Buffer.from([0x0a]),
  ]);
}

/** Characters per line in font A (12×24 dots) on the printable width of each paper. */
export const receiptColumns = (paperMm: 58 | 80) => (paperMm === 58 ? 32 : 48);

export function encodeText(text: string, codePage: EscPosCodePage): Buffer {
  return iconv.encode(text, codePage);
}

function code128(data: string): number[] {
  const bytes = [
    ...Buffer.from(`{B${data.replace(/[^\x20-\x7e]/g, '?').replace(/\{/g, '{{')}`, 'ascii'),
  ];
  return [GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 0, GS, 0x6b, 73, bytes.length, ...bytes, 0x0a];
}

function qrCode(data: string): number[] {
  const bytes = [...Buffer.from(data, 'utf8')];
  const len = bytes.length + 3;
  return [
    ...[GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0],
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6],
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31],
    ...[GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...bytes],
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, 0x0a],
  ];
}

/** The receipt body, and the tail (feed and cut) that completes it: the worker writes them
 * apart so it knows whether an interrupted job could have reached the cutter. */
export function documentToEscPos(
  doc: PrintDocument,
  opts: EscPosOptions,
): { body: Buffer; tail: Buffer } {
  const cols = receiptColumns(opts.paperMm);
  const chunks: Buffer[] = [];
  const raw = (...b: number[]) => chunks.push(Buffer.from(b));
  const text = (s: string) => chunks.push(encodeText(s, opts.codePage), Buffer.from([0x0a]));
  raw(ESC, 0x40);
  if (opts.codePage === 'gbk') raw(FS, 0x26);
  else raw(FS, 0x2e, ESC, 0x74, 0);

  const line = (l: PrintLine) => {
    switch (l.type) {
      case 'logo':
        if (!opts.logo) return;
        raw(ESC, 0x61, 1);
        chunks.push(raster(opts.logo, opts.paperMm));
        raw(ESC, 0x61, 0);
        return;
      case 'rule':
        raw(ESC, 0x61, 0);
        text('-'.repeat(cols));
        return;
      case 'barcode':
        raw(ESC, 0x61, 1);
        chunks.push(Buffer.from(l.symbology === 'qrcode' ? qrCode(l.data) : code128(l.data)));
        raw(ESC, 0x61, 0);
        return;
      case 'pair':
        raw(ESC, 0x61, 0);
        for (const part of pairLines(l.left, l.right, cols)) text(part);
        return;
      case 'text': {
        const big = l.size === 2;
        raw(ESC, 0x61, l.align === 'center' ? 1 : l.align === 'right' ? 2 : 0);
        if (l.bold) raw(ESC, 0x45, 1);
        if (big) raw(GS, 0x21, 0x11);
        for (const part of wrapColumns(l.text, big ? Math.floor(cols / 2) : cols)) text(part);
        if (big) raw(GS, 0x21, 0);
        if (l.bold) raw(ESC, 0x45, 0);
        raw(ESC, 0x61, 0);
      }
    }
  };
  for (const l of doc.lines) line(l);
  return { body: Buffer.concat(chunks), tail: Buffer.from([ESC, 0x64, 4, GS, 0x56, 0x42, 0]) };
}

/** Plain text of an ESC/POS stream (the emulator's render, tests): commands dropped, GBK decoded. */
export function escPosToText(bytes: Buffer, codePage: EscPosCodePage = 'gbk'): string {
  return receiptText(parseEscPos(bytes, codePage));
}
