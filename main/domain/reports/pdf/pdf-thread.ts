import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../../workers/worker-script';
import { reportFontPath } from '../report-fonts';
import { layOut, type PdfJob } from './pdf-job';

/**
 * PDFs are laid out on a worker thread: pdfmake works synchronously for about a second on a
 * busy day's report (fonts, tables, page breaks), which on the main thread would hold every
 * other call and every device event that long. One worker, started on first use, kept for
 * the next; it ends with the process (unref).
 *
 * Its code: the Electron build emits `pdf-worker.js` beside `main.js`; from TypeScript sources
 * (tsx CLIs, tests) the worker entry is bundled once into node_modules/.cache with esbuild,
 * as the crash drill bundles its child.
 */
let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function start(file: string): Worker {
  const w = new Worker(file, {
    // The worker finds the font the same way, but Electron's resourcesPath is not set there.
    env: { ...process.env, WORKSTATION_FONTS: path.dirname(reportFontPath()) },
  });
  w.unref();
  w.on('message', (m: { id: number; bytes?: Uint8Array; error?: string }) => {
    const p = waiting.get(m.id);
    waiting.delete(m.id);
    if (waiting.size === 0) w.unref(); // idle: never what keeps the process alive
    if (m.bytes) p?.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    else p?.reject(new Error(m.error ?? 'the PDF worker failed'));
  });
  const fail = (err: Error) => {
    worker = null;
    for (const p of waiting.values()) p.reject(err);
    waiting.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the PDF worker stopped (exit ${code})`)));
  return w;
}

/** Lays out `job` on the PDF thread; where no thread can start, here (slower, but a PDF). */
export async function renderPdfJob(job: PdfJob): Promise<Buffer> {
  try {
    const file = await workerScript('pdf-worker', __dirname, path.join(__dirname, 'pdf-worker.ts'));
    worker ??= start(file);
  } catch {
    return layOut(job);
  }
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.ref();
    worker!.postMessage({ id, job });
  });
}
