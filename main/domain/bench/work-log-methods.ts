import { IsNull, type EntityManager } from 'typeorm';
import type { WorkLogDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { workManualSchema, workTimerSchema } from '../../api/schemas/bench';
import { WorkLog } from '../../db/entities';
import { preparedAll } from '../../db/sql';
import { loadForChange, timeline } from './move-ticket';

/** `prepared`: a fixed `where` read all day (see preparedAll). */
export async function workLogDtos(
  em: EntityManager,
  where: string,
  params: unknown[],
  opts: { prepared?: boolean } = {},
): Promise<WorkLogDto[]> {
  const sql = `SELECT w.id, s.name AS staff_name, w.started_at, w.ended_at, w.minutes, w.note, w.manual
     FROM work_log w JOIN staff s ON s.id = w.staff_id WHERE ${where} ORDER BY w.started_at, w.id`;
  const rows: Array<{
    id: number;
    staff_name: string;
    started_at: number;
    ended_at: number | null;
    minutes: number | null;
    note: string | null;
    manual: number;
  }> = opts.prepared ? await preparedAll(em, sql, params) : await em.query(sql, params);
  return rows.map((r) => ({
    id: r.id,
    staffName: r.staff_name,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    minutes: r.minutes,
    note: r.note,
    manual: r.manual === 1,
  }));
}

export const workLogMethods = [
  defineMethod('bench.workStart', {
    input: workTimerSchema,
    access: 'bench.work',
    write: true,
    async handler({ ticketId }, ctx) {
      const t = await loadForChange(ctx.em, ticketId);
      // One running timer per technician: starting here stops the one elsewhere.
      const running = await ctx.em.find(WorkLog, { where: { staffId: ctx.session.staffId, endedAt: IsNull() } });
      for (const r of running) {
        await ctx.em.update(WorkLog, r.id, { endedAt: ctx.now, minutes: Math.max(1, Math.round((ctx.now - r.startedAt) / 60_000)) });
      }
      const log = await ctx.em.save(WorkLog, {
        ticketId,
        staffId: ctx.session.staffId,
        startedAt: ctx.now,
        endedAt: null,
        minutes: null,
        note: null,
        manual: 0,
      });
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.emit('ticket.updated', { ticketId, number: t.number });
      return (await workLogDtos(ctx.em, 'w.id = ?', [log.id]))[0];
    },
  }),

  defineMethod('bench.workStop', {
    input: workTimerSchema,
    access: 'bench.work',
    write: true,
    async handler({ ticketId }, ctx) {
      const t = await loadForChange(ctx.em, ticketId);
      const running = await ctx.em.findOne(WorkLog, {
        where: { ticketId, staffId: ctx.session.staffId, endedAt: IsNull() },
      });
      if (!running) throw new ApiError('CONFLICT', 'No timer is running on this ticket.', { key: 'errors.noTimer' });
      const minutes = Math.max(1, Math.round((ctx.now - running.startedAt) / 60_000));
      await ctx.em.update(WorkLog, running.id, { endedAt: ctx.now, minutes });
      await timeline(ctx, ticketId, 'work', `${minutes} min`);
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.emit('ticket.updated', { ticketId, number: t.number });
      return (await workLogDtos(ctx.em, 'w.id = ?', [running.id]))[0];
    },
  }),

  defineMethod('bench.workAdd', {
    input: workManualSchema,
    access: 'bench.work',
    write: true,
    async handler({ ticketId, minutes, note }, ctx) {
      const t = await loadForChange(ctx.em, ticketId);
      const log = await ctx.em.save(WorkLog, {
        ticketId,
        staffId: ctx.session.staffId,
        startedAt: ctx.now - minutes * 60_000,
        endedAt: ctx.now,
        minutes,
        note: note ?? null,
        manual: 1,
      });
      await timeline(ctx, ticketId, 'work', [`${minutes} min`, note].filter(Boolean).join(': '));
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticketId;
      ctx.emit('ticket.updated', { ticketId, number: t.number });
      return (await workLogDtos(ctx.em, 'w.id = ?', [log.id]))[0];
    },
  }),
];
