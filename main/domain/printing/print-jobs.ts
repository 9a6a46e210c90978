import type { EntityManager } from 'typeorm';
import type { PrintDocument, PrintJobDto } from '../../api/contract';
import { PrintJob } from '../../db/entities';

/** Queues a job in the caller's transaction; the serial printer worker (a later issue)
 * picks queued jobs up. The idempotency key makes a retried request queue nothing new. */
export async function queuePrintJob(
  em: EntityManager,
  job: { kind: string; ticketId: number | null; document: PrintDocument; key: string; now: number },
): Promise<PrintJob> {
  return em.save(PrintJob, {
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
  });
}

export const toPrintJobDto = (j: PrintJob): PrintJobDto => ({
  id: j.id,
  kind: j.kind,
  ticketId: j.ticketId,
  status: j.status,
  attempts: j.attempts,
  lastError: j.lastError,
  createdAt: j.createdAt,
  document: JSON.parse(j.payload) as PrintDocument,
});
