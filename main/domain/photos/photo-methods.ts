import type { EntityManager } from 'typeorm';
import type { PhotoDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { byId } from '../../api/schemas/misc';
import { photoAddSchema, photoListSchema, photoRemoveSchema } from '../../api/schemas/photos';
import { TicketPhoto } from '../../db/entities';
import { loadForChange, timeline } from '../bench/move-ticket';
import { checkPhoto } from './photo-check';
import { readPhoto, storePhoto } from './photo-store';

async function photoDtos(em: EntityManager, where: string, params: unknown[]): Promise<PhotoDto[]> {
  const rows: Array<{
    id: number;
    ticket_id: number;
    mime: string;
    size_bytes: number;
    width: number;
    height: number;
    original_name: string;
    caption: string | null;
    staff_name: string;
    created_at: number;
  }> = await em.query(
    `SELECT p.id, p.ticket_id, p.mime, p.size_bytes, p.width, p.height, p.original_name, p.caption,
            s.name AS staff_name, p.created_at
     FROM ticket_photo p JOIN staff s ON s.id = p.staff_id
     WHERE ${where} ORDER BY p.created_at, p.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    mime: r.mime,
    sizeBytes: r.size_bytes,
    width: r.width,
    height: r.height,
    fileName: r.original_name,
    caption: r.caption,
    staffName: r.staff_name,
    createdAt: r.created_at,
  }));
}

const photoNotFound = () =>
  new ApiError('NOT_FOUND', 'That photo was not found.', { key: 'errors.photoNotFound' });

export const photoMethods = [
  defineMethod('photos.add', {
    input: photoAddSchema,
    access: 'photo.add',
    write: true,
    async handler({ ticketId, fileName, caption, dataBase64 }, ctx) {
      const ticket = await loadForChange(ctx.em, ticketId);
      const bytes = Buffer.from(dataBase64, 'base64');
      const info = checkPhoto(bytes, ctx.services.settings.get('photo.maxBytes'));
      const sha256 = storePhoto(ctx.services.dataDir, bytes);
      const saved = await ctx.em.save(TicketPhoto, {
        ticketId,
        sha256,
        mime: info.mime,
        sizeBytes: bytes.length,
        width: info.width,
        height: info.height,
        originalName: fileName,
        caption: caption ?? null,
        staffId: ctx.session.staffId,
        createdAt: ctx.now,
        removedAt: null,
        removedBy: null,
        removedReason: null,
      });
      await timeline(ctx, ticketId, 'photo', caption ?? fileName);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.audit.details = { photoId: saved.id, sha256, bytes: bytes.length };
      ctx.emit('ticket.updated', { ticketId, number: ticket.number });
      return (await photoDtos(ctx.em, 'p.id = ?', [saved.id]))[0];
    },
  }),

  defineMethod('photos.list', {
    input: photoListSchema,
    access: 'ticket.read',
    write: false,
    async handler({ ticketId }, ctx) {
      await loadForChange(ctx.em, ticketId);
      return photoDtos(ctx.em, 'p.ticket_id = ? AND p.removed_at IS NULL', [ticketId]);
    },
  }),

  defineMethod('photos.get', {
    input: byId,
    access: 'ticket.read',
    write: false,
    async handler({ id }, ctx) {
      const row = await ctx.em.findOne(TicketPhoto, { where: { id } });
      if (!row || row.removedAt !== null) throw photoNotFound();
      const bytes = readPhoto(ctx.services.dataDir, row.sha256);
      if (!bytes) {
        throw new ApiError('NOT_FOUND', 'The photo file is missing from the data folder.', {
          key: 'errors.photoFileMissing',
        });
      }
      const [photo] = await photoDtos(ctx.em, 'p.id = ?', [id]);
      return { photo, dataUrl: `data:${row.mime};base64,${bytes.toString('base64')}` };
    },
  }),

  /** A mark with a reason, by a manager: the file and the row stay for the audit trail. */
  defineMethod('photos.remove', {
    input: photoRemoveSchema,
    access: 'bench.assign',
    write: true,
    async handler({ id, reason }, ctx) {
      const row = await ctx.em.findOne(TicketPhoto, { where: { id } });
      if (!row || row.removedAt !== null) throw photoNotFound();
      const ticket = await loadForChange(ctx.em, row.ticketId);
      await ctx.em.update(TicketPhoto, id, {
        removedAt: ctx.now,
        removedBy: ctx.session.staffId,
        removedReason: reason,
      });
      await timeline(ctx, row.ticketId, 'photo_removed', `${row.originalName}: ${reason}`);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = row.ticketId;
      ctx.audit.details = { photoId: id, reason };
      ctx.emit('ticket.updated', { ticketId: row.ticketId, number: ticket.number });
      return { ok: true as const };
    },
  }),
];
