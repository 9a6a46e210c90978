import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { notFound } from '../../api/errors';
import { defineMethod, type MethodContext } from '../../api/method';
import * as v from '../../api/schemas/inventory';
import { queuePrintJob, toPrintJobDto } from '../printing/print-jobs';
import { dbOf } from './context';
import { partDto } from './part-rows';
import { exportCsv, importPartsCsv } from './parts-csv';
import { shelfLabel } from './shelf-label';

/** Exports land in `<data>/exports`; the renderer downloads them in slices of this size. */
const CHUNK = 1024 * 1024;
const exportDir = (ctx: MethodContext) => path.join(path.dirname(ctx.services.raw.name), 'exports');

export const labelCsvMethods = [
  defineMethod('parts.printLabel', {
    input: v.labelSchema,
    access: 'stock.move',
    write: true,
    async handler({ partId, copies }, ctx) {
      const p = partDto(dbOf(ctx), partId);
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
        });
        ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: null });
      }
      ctx.audit.entity = 'part';
      ctx.audit.entityId = partId;
      ctx.audit.details = { copies };
      return toPrintJobDto(job!);
    },
  }),

  defineMethod('parts.import', {
    input: v.importSchema,
    access: 'stock.manage',
    write: true,
    async handler({ csv, mode }, ctx) {
      const report = await importPartsCsv(dbOf(ctx), () => Readable.from([csv]), mode, ctx.now);
      ctx.audit.entity = 'part';
      ctx.audit.details = { mode, rows: report.rows, imported: report.imported, bad: report.bad };
      if (report.imported) ctx.emit('stock.changed', { partIds: [] });
      return report;
    },
  }),

  defineMethod('parts.export', {
    input: v.exportSchema,
    access: 'stock.manage',
    write: false,
    auditReads: true,
    async handler({ what }, ctx) {
      const dir = exportDir(ctx);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(
        dir,
        `${what}-${new Date(ctx.now).toISOString().replace(/[:.]/g, '-')}.csv`,
      );
      const rows = await exportCsv(dbOf(ctx), what, fs.createWriteStream(file));
      ctx.audit.details = { what, rows };
      return { path: file, rows };
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
