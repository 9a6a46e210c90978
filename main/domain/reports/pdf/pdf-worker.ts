import { parentPort } from 'node:worker_threads';
import { layOut, type PdfJob } from './pdf-job';

/** The PDF worker thread: lays out one job at a time and sends the bytes back (transferred,
 * not copied). Its own entry in the Electron build (electron.vite.config.ts). */
parentPort?.on('message', (msg: { id: number; job: PdfJob }) => {
  layOut(msg.job).then(
    (buf) => {
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
      parentPort?.postMessage({ id: msg.id, bytes }, [bytes.buffer]);
    },
    (err: unknown) =>
      parentPort?.postMessage({
        id: msg.id,
        error: err instanceof Error ? err.message : String(err),
      }),
  );
});
