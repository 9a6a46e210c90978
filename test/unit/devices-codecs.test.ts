import { EventEmitter } from 'node:events';
import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../main/api/contract';
import { documentToEscPos, escPosToText } from '../../main/devices/escpos';
import { formatHostStatus, hostCondition, parseHostStatus } from '../../main/devices/host-status';
import { ScanDecoder } from '../../main/devices/scan-decoder';
import {
  SerialLink,
  backoffDelay,
  type PortLike,
  type Timers,
} from '../../main/devices/serial-link';
import { wrapColumns } from '../../main/devices/wrap';
import { documentToZpl, fieldHex, zplJobId } from '../../main/devices/zpl';
import { englishOf } from '../../main/devices/device-text';
import { queryHostStatus } from '../../main/devices/host-query';

/** Timers the test advances by hand. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = [...due].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > until) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { timers, advance, pending: () => [...due.values()].map((d) => d.at - now) };
}

describe('ZPL', () => {
  const doc: PrintDocument = {
    kind: 'label',
    widthMm: 50,
    heightMm: 30,
    lines: [
      { type: 'barcode', symbology: 'code128', data: 'R-000042' },
      { type: 'text', text: 'Evil^XZ^XA~JA name_1', align: 'center' },
      { type: 'text', text: '张三 · iPhone' },
    ],
  };

  it('field text can never end the label or inject a command', () => {
    const zpl = documentToZpl(doc, { dpi: 203, jobId: 7 });
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~JA');
    expect(fieldHex('a^b~c_d')).toBe('a_5Eb_7Ec_5Fd');
    expect(zplJobId(zpl)).toBe(7);
  });

  it('Chinese text goes as a bitmap (^GF), Latin text in the printer font, sized for the dpi', () => {
    const z203 = documentToZpl(doc, { dpi: 203 });
    const z300 = documentToZpl(doc, { dpi: 300 });
    expect(z203).toContain('^PW400');
    expect(z300).toContain('^PW600');
    expect(z203).toMatch(/\^GFA,\d+,\d+,\d+,[0-9A-F]+\^FS/);
    expect(z203).toContain('^FDR-000042^FS');
    expect(z203).not.toContain('张');
  });
});

describe('shop logo', () => {
  // 300×90 dots: too wide for a 50 mm label at 203 dpi (376 usable dots is fine) but it must
  // also keep under 12 mm (96 dots) tall, so it prints at its own size.
  const canvas = createCanvas(300, 90);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, 150, 90);
  const png = canvas.toBuffer('image/png');
  const doc: PrintDocument = {
    kind: 'label',
    widthMm: 50,
    heightMm: 30,
    lines: [{ type: 'logo' }, { type: 'text', text: 'Service Centre' }],
  };

  it('goes into ZPL as one ^GF of the picture, centred, and is left out when none is set', () => {
    const zpl = documentToZpl(doc, { dpi: 203, logo: png });
    // 300 dots = 38 bytes a row (padded), 90 rows.
    expect(zpl).toMatch(/\^FO\d+,12\^GFA,3420,3420,38,/);
    expect(documentToZpl(doc, { dpi: 203 })).not.toContain('^GFA');
  });

  it('is scaled down, in proportion, to 60% of a 58 mm receipt', () => {
    const wide = createCanvas(800, 100);
    wide.getContext('2d').fillRect(0, 0, 800, 100);
    const { body } = documentToEscPos(
      { kind: 'receipt', widthMm: 58, lines: [{ type: 'logo' }] },
      { paperMm: 58, codePage: 'gbk', logo: wide.toBuffer('image/png') },
    );
    // 384 dots × 0.6 = 230 wide → 29 bytes a row; 100 × 230/800 = 29 rows.
    expect(escPosToText(body)).toBe('[image 232×29]');
  });
});

describe('ESC/POS', () => {
  const receipt: PrintDocument = {
    kind: 'receipt',
    widthMm: 58,
    lines: [
      { type: 'text', text: '维修受理单', align: 'center', bold: true, size: 2 },
      { type: 'pair', left: '客户', right: '李娜' },
      { type: 'barcode', symbology: 'code128', data: 'R-000001' },
      { type: 'text', text: '设备超过90天未取，本店有权处理。请自行备份数据。' },
    ],
  };

  it('Chinese is GBK in double-byte mode and decodes back; lines fit 58 mm', () => {
    const { body, tail } = documentToEscPos(receipt, { paperMm: 58, codePage: 'gbk' });
    expect([...body.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect(body.includes(iconv.encode('维修受理单', 'gbk'))).toBe(true);
    expect([...tail.subarray(-4)]).toEqual([0x1d, 0x56, 0x42, 0x00]);
    const text = escPosToText(Buffer.concat([body, tail]));
    expect(text).toContain('维修受理单');
    expect(text).toContain('[barcode R-000001]');
    expect(text).toMatch(/客户 +李娜/);
    for (const line of text.split('\n'))
      expect(iconv.encode(line, 'gbk').length).toBeLessThanOrEqual(32);
  });

  it('wraps CJK at two columns a character', () => {
    expect(wrapColumns('一二三四五六', 8)).toEqual(['一二三四', '五六']);
    expect(wrapColumns('hello big world', 9)).toEqual(['hello big', 'world']);
  });
});

describe('host status (~HS)', () => {
  it('round-trips the flags the queue relies on', () => {
    const s = {
      paperOut: true,
      paused: false,
      headOpen: false,
      ribbonOut: false,
      formatsInBuffer: 2,
      partialFormat: true,
    };
    expect(parseHostStatus(formatHostStatus(s))).toEqual(s);
    expect(hostCondition(s)).toBe('paper_out');
    expect(parseHostStatus('\x02030,0,0,0240,000,0,0,0,000,0,0,0\x03\r\n')).toBeNull();
  });
});

describe('scanner decoding', () => {
  it('CR/LF or a silence ends a code; noise and fragments are dropped', () => {
    const { timers, advance } = manualTimers();
    const codes: string[] = [];
    const d = new ScanDecoder((c) => codes.push(c), { silenceMs: 50, minLength: 3, timers });
    d.feed(Buffer.from('ABC1'));
    advance(30);
    d.feed(Buffer.from('23\r'));
    d.feed(Buffer.from('\n\x00\x1b'));
    d.feed(Buffer.from('Q\n'));
    d.feed(Buffer.from('9787111'));
    advance(49);
    expect(codes).toEqual(['ABC123']);
    d.feed(Buffer.from('544'));
    advance(50);
    expect(codes).toEqual(['ABC123', '9787111544']);
  });
});

class FakePort extends EventEmitter implements PortLike {
  isOpen = false;
  /** Fails the next write, or its drain, as serialport does on a pulled cable: the callback
   * gets the error first, the port's 'close' comes only once the close finishes. */
  failWrite: 'write' | 'drain' | null = null;
  constructor(private readonly fail: boolean) {
    super();
  }
  open(cb: (err: Error | null) => void) {
    if (this.fail)
      return cb(new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'));
    this.isOpen = true;
    cb(null);
  }
  close(cb?: (err: Error | null) => void) {
    this.isOpen = false;
    cb?.(null);
  }
  write(_d: Buffer, cb?: (err: Error | null | undefined) => void) {
    if (this.failWrite === 'write') this.unplugged();
    cb?.(this.failWrite === 'write' ? new Error('EIO: i/o error, write') : null);
    return true;
  }
  drain(cb: (err: Error | null) => void) {
    if (this.failWrite === 'drain') this.unplugged();
    cb(this.failWrite === 'drain' ? new Error('EIO: i/o error, drain') : null);
  }
  private unplugged() {
    this.isOpen = false;
    setTimeout(() => this.emit('close', new Error('disconnected')), 5);
  }
  flush(cb: (err: Error | null) => void) {
    cb(null);
  }
}

describe('port manager back-off', () => {
  it('retries after 1 s, doubling to 30 s, and starts over after a good open', () => {
    expect(
      [0, 1, 2, 3, 4, 5, 6, 9].map((a) => backoffDelay(a, { baseMs: 1000, maxMs: 30_000 })),
    ).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    const { timers, advance, pending } = manualTimers();
    let plugged = false;
    const ports: FakePort[] = [];
    const link = new SerialLink(
      { path: '/dev/ttyUSB9', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      {
        factory: () => {
          const p = new FakePort(!plugged);
          ports.push(p);
          return p;
        },
        timers,
        backoff: { baseMs: 1000, maxMs: 30_000 },
      },
    );
    const states: string[] = [];
    link.on('state', (s: string) => states.push(s));
    link.start();
    expect(link.state).toBe('offline');
    expect(englishOf(link.detail)).toBe('cannot open /dev/ttyUSB9: no such device (unplugged or wrong path)');
    expect(pending()).toEqual([1000]);
    advance(1000);
    expect(pending()).toEqual([2000]);
    advance(2000 + 4000 + 8000 + 16_000);
    expect(pending()).toEqual([30_000]);
    plugged = true;
    advance(30_000);
    expect(link.state).toBe('online');
    ports.at(-1)!.emit('close', new Error('disconnected'));
    expect(link.state).toBe('offline');
    expect(pending()).toEqual([1000]);
    expect(states).toContain('connecting');
  });
});

describe('a write that fails on a pulled cable', () => {
  const linkWith = (ports: FakePort[]) => {
    const { timers, pending } = manualTimers();
    const link = new SerialLink(
      { path: '/dev/ttyUSB9', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      {
        factory: () => {
          const p = new FakePort(false);
          ports.push(p);
          return p;
        },
        timers,
        backoff: { baseMs: 1000, maxMs: 30_000 },
      },
    );
    link.start();
    return { link, pending };
  };

  // The port's own 'close' arrives later than the write's error. Whoever awaited the write
  // (a ~HS query deciding whether a cut-off label printed) must already see the link offline,
  // or "the query never left" reads as "the printer chose not to answer".
  for (const where of ['write', 'drain'] as const) {
    it(`the link is offline and reconnecting when a failed ${where} rejects`, async () => {
      const ports: FakePort[] = [];
      const { link, pending } = linkWith(ports);
      expect(link.state).toBe('online');
      ports[0].failWrite = where;
      let stateAtReject: string | null = null;
      await link.write(Buffer.from('~HS')).catch((err: Error) => {
        stateAtReject = link.state;
        expect(err.name).toBe('DeviceOfflineError');
      });
      expect(stateAtReject).toBe('offline');
      expect(englishOf(link.detail)).toBe('/dev/ttyUSB9 was disconnected');
      expect(pending()).toEqual([1000]);
    });

    it(`a status query whose ${where} fails answers null with the link already offline`, async () => {
      const ports: FakePort[] = [];
      const { link } = linkWith(ports);
      ports[0].failWrite = where;
      expect(await queryHostStatus(link, 1000)).toBeNull();
      expect(link.state).toBe('offline');
    });
  }
});
