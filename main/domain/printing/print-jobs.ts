import type { EntityManager } from 'typeorm';
import type { PrintDocument, PrintJobDto } from '../../api/contract';
import { Peripheral, PrintJob } from '../../db/entities';

export interface PrintJobRequest {
  kind: string;
  ticketId: number | null;
  document: PrintDocument;
  key: string;
  now: number;
  /** Pins the job to one printer (test prints, reprints); otherwise routed by kind. */
  deviceId?: number | null;
  reprintOf?: number | null;
  /** The station queuing it (`services.station.id`): its print worker prints it, unless the
   * job is pinned to a printer plugged into another station. */
  station: string;
}

/** Queues a job in the caller's transaction; the print worker (main/devices/print-worker.ts)
 * picks queued jobs up after commit (on `printJob.queued`, or its poll). The idempotency key makes a retried request queue nothing new. */
export async function queuePrintJob(em: EntityManager, job: PrintJobRequest): Promise<PrintJob> {
  return (await queuePrintJobs(em, [job]))[0];
}

/** Several jobs in one INSERT (an intake's receipt and tag), ids in the order given. */
export async function queuePrintJobs(
  em: EntityManager,
  jobs: PrintJobRequest[],
): Promise<PrintJob[]> {
  const rows = [];
  for (const job of jobs) {
    const pinned = job.deviceId ? await em.findOneBy(Peripheral, { id: job.deviceId }) : null;
    rows.push({
      stationId: pinned?.stationId ?? job.station,
      kind: job.kind,
      ticketId: job.ticketId,
      payload: JSON.stringify(job.document),
      status: 'queued',
      idempotencyKey: job.key,
      attempts: 0,
      lastError: null,
      createdAt: job.now,
      updatedAt: job.now,
      printedAt: null,
      deviceId: job.deviceId ?? null,
      reprintOf: job.reprintOf ?? null,
    });
  }
  return em.save(PrintJob, rows);
}

export const toPrintJobDto = (j: PrintJob): PrintJobDto => ({
  id: j.id,
  kind: j.kind,
  ticketId: j.ticketId,
  status: j.status,
  attempts: j.attempts,
  lastError: j.lastError,
  createdAt: j.createdAt,
  deviceId: j.deviceId,
  reprintOf: j.reprintOf,
  printedAt: j.printedAt,
  stationId: j.stationId,
  document: JSON.parse(j.payload) as PrintDocument,
});
