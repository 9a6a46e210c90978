import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../workers/worker-script';
import type { BatchResult, WriteBatch } from './import-writer';

/** The main thread's side of the import's writer thread (import-writer.ts): one per import,
 * started for its write pass and ended with it. */
export class ImportWriter {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: BatchResult) => void>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (r: BatchResult) => {
      this.waiting.get(r.id)?.(r);
      this.waiting.delete(r.id);
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const done of this.waiting.values())
        done({ id: 0, imported: 0, used: 0, conflicts: [], error: err.message });
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the import writer stopped (exit ${code})`)));
  }

  /** Starts the thread on the shop's file `dbFile`; resolves once its connection is open. */
  static async start(dbFile: string): Promise<ImportWriter> {
    const script = await workerScript(
      'import-writer',
      __dirname,
      path.join(__dirname, 'import-writer.ts'),
    );
    const worker = new Worker(script, { workerData: { file: dbFile } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return new ImportWriter(worker);
  }

  /** Writes one batch; call it only from inside the dispatcher's queue (`ctx.slice`). */
  async write(batch: Omit<WriteBatch, 'id'>): Promise<BatchResult> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const r = await new Promise<BatchResult>((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...batch, id });
    });
    if (r.error) throw new Error(`the import could not write: ${r.error}`);
    return r;
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
