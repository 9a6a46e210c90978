import type { Timers } from './serial-link';

/**
 * A serial scanner sends each code followed by CR and/or LF, or (some models) just stops
 * sending. Bytes arrive in arbitrary packets; a code is complete at a line end or after
 * `silenceMs` without a byte. Line noise (control bytes, stray characters) is dropped: only
 * printable ASCII is kept and codes shorter than `minLength` are ignored.
 */
export class ScanDecoder {
  private buf = '';
  private timer: unknown = null;

  constructor(
    private readonly onCode: (code: string) => void,
    private readonly opts: { silenceMs: number; minLength: number; timers: Timers },
  ) {}

  feed(chunk: Buffer): void {
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) this.flush();
      else if (b >= 0x20 && b < 0x7f) this.buf += String.fromCharCode(b);
      // Anything else is noise on the line.
    }
    if (this.timer) this.opts.timers.clearTimeout(this.timer);
    this.timer = this.buf
      ? this.opts.timers.setTimeout(() => this.flush(), this.opts.silenceMs)
      : null;
  }

  flush(): void {
    if (this.timer) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
    const code = this.buf.trim();
    this.buf = '';
    if (code.length >= this.opts.minLength) this.onCode(code);
  }

  dispose(): void {
    if (this.timer) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
    this.buf = '';
  }
}
