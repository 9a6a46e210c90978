import fs from 'node:fs';
import path from 'node:path';
import { formatHostStatus } from '../host-status';
import { zplJobId } from '../zpl';
import { VirtualDevice } from './virtual-device';

export interface PrintedLabel {
  seq: number;
  jobId: number | null;
  zpl: string;
  file: string | null;
}

const TOKENS = ['^XA', '^XZ', '~HS', '~JA'] as const;

/**
 * A Zebra-like label printer: a label prints when its ^XZ arrives; `~HS` is answered with
 * paper-out, head-open and partial-format flags; `~JA` drops a partial format. Labels are
 * saved as `.zpl` and, when `render` is on, as a `.png` from zpl-renderer-js.
 */
export class VirtualZplPrinter extends VirtualDevice {
  labels: PrintedLabel[] = [];
  paperOut = false;
  headOpen = false;
  /** Fault injection: the next ^XZ is lost on the wire, so that label stays a partial format
   * (what `~HS` then reports) until `~JA` clears it. */
  loseNextEnd = false;
  private pending = '';
  private format: string | null = null;
  private held: string[] = [];
  private renders: Promise<void>[] = [];

  constructor(
    appPath: string,
    devicePath: string,
    private readonly opts: { dir?: string; render?: boolean; dpmm?: number } = {},
  ) {
    super(appPath, devicePath);
  }

  protected receive(chunk: Buffer): void {
    this.pending += chunk.toString('utf8');
    for (;;) {
      let at = -1;
      let token = '';
      for (const t of TOKENS) {
        const i = this.pending.indexOf(t);
        if (i >= 0 && (at < 0 || i < at)) {
          at = i;
          token = t;
        }
      }
      if (at < 0) {
        // Keep a possible split token for the next chunk.
        const keep = Math.min(2, this.pending.length);
        if (this.format !== null) this.format += this.pending.slice(0, this.pending.length - keep);
        this.pending = this.pending.slice(this.pending.length - keep);
        return;
      }
      if (this.format !== null) this.format += this.pending.slice(0, at);
      this.pending = this.pending.slice(at + token.length);
      if (token === '^XA') this.format = '^XA';
      else if (token === '^XZ' && this.format !== null && this.loseNextEnd) {
        this.loseNextEnd = false;
      } else if (token === '^XZ' && this.format !== null) {
        const zpl = `${this.format}^XZ`;
        this.format = null;
        if (this.paperOut || this.headOpen) this.held.push(zpl);
        else this.print(zpl);
      } else if (token === '~JA') this.format = null;
      else if (token === '~HS') {
        void this.send(
          formatHostStatus({
            paperOut: this.paperOut,
            paused: false,
            headOpen: this.headOpen,
            ribbonOut: false,
            formatsInBuffer: this.held.length,
            partialFormat: this.format !== null,
          }),
        );
      }
    }
  }

  /** Paper loaded / head closed again: held labels print. */
  setCondition(c: { paperOut?: boolean; headOpen?: boolean }): void {
    this.paperOut = c.paperOut ?? this.paperOut;
    this.headOpen = c.headOpen ?? this.headOpen;
    if (!this.paperOut && !this.headOpen) for (const zpl of this.held.splice(0)) this.print(zpl);
  }

  private print(zpl: string) {
    const seq = this.labels.length + 1;
    const jobId = zplJobId(zpl);
    let file: string | null = null;
    if (this.opts.dir) {
      fs.mkdirSync(this.opts.dir, { recursive: true });
      const base = path.join(
        this.opts.dir,
        jobId !== null ? `label-job-${jobId}-${seq}` : `label-${seq}`,
      );
      file = `${base}.zpl`;
      fs.writeFileSync(file, zpl);
      if (this.opts.render) this.renders.push(this.render(zpl, `${base}.png`));
    }
    const label = { seq, jobId, zpl, file };
    this.labels.push(label);
    this.emit('label', label);
  }

  private async render(zpl: string, file: string) {
    const dpmm = this.opts.dpmm ?? 8;
    const w = /\^PW(\d+)/.exec(zpl);
    const h = /\^LL(\d+)/.exec(zpl);
    const { renderZplPng } = await import('./render-zpl');
    const png = await renderZplPng(
      zpl,
      w ? Number(w[1]) / dpmm : 50,
      h ? Number(h[1]) / dpmm : 30,
      dpmm,
    );
    fs.writeFileSync(file, png);
    this.emit('rendered', file);
  }

  /** Waits for every PNG started so far. */
  async settled(): Promise<void> {
    await Promise.all(this.renders);
  }
}
