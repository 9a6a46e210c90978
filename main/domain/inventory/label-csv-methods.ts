import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { ApiError, notFound } from '../../api/errors';
import { defineMethod, type MethodContext } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { queuePrintJob, toPrintJobDto } from '../printing/print-jobs';
import { partDto } from './part-rows';
import { ImportWriter } from './import-writer-thread';
import { exportCsv, importPartsCsv } from './parts-csv';
import { shelfLabel } from './shelf-label';
import { sqlOf } from '../../db/sql';
import { openSnapshotSql } from '../../db/snapshot-sql';
import { writeRows } from './import-rows';

/** Exports land in `<data>/exports`; the renderer downloads them in slices of this size. */
const CHUNK = 1024 * 1024;
const exportDir = (ctx: MethodContext) => path.join(ctx.services.dataDir, 'exports');
/** Uploads for import land in `<data>/imports/<id>.csv`; the id is a UUID checked by the schema. */
const uploadFile = (ctx: MethodContext, id: string) =>
  path.join(ctx.services.dataDir, 'imports', `${id}.csv`);
const UPLOAD_TTL_MS = 24 * 3_600_000;

/** A text in 64 KiB pieces (never splitting a surrogate pair): the CSV parser works one piece
 * at a time, where one 7 MB piece would hold the event loop for seconds. */
function* pieces(text: string, size = 1 << 16): Generator<string> {
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++;
    yield text.slice(i, end);
    i = end;
  }
}

/** Uploads nobody imported (a closed window, an abandoned check) go after a day. */
function dropStaleUploads(dir: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (now - fs.statSync(full).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(full, { force: true });
  }
}

export const labelCsvMethods = [
  defineMethod('parts.printLabel', {
    input: v.labelSchema,
    access: 'stock.move',
    write: true,
    async handler({ partId, copies }, ctx) {
      const p = await partDto(sqlOf(ctx.em), partId);
      const { settings } = ctx.services;
      const doc = shelfLabel(
        {
          sku: p.sku,
          name: p.name,
          bin: p.bin,
          priceCents: p.priceCents,
          code: p.barcodes[0] ?? p.sku,
        },
        settings.get('print.labelWidthMm'),
        settings.get('print.labelHeightMm'),
      );
      let job = null;
      for (let i = 0; i < copies; i++) {
        job = await queuePrintJob(ctx.em, {
          kind: 'shelf_label',
          ticketId: null,
          document: doc,
          key: `shelf:${partId}:${randomUUID()}`,
          now: ctx.now,
          station: ctx.services.station.id,
        });
        ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: null });
      }
      ctx.audit.entity = 'part';
      ctx.audit.entityId = partId;
      ctx.audit.details = { copies };
      return toPrintJobDto(job!);
    },
  }),

  defineMethod('parts.importUpload', {
    input: v.importUploadSchema,
    access: 'stock.manage',
    write: false,
    async handler({ upload, offset, base64 }, ctx) {
      const id = upload ?? randomUUID();
      const file = uploadFile(ctx, id);
      if (!upload) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        dropStaleUploads(path.dirname(file), ctx.now);
      } else if (!fs.existsSync(file)) throw notFound('Upload', 'partsImport.noUpload');
      const size = upload ? fs.statSync(file).size : 0;
      // Slices come in order; a repeated or skipped slice would corrupt the file.
      if (offset !== size) {
        throw new ApiError(
          'CONFLICT',
          `The upload has ${size} bytes; this slice starts at ${offset}.`,
          {
            key: 'partsImport.badOffset',
            params: { size, offset },
          },
        );
      }
      await fs.promises.appendFile(file, Buffer.from(base64, 'base64'));
      return { upload: id, size: fs.statSync(file).size };
    },
  }),

  defineMethod('parts.import', {
    input: v.importSchema,
    access: 'stock.manage',
    write: true,
    long: true,
    async handler({ csv, upload, mode }, ctx) {
      const file = upload ? uploadFile(ctx, upload) : null;
      if (file && !fs.existsSync(file)) throw notFound('Upload', 'partsImport.noUpload');
      const open = () => (file ? fs.createReadStream(file) : Readable.from(pieces(csv ?? '')));
      const reader = await openSnapshotSql(ctx.services.dataSource);
      // SQLite: a writer thread on the file, started with the write pass (a check never needs
      // it). PostgreSQL: each batch is a slice of the dispatcher's queue on the pool.
      const sqlite = ctx.services.engine === 'sqlite';
      const writer: { thread: Promise<ImportWriter> | null } = { thread: null };
      let report;
      try {
        report = await importPartsCsv(
          {
            read: reader.sql,
            write: async (rows, stopAtConflict) => {
              const batch = { now: ctx.now, rows, stopAtConflict };
              if (!sqlite) return ctx.slice((em) => writeRows(sqlOf(em), batch));
              const w = await (writer.thread ??= ImportWriter.start(
                ctx.services.dataSource.options.database as string,
              ));
              // In the queue, so no other call writes while the thread holds the lock; and no
              // transaction here on the app's connection (see sliceElsewhere).
              return ctx.sliceElsewhere(() => w.write(batch));
            },
          },
          open,
          mode,
        );
      } finally {
        await reader.close();
        if (writer.thread) await (await writer.thread).stop();
        ctx.emit('stock.changed', { partIds: [] });
      }
      // Done with once its rows are in; a check, or an 'all' refused for bad rows, keeps it
      // for the import that follows ('good' after all); the rest go after a day.
      const finished = mode === 'good' || (mode === 'all' && report.bad === 0);
      if (file && finished) fs.rmSync(file, { force: true });
      ctx.audit.entity = 'part';
      ctx.audit.details = {
        mode,
        rows: report.rows,
        imported: report.imported,
        bad: report.bad,
        already: report.already,
      };
      return report;
    },
  }),

  defineMethod('parts.export', {
    input: v.exportSchema,
    access: 'stock.manage',
    write: false,
    auditReads: true,
    long: true,
    async handler({ what }, ctx) {
      const dir = exportDir(ctx);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(
        dir,
        `${what}-${new Date(ctx.now).toISOString().replace(/[:.]/g, '-')}.csv`,
      );
      // One snapshot on a private connection: a consistent file, and the app keeps working.
      const reader = await openSnapshotSql(ctx.services.dataSource);
      try {
        const rows = await exportCsv(reader.sql, what, fs.createWriteStream(file));
        ctx.audit.details = { what, rows };
        return { path: file, rows };
      } finally {
        await reader.close();
      }
    },
  }),

  defineMethod('parts.exportRead', {
    input: v.exportReadSchema,
    access: 'stock.manage',
    write: false,
    async handler({ file, offset }, ctx) {
      // The name is checked by the schema (no path parts), so this stays inside exports/.
      const full = path.join(exportDir(ctx), file);
      if (!fs.existsSync(full)) throw notFound('Export', 'errors.exportNotFound');
      const fd = await fs.promises.open(full, 'r');
      try {
        const { size } = await fd.stat();
        const buf = Buffer.alloc(Math.max(0, Math.min(CHUNK, size - offset)));
        const { bytesRead } = await fd.read(buf, 0, buf.length, offset);
        const nextOffset = offset + bytesRead;
        return {
          base64: buf.subarray(0, bytesRead).toString('base64'),
          size,
          nextOffset,
          done: nextOffset >= size,
        };
      } finally {
        await fd.close();
      }
    },
  }),
];
