import { SerialPort } from 'serialport';
import type { PeripheralDto, PeripheralStatus, SerialPortInfo } from '../api/contract';
import type { Services } from '../api/method';
import { sqlOf } from '../db/sql';
import { hostCondition } from './host-status';
import { queryHostStatus, queryRealtimeStatus } from './host-query';
import { loadPeripherals, withDefaults } from './peripherals';
import { PrintWorker, type PrinterHandle } from './print-worker';
import { ScanDecoder } from './scan-decoder';
import {
  DEFAULT_BACKOFF,
  SerialLink,
  realTimers,
  serialPortFactory,
  type Backoff,
  type PortFactory,
  type PortSettings,
  type Timers,
} from './serial-link';
import { portText } from './device-text';
import { dataUrlBytes } from './image-bitmap';

export interface DeviceRuntimeOptions {
  factory?: PortFactory;
  timers?: Timers;
  backoff?: Backoff;
  /** How long a printer gets to answer `~HS`. */
  hostStatusTimeoutMs?: number;
  /** Ask idle label printers for paper/head status this often (0 = never). */
  statusPollMs?: number;
  /** Look at the queue this often even without a `printJob.queued` event. */
  queuePollMs?: number;
  listPorts?: () => Promise<Array<{ path: string; manufacturer?: string }>>;
  /** Benchmarks: told when a job's last byte is on the wire. */
  onWritten?: (jobId: number) => void;
}

interface Entry extends PrinterHandle {
  decoder: ScanDecoder | null;
}

const portSettings = (d: PeripheralDto): PortSettings => ({
  path: d.path,
  baudRate: d.baudRate,
  dataBits: d.dataBits,
  parity: d.parity,
  stopBits: d.stopBits,
});

/** The port manager: one SerialLink per enabled device, the scanner decoders, the print worker. */
export class DeviceRuntime {
  private entries = new Map<number, Entry>();
  private worker: PrintWorker;
  private timers: ReturnType<typeof setInterval>[] = [];
  private unsubscribe: () => void = () => undefined;
  private readonly opts: Required<Omit<DeviceRuntimeOptions, 'listPorts' | 'onWritten'>> &
    Pick<DeviceRuntimeOptions, 'listPorts' | 'onWritten'>;

  constructor(
    private readonly services: Services,
    exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
    opts: DeviceRuntimeOptions = {},
  ) {
    this.opts = {
      factory: opts.factory ?? serialPortFactory,
      timers: opts.timers ?? realTimers,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      hostStatusTimeoutMs: opts.hostStatusTimeoutMs ?? 1500,
      statusPollMs: opts.statusPollMs ?? 15_000,
      queuePollMs: opts.queuePollMs ?? 3000,
      listPorts: opts.listPorts,
      onWritten: opts.onWritten,
    };
    this.worker = new PrintWorker({
      // A restore swaps services.dataSource for the restored file: always read the current one.
      sql: () => sqlOf(services.dataSource.manager),
      events: services.events,
      now: services.now,
      exclusive,
      printers: () => [...this.entries.values()],
      defaults: () => services.station.defaults,
      station: () => services.station.id,
      retired: () => services.station.retiredAt !== null,
      maxAttempts: () => services.settings.get('print.maxAttempts'),
      log: (m, e) => console.error(`[devices] ${m}`, e),
      confirm: (p) => queryHostStatus(p.link, this.opts.hostStatusTimeoutMs),
      confirmReceipt: async (p) =>
        (await queryRealtimeStatus(p.link, 1, this.opts.hostStatusTimeoutMs)) !== null,
      written: (id) => this.opts.onWritten?.(id),
      logo: () => dataUrlBytes(services.settings.get('shop.logo')),
      recheck: (p) => void this.check(p as Entry),
    });
  }

  async start(): Promise<void> {
    // Jobs the app was writing when it last stopped may or may not have printed: a label
    // printer's host status settles them once it is online, otherwise a person does.
    const interrupted = await this.worker.recoverInterrupted();

    this.unsubscribe = this.services.events.subscribe((msg) => {
      if (msg.name === 'printJob.queued') this.worker.kick();
    });
    if (this.opts.queuePollMs > 0)
      this.timers.push(setInterval(() => this.worker.kick(), this.opts.queuePollMs));
    if (this.opts.statusPollMs > 0)
      this.timers.push(setInterval(() => this.pollStatus(), this.opts.statusPollMs));
    for (const t of this.timers) t.unref?.();
    await this.reload();
    for (const [id, jobs] of interrupted) {
      const e = this.entries.get(id);
      if (e && this.asksHostStatus(e)) {
        e.needsCheck = true;
        e.awaiting.push(...jobs);
      }
    }
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.entries.values()].map((e) => this.dispose(e)));
    this.entries.clear();
    await this.worker.drained();
  }

  kick(): void {
    this.worker.kick();
  }

  /** Re-reads the device table: changed devices reopen, removed ones close. */
  async reload(): Promise<void> {
    const devices = (
      await loadPeripherals(sqlOf(this.services.dataSource.manager), this.services.station.id)
    ).map(withDefaults);
    const seen = new Set<number>();
    for (const d of devices) {
      seen.add(d.id);
      const old = this.entries.get(d.id);
      if (old && JSON.stringify(old.device) === JSON.stringify(d)) continue;
      if (old) await this.dispose(old);
      this.entries.delete(d.id);
      this.open(d);
    }
    for (const [id, e] of this.entries) {
      if (!seen.has(id)) {
        await this.dispose(e);
        this.entries.delete(id);
        this.services.events.publish('hardware.status', {
          deviceId: id,
          state: 'disabled',
          condition: null,
          detail: portText.removed(),
          at: this.services.now(),
        });
      }
    }
    this.worker.kick();
  }

  private open(d: PeripheralDto) {
    const link = new SerialLink(portSettings(d), {
      factory: this.opts.factory,
      timers: this.opts.timers,
      backoff: this.opts.backoff,
    });
    const entry: Entry = {
      device: d,
      link,
      owner: null,
      needsCheck: false,
      awaiting: [],
      condition: null,
      decoder: null,
    };
    if (d.kind === 'scanner') {
      entry.decoder = new ScanDecoder(
        (code) => this.services.events.publish('scan', { code, deviceId: d.id }),
        {
          silenceMs: d.options.silenceMs ?? 100,
          minLength: 3,
          timers: this.opts.timers,
        },
      );
      link.on('data', (chunk: Buffer) => entry.decoder?.feed(chunk));
      link.on('lost', () => entry.decoder?.dispose());
    }
    link.on('state', () => {
      this.publish(entry);
      if (link.state === 'online') void this.onOnline(entry);
    });
    this.entries.set(d.id, entry);
    if (d.enabled) link.start();
    this.publish(entry);
  }

  private async dispose(e: Entry) {
    e.decoder?.dispose();
    e.link.removeAllListeners('state');
    await e.link.stop();
  }

  private async onOnline(e: Entry) {
    if (e.device.kind !== 'scanner') await this.check(e);
    this.worker.kick();
  }

  private asksHostStatus = (e: Entry) =>
    e.device.kind === 'label_printer' && e.device.options.hostStatus !== false;

  /** Asks a printer how it is: paper and head/cover (ZPL `~HS`, ESC/POS DLE EOT 4 and 2), and
   * for a label printer whether an interrupted label reached its end (no partial format) or
   * must be cleared and sent again. */
  private async check(e: Entry) {
    if (e.owner || e.link.state !== 'online') return;
    e.owner = 'check';
    const wait = this.opts.hostStatusTimeoutMs;
    try {
      let condition: Entry['condition'] = null;
      if (e.device.kind === 'receipt_printer') {
        const paper = await queryRealtimeStatus(e.link, 4, wait);
        const cover = await queryRealtimeStatus(e.link, 2, wait);
        if (paper !== null && paper & 0x60) condition = 'paper_out';
        else if (cover !== null && cover & 0x04) condition = 'head_open';
      } else if (this.asksHostStatus(e)) {
        const status = await queryHostStatus(e.link, wait);
        if (e.needsCheck) {
          if (status?.partialFormat)
            await e.link.write(Buffer.from('~JA', 'ascii')).catch(() => undefined);
          if (status || e.link.state === 'online') {
            await this.worker.settleUncertain(
              e.awaiting.splice(0),
              status ? !status.partialFormat : null,
            );
            e.needsCheck = false;
          }
        }
        condition = status ? hostCondition(status) : null;
      }
      if (condition !== e.condition) {
        e.condition = condition;
        this.publish(e);
      }
    } finally {
      if (e.owner === 'check') e.owner = null;
      this.worker.kick();
    }
  }

  private pollStatus() {
    for (const e of this.entries.values()) {
      if (e.device.kind !== 'scanner' && e.link.state === 'online' && !e.owner) void this.check(e);
    }
  }

  statusOf(e: Entry): PeripheralStatus {
    const state = !e.device.enabled ? 'disabled' : e.link.state;
    return {
      deviceId: e.device.id,
      state,
      condition: state === 'online' ? (e.condition as PeripheralStatus['condition']) : null,
      detail: e.link.detail,
      at: this.services.now(),
    };
  }

  private publish(e: Entry) {
    this.services.events.publish('hardware.status', this.statusOf(e));
  }

  statuses(): PeripheralStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  /** Waits (briefly) until a device has either opened or failed to, for a test print's answer. */
  async settled(id: number, timeoutMs: number): Promise<PeripheralStatus | null> {
    const e = this.entries.get(id);
    if (!e) return null;
    const deadline = Date.now() + timeoutMs;
    while (e.link.state === 'connecting' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return this.statusOf(e);
  }

  /** The system's serial ports. `SerialPort.list()` needs udev on Linux and throws without
   * it; then the list is empty, the reason is shown, and the path is typed by hand. */
  async listPorts(): Promise<{ ports: SerialPortInfo[]; error: string | null }> {
    return listSerialPorts(this.opts.listPorts);
  }
}

export async function listSerialPorts(
  lister: () => Promise<Array<{ path: string; manufacturer?: string }>> = () => SerialPort.list(),
): Promise<{ ports: SerialPortInfo[]; error: string | null }> {
  try {
    const ports = await lister();
    return {
      ports: ports.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null })),
      error: null,
    };
  } catch (err) {
    return {
      ports: [],
      error: portText.cannotList(err instanceof Error ? err.message : String(err)),
    };
  }
}
