import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { portText } from './device-text';

/** How a port is opened: what the device settings hold. */
export interface PortSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

/** The part of serialport's SerialPort the link uses (tests may hand in their own). */
export interface PortLike {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  write(data: Buffer, cb?: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  flush(cb: (err: Error | null) => void): void;
  on(event: 'data', fn: (chunk: Buffer) => void): this;
  on(event: 'close' | 'error', fn: (err?: Error | null) => void): this;
  removeAllListeners(): this;
}

export type PortFactory = (s: PortSettings) => PortLike;
export const serialPortFactory: PortFactory = (s) =>
  new SerialPort({ ...s, autoOpen: false, hupcl: false }) as unknown as PortLike;

/** Injected so tests run the back-off in milliseconds instead of seconds. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Backoff {
  baseMs: number;
  maxMs: number;
}
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 };

/** 1 s, 2 s, 4 s … capped at 30 s (attempt 0 is the first retry). */
export const backoffDelay = (attempt: number, b: Backoff) =>
  Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt, 30));

export type LinkState = 'connecting' | 'online' | 'offline';

export class DeviceOfflineError extends Error {
  /** True when no byte of the write left: the port was not open at all. */
  constructor(
    message: string,
    readonly notSent = false,
  ) {
    super(message);
    this.name = 'DeviceOfflineError';
  }
}

/** Why the port went away, in words an operator understands. */
export function describePortError(path: string, err: Error | null | undefined): string {
  const msg = err?.message ?? '';
  if (/ENOENT|No such file/i.test(msg)) return portText.noDevice(path);
  if (/EACCES|Permission denied/i.test(msg)) return portText.denied(path);
  if (/EBUSY|Resource busy|Cannot lock/i.test(msg)) return portText.busy(path);
  if (/disconnect|EIO|Input\/output/i.test(msg)) return portText.disconnected(path);
  return msg ? portText.failed(path, msg) : portText.closed(path);
}

/**
 * One configured port, kept open: it notices close and errors and reopens with back-off.
 * Writes are only accepted while online, so nothing is ever queued in the OS while the device
 * is away (and a stale buffer is flushed on every open).
 */
export class SerialLink extends EventEmitter {
  state: LinkState = 'offline';
  detail: string | null = null;
  private port: PortLike | null = null;
  private retry: unknown = null;
  private attempt = 0;
  private stopped = true;

  constructor(
    readonly settings: PortSettings,
    private readonly deps: { factory: PortFactory; timers: Timers; backoff: Backoff },
  ) {
    super();
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) this.deps.timers.clearTimeout(this.retry);
    this.retry = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
    port?.removeAllListeners();
    this.setState('offline', portText.stopped());
  }

  private setState(state: LinkState, detail: string | null) {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.emit('state', state, detail);
  }

  private connect() {
    if (this.stopped) return;
    this.retry = null;
    this.setState('connecting', this.detail);
    let port: PortLike;
    try {
      port = this.deps.factory(this.settings);
    } catch (err) {
      this.lost(null, err as Error);
      return;
    }
    this.port = port;
    port.on('data', (chunk) => this.emit('data', chunk));
    port.on('error', (err) => this.lost(port, err ?? null));
    port.on('close', (err) => this.lost(port, err ?? null));
    port.open((err) => {
      if (err) return this.lost(port, err);
      if (this.stopped || this.port !== port) return;
      // Discard whatever the OS buffered before this open: it belongs to no current job.
      port.flush(() => {
        if (this.port !== port || !port.isOpen) return;
        this.attempt = 0;
        this.setState('online', null);
      });
    });
  }

  private lost(port: PortLike | null, err: Error | null) {
    if (port && port !== this.port) return;
    this.port = null;
    if (port) {
      port.removeAllListeners();
      port.on('error', () => undefined);
      if (port.isOpen) port.close(() => undefined);
    }
    if (!this.stopped) this.setState('offline', describePortError(this.settings.path, err));
    this.emit('lost');
    if (this.stopped || this.retry) return;
    const delay = backoffDelay(this.attempt++, this.deps.backoff);
    this.retry = this.deps.timers.setTimeout(() => this.connect(), delay);
  }

  /** Writes and waits for the bytes to leave (drain); rejects if the port goes away meanwhile. */
  write(data: Buffer, timeoutMs = 10_000 + data.length): Promise<void> {
    const port = this.port;
    if (!port || this.state !== 'online') {
      return Promise.reject(
        new DeviceOfflineError(this.detail ?? portText.notOpen(this.settings.path), true),
      );
    }
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null) => {
        if (settled) return;
        settled = true;
        this.off('lost', onLost);
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const onLost = () =>
        finish(
          new DeviceOfflineError(this.detail ?? portText.closedDuringWrite(this.settings.path)),
        );
      const timer = setTimeout(
        () => finish(new Error(portText.writeTimeout(this.settings.path))),
        timeoutMs,
      );
      // serialport closes a port whose write failed but says so ('close') only after the close
      // finishes, later than this callback. Until then the link would still read 'online', and a
      // status query that never left would look like a printer that chose not to answer (a
      // cut-off job then waited for a person). So the link is lost here, before anyone resumes.
      const broken = (err: Error) => {
        finish(new DeviceOfflineError(describePortError(this.settings.path, err)));
        this.lost(port, err);
      };
      this.on('lost', onLost);
      port.write(data, (err) => {
        if (err) return broken(err);
        port.drain((e) => (e ? broken(e) : finish(null)));
      });
    });
  }

  /** Forces the port closed as if unplugged (tests, "reconnect" button). */
  drop(): void {
    this.lost(this.port, new Error('disconnected'));
  }
}
