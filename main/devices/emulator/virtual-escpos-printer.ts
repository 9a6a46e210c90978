import fs from 'node:fs';
import path from 'node:path';
import { escPosToText } from '../escpos';
import { parseEscPos } from '../escpos-parse';
import { renderReceiptPng } from '../receipt-png';
import { VirtualDevice } from './virtual-device';

export interface PrintedReceipt {
  seq: number;
  bytes: Buffer;
  text: string;
  file: string | null;
}

/** An ESC/POS receipt printer: a receipt ends at the cut (GS V); saved as `.bin` and a `.txt`
 * render (GBK decoded). Answers DLE EOT 2/4 real-time status (cover open, paper end). */
export class VirtualEscPosPrinter extends VirtualDevice {
  receipts: PrintedReceipt[] = [];
  paperOut = false;
  headOpen = false;
  private buf = Buffer.alloc(0);
  private renders: Promise<void>[] = [];

  constructor(
    appPath: string,
    devicePath: string,
    private readonly opts: { dir?: string; render?: boolean; paperMm?: 58 | 80 } = {},
  ) {
    super(appPath, devicePath);
  }

  protected receive(chunk: Buffer): void {
    let data = Buffer.concat([this.buf, chunk]);
    for (let i = 0; i + 2 < data.length + 1; i++) {
      if (data[i] === 0x10 && data[i + 1] === 0x04 && i + 2 < data.length) {
        const n = data[i + 2];
        void this.send(
          Buffer.from([
            n === 4 ? 0x12 | (this.paperOut ? 0x60 : 0) : 0x12 | (this.headOpen ? 0x04 : 0),
          ]),
        );
        data = Buffer.concat([data.subarray(0, i), data.subarray(i + 3)]);
        i -= 1;
      }
    }
    for (;;) {
      const cut = data.indexOf(Buffer.from([0x1d, 0x56]));
      if (cut < 0 || cut + 2 >= data.length) break;
      const end = cut + (data[cut + 2] === 0x42 || data[cut + 2] === 0x41 ? 4 : 3);
      if (end > data.length) break;
      this.complete(data.subarray(0, end));
      data = data.subarray(end);
    }
    this.buf = data;
  }

  private complete(bytes: Buffer) {
    const seq = this.receipts.length + 1;
    const text = escPosToText(bytes);
    let file: string | null = null;
    if (this.opts.dir) {
      fs.mkdirSync(this.opts.dir, { recursive: true });
      file = path.join(this.opts.dir, `receipt-${seq}.bin`);
      fs.writeFileSync(file, bytes);
      fs.writeFileSync(file.replace(/\.bin$/, '.txt'), text);
      if (this.opts.render) {
        const png = file.replace(/\.bin$/, '.png');
        this.renders.push(
          renderReceiptPng(parseEscPos(bytes), this.opts.paperMm ?? 80).then((buf) => {
            fs.writeFileSync(png, buf);
            this.emit('rendered', png);
          }),
        );
      }
    }
    const r = { seq, bytes: Buffer.from(bytes), text, file };
    this.receipts.push(r);
    this.emit('receipt', r);
  }

  /** Waits for every PNG started so far. */
  async settled(): Promise<void> {
    await Promise.all(this.renders);
  }
}
