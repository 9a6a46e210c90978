import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import type { ExportJob } from '../../../api/contract';
import type { EventBus } from '../../../events';
import { dayRange } from '../day-range';
import { writeCsv } from './csv-export';
import { openSnapshotReader } from '../../../db/snapshot-reader';
import { EXPORT_SOURCES } from './export-sources';

const jobs = new Map<string, ExportJob>();
/** Progress events at most this often, and always at the start and the end. */
const EVENT_EVERY_MS = 250;

/** Starts an export in the background and returns at once; progress arrives as events. */
export function startExport(
  ds: DataSource,
  /** The data folder: files go to its `exports` folder. */
  dataDir: string,
  events: EventBus,
  input: { kind: keyof typeof EXPORT_SOURCES; from: string; to: string },
  /** The shop's time zone: which instants the from/to days cover. */
  zone: string,
): ExportJob {
  const dir = path.join(dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `${input.kind}-${input.from}-to-${input.to}.csv`;
  const job: ExportJob = {
    jobId: randomUUID(),
    kind: input.kind,
    fileName,
    path: path.join(dir, fileName),
    total: 0,
    done: 0,
    state: 'running',
    error: null,
  };
  jobs.set(job.jobId, job);
  let lastEvent = 0;
  const publish = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastEvent < EVENT_EVERY_MS) return;
    lastEvent = now;
    events.publish('export.progress', { ...job });
  };
  const range = { from: dayRange(input.from, zone).from, to: dayRange(input.to, zone).to };
  void openSnapshotReader(ds)
    .then((reader) =>
      writeCsv(reader, EXPORT_SOURCES[input.kind], range, job.path, (done, total) => {
        job.done = done;
        job.total = total;
        publish(done === 0);
      }),
    )
    .then(() => {
      job.state = 'done';
    })
    .catch((err: unknown) => {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    })
    .finally(() => publish(true));
  return { ...job };
}

export function exportStatus(jobId: string): ExportJob | null {
  const job = jobs.get(jobId);
  return job ? { ...job } : null;
}

/** Resolves when the job has finished (tests and the CLI wait on it). */
export async function waitForExport(jobId: string): Promise<ExportJob> {
  for (;;) {
    const job = jobs.get(jobId);
    if (!job || job.state !== 'running')
      return job ? { ...job } : Promise.reject(new Error('no such job'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
