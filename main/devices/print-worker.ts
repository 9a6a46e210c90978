import { marks, type Sql } from '../db/sql';
import type { PeripheralDto, PrintDocument, PrintJobStatus } from '../api/contract';
import type { EventBus } from '../events';
import type { HostStatus } from './host-status';
import { documentToWire, printerKindFor } from './peripherals';
import { DeviceOfflineError, type SerialLink } from './serial-link';
import { jobText, portText } from './device-text';

/** What the worker needs to know about one configured printer. */
export interface PrinterHandle {
  device: PeripheralDto;
  link: SerialLink;
  /** Who owns the port right now (`job:<id>` or `check`); only the owner releases it, so a
   * finishing job and a status check can never both think the port is free. */
  owner: string | null;
  /** The printer must be asked (~HS) before anything else is sent. */
  needsCheck: boolean;
  /** The uncertain jobs that check's answer decides: the ones cut off on this printer since its
   * last answer. An answer settles only these, never an older job a person is still asked about. */
  awaiting: number[];
  /** Paper out / head open reported by the printer: nothing is sent until it clears. */
  condition: string | null;
}

interface JobRow {
  id: number;
  kind: string;
  payload: string;
  device_id: number | null;
  attempts: number;
  last_error: string | null;
}

export interface WorkerDeps {
  /** The shop's database outside any call's transaction (each statement stands alone). */
  sql(): Sql;
  events: EventBus;
  now: () => number;
  /** Runs DB work in the dispatcher's queue (never inside another call's transaction). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  printers(): PrinterHandle[];
  defaults(): Record<string, number>;
  /** This station's id: the worker claims only jobs for it (issue 15). */
  station(): string;
  /** Retired by an admin: this station prints nothing (its jobs wait to be re-routed). */
  retired(): boolean;
  maxAttempts(): number;
  log(message: string, err?: unknown): void;
  /** `~HS` on this printer's link; null without an answer. */
  confirm(p: PrinterHandle): Promise<HostStatus | null>;
  /** DLE EOT on a receipt printer; false without an answer. */
  confirmReceipt(p: PrinterHandle): Promise<boolean>;
  /** The shop logo's bytes (setting `shop.logo`), or null. */
  logo(): Buffer | null;
  /** Runs the host-status check on a printer that stayed online. */
  recheck(p: PrinterHandle): void;
  /** Called when a job's last byte is written (benchmarks). */
  written?(jobId: number): void;
}

/**
 * The durable print queue's worker. A job is claimed ('printing'), its body written and
 * drained, then its tail (ZPL ^XZ / ESC/POS cut) written and drained; only then is it 'done'.
 * A port lost before the tail leaves a ZPL job safely re-queued (the label cannot have
 * printed), a receipt 'uncertain'; a port lost during the tail leaves the job 'uncertain'
 * until the printer's host status (or a person) says whether it printed.
 */
export class PrintWorker {
  private running = false;
  private again = false;
  private stopped = false;
  /** The pass running now, and the jobs being sent: closing waits for them, so no statement
   * reaches a database already closed (on PostgreSQL they are round trips still away). */
  private pass: Promise<void> = Promise.resolve();
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly deps: WorkerDeps) {}

  /** No new pass; resolves when the one running has claimed what it claims. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pass;
  }

  /** Resolves when every job being sent has its outcome recorded (after its port closed). */
  async drained(): Promise<void> {
    while (this.sending.size) await Promise.all([...this.sending]);
  }

  /** Looks for work soon; calls coalesce. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.pass = this.loop();
  }

  private async loop() {
    try {
      do {
        this.again = false;
        const claimed = await this.deps.exclusive(() => this.claim());
        for (const c of claimed) {
          const sent = this.send(c.job, c.printer).finally(() => this.sending.delete(sent));
          this.sending.add(sent);
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.deps.log('print worker pass failed', err);
    } finally {
      this.running = false;
    }
  }

  private route(job: JobRow, doc: PrintDocument): PrinterHandle | null {
    const printers = this.deps
      .printers()
      .filter((p) => p.device.enabled && p.device.kind !== 'scanner');
    const pinned = job.device_id ?? this.deps.defaults()[job.kind];
    if (pinned) return printers.find((p) => p.device.id === pinned) ?? null;
    return printers.find((p) => p.device.kind === printerKindFor(doc)) ?? null;
  }

  /** Sets why a job waits on every queued job of its group (the same printer, or the same
   * unrouted kind), so each row in the queue says it; rows already saying it are not touched. */
  private async setError(job: JobRow, message: string) {
    if (job.last_error === message) return;
    const group = job.device_id !== null ? 'device_id = ?' : 'device_id IS NULL AND kind = ?';
    await this.deps
      .sql()
      .run(
        `UPDATE print_job SET last_error = ?, updated_at = ? WHERE status = 'queued' AND station_id = ? AND ${group} AND (last_error IS NULL OR last_error <> ?)`,
        message,
        this.deps.now(),
        this.deps.station(),
        job.device_id ?? job.kind,
        message,
      );
  }

  /**
   * Claims at most one job per printer. Only the head of each line is read: the oldest queued
   * job pinned to each printer, and the oldest unpinned job of each kind (a kind routes to one
   * printer). So a thousand labels waiting for an unplugged printer never hide a receipt for an
   * online one (one window of the first N queued jobs did). Index: print_job_queue_head.
   * Only this station's jobs are read (several stations share one PostgreSQL queue).
   */
  private async claim(): Promise<Array<{ job: JobRow; printer: PrinterHandle }>> {
    const { now } = this.deps;
    if (this.deps.retired()) return [];
    const station = this.deps.station();
    const sql = this.deps.sql();
    const jobs = await sql.all<JobRow>(
      `SELECT id, kind, payload, device_id, attempts, last_error FROM print_job WHERE id IN (
         SELECT min(id) FROM print_job WHERE status = 'queued' AND station_id = ? AND device_id IS NOT NULL GROUP BY device_id
         UNION ALL
         SELECT min(id) FROM print_job WHERE status = 'queued' AND station_id = ? AND device_id IS NULL GROUP BY kind
       ) ORDER BY id`,
      station,
      station,
    );
    // The claim is one conditional UPDATE (still queued, still this station's: a manager may
    // have re-routed it meanwhile). On PostgreSQL the row is taken FOR UPDATE SKIP LOCKED, so a
    // re-route or cancel holding it makes the worker pass it by instead of waiting.
    const target =
      sql.engine === 'postgres'
        ? `id = (SELECT id FROM print_job WHERE id = ? AND status = 'queued' AND station_id = ? FOR UPDATE SKIP LOCKED)`
        : `id = ? AND status = 'queued' AND station_id = ?`;
    const taken = new Set<number>();
    const out: Array<{ job: JobRow; printer: PrinterHandle }> = [];
    for (const job of jobs) {
      const doc = JSON.parse(job.payload) as PrintDocument;
      const printer = this.route(job, doc);
      if (!printer) {
        await this.setError(job, jobText.noPrinter());
        continue;
      }
      if (taken.has(printer.device.id) || printer.owner) continue;
      taken.add(printer.device.id);
      if (printer.link.state !== 'online') {
        await this.setError(job, jobText.offline(printer.device.name, printer.link.detail));
        continue;
      }
      if (printer.needsCheck) continue;
      if (printer.condition) {
        await this.setError(job, jobText.condition(printer.device.name, printer.condition));
        continue;
      }
      // The port is taken before the claim is written: a status check arriving while the
      // statement is away (a round trip on a server) must find it owned.
      const owner = `job:${job.id}`;
      printer.owner = owner;
      const res = await sql
        .run(
          `UPDATE print_job SET status = 'printing', device_id = ?, attempts = attempts + 1, updated_at = ? WHERE ${target}`,
          printer.device.id,
          now(),
          job.id,
          station,
        )
        .catch((err: unknown) => {
          if (printer.owner === owner) printer.owner = null;
          throw err;
        });
      if (res.changes !== 1) {
        if (printer.owner === owner) printer.owner = null;
        continue;
      }
      out.push({ job: { ...job, attempts: job.attempts + 1 }, printer });
    }
    return out;
  }

  private async send(job: JobRow, printer: PrinterHandle) {
    let phase: 'layout' | 'body' | 'tail' = 'layout';
    let outcome: { status: PrintJobStatus; error: string | null };
    try {
      const wire = documentToWire(
        JSON.parse(job.payload) as PrintDocument,
        printer.device,
        job.id,
        this.deps.logo(),
      );
      const { link } = printer;
      phase = 'body';
      await link.write(wire.body);
      // Host status travels the same wire behind the bytes: an answer proves they arrived.
      const asks =
        printer.device.kind === 'label_printer' && printer.device.options.hostStatus !== false;
      const before = asks ? await this.deps.confirm(printer) : null;
      // Without that answer the body may not have arrived (or the port was swapped under us by a
      // reconnect): sending ^XZ now could complete nothing and still be called done.
      if (asks && !before) throw new DeviceOfflineError(link.detail ?? portText.noAnswer());
      phase = 'tail';
      await link.write(wire.tail);
      this.deps.written?.(job.id);
      outcome = { status: 'done', error: null };
      if (before) {
        let after = await this.deps.confirm(printer);
        // A busy printer may answer late: ask again while the port is up.
        for (let i = 0; i < 2 && !after && link.state === 'online'; i++)
          after = await this.deps.confirm(printer);
        if (!after) throw new DeviceOfflineError(link.detail ?? portText.noAnswer());
        if (after.partialFormat) {
          // This answer is about this label: the printer holds it unfinished, so it did not
          // print. Drop the fragment and send the label again.
          await link.write(Buffer.from('~JA', 'ascii')).catch(() => undefined);
          outcome = {
            status: job.attempts >= this.deps.maxAttempts() ? 'failed' : 'queued',
            error: jobText.incomplete(),
          };
        }
      } else if (printer.device.kind === 'receipt_printer') {
        // A real-time status byte behind the cut proves the receipt reached the printer.
        const answered = await this.deps.confirmReceipt(printer);
        if (!answered && link.state !== 'online')
          throw new DeviceOfflineError(link.detail ?? portText.noAnswer());
      }
    } catch (err) {
      outcome = this.failure(job, printer, phase, err);
    }
    try {
      await this.deps.exclusive(() => this.finish(job, outcome));
    } catch (err) {
      this.deps.log(`could not record print job ${job.id}`, err);
    } finally {
      if (printer.owner === `job:${job.id}`) printer.owner = null;
      // Still online but unsure (no status answer): ask now rather than at the next reconnect.
      if (printer.needsCheck && printer.link.state === 'online') this.deps.recheck(printer);
      this.kick();
    }
  }

  private failure(
    job: JobRow,
    printer: PrinterHandle,
    phase: 'layout' | 'body' | 'tail',
    err: unknown,
  ): { status: PrintJobStatus; error: string } {
    const message = err instanceof Error ? err.message : String(err);
    const isLabel = printer.device.kind === 'label_printer';
    const asks = isLabel && printer.device.options.hostStatus !== false;
    if (phase === 'layout') return { status: 'failed', error: jobText.layout(message) };
    const exhausted = job.attempts >= this.deps.maxAttempts();
    if (err instanceof DeviceOfflineError && err.notSent) {
      return { status: exhausted ? 'failed' : 'queued', error: message };
    }
    if (phase === 'body' && isLabel) {
      // No ^XZ went out: the label cannot have printed. A partial format may sit in the
      // printer; the host-status check clears it before the resend.
      if (asks) printer.needsCheck = true;
      return {
        status: exhausted ? 'failed' : 'queued',
        error: jobText.interruptedBody(message),
      };
    }
    if (asks && err instanceof DeviceOfflineError) {
      printer.needsCheck = true;
      printer.awaiting.push(job.id);
      return {
        status: 'uncertain',
        error: jobText.interruptedTail(message),
      };
    }
    return { status: 'uncertain', error: jobText.uncertain(message) };
  }

  private async finish(job: JobRow, o: { status: PrintJobStatus; error: string | null }) {
    const now = this.deps.now();
    await this.deps
      .sql()
      .run(
        `UPDATE print_job SET status = ?, last_error = ?, printed_at = ?, updated_at = ? WHERE id = ?`,
        o.status,
        o.error,
        o.status === 'done' ? now : null,
        now,
        job.id,
      );
    this.deps.events.publish('printJob.updated', {
      id: job.id,
      kind: job.kind,
      status: o.status,
      lastError: o.error,
    });
  }

  /** At start: 'printing' rows belong to a run that stopped mid-write. Returns them by printer. */
  async recoverInterrupted(): Promise<Map<number, number[]>> {
    return this.deps.exclusive(async () => {
      const rows = await this.deps
        .sql()
        .all<JobRow>(
          `SELECT id, kind, payload, device_id, attempts, last_error FROM print_job WHERE status = 'printing' AND station_id = ?`,
          this.deps.station(),
        );
      for (const job of rows) {
        await this.finish(job, {
          status: 'uncertain',
          error: jobText.appStopped(),
        });
      }
      const byPrinter = new Map<number, number[]>();
      for (const r of rows) {
        if (r.device_id !== null)
          byPrinter.set(r.device_id, [...(byPrinter.get(r.device_id) ?? []), r.id]);
      }
      return byPrinter;
    });
  }

  /** After the printer's host status answered: settle the jobs that answer is about (the ones
   * cut off since its last answer), if a person has not settled them meanwhile. */
  async settleUncertain(jobIds: number[], printed: boolean | null): Promise<void> {
    if (jobIds.length === 0) return;
    await this.deps.exclusive(async () => {
      const rows = await this.deps
        .sql()
        .all<JobRow>(
          `SELECT id, kind, payload, device_id, attempts, last_error FROM print_job WHERE status = 'uncertain' AND id IN (${marks(jobIds.length)})`,
          ...jobIds,
        );
      for (const job of rows) {
        if (printed === null) {
          await this.finish(job, {
            status: 'uncertain',
            error: jobText.noStatus(),
          });
        } else if (printed) {
          await this.finish(job, { status: 'done', error: null });
        } else {
          await this.finish(job, {
            status: 'queued',
            error: jobText.incomplete(),
          });
        }
      }
    });
    this.kick();
  }
}
