import type { EntityManager } from 'typeorm';
import type { CallbackDto, ManagerTaskDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import * as s from '../../api/schemas/pickup';
import { Callback, ManagerTask, Ticket } from '../../db/entities';
import { addBusinessMinutes } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import { timeline } from '../bench/move-ticket';
import { deviceLabel } from '../tickets/ticket-queries';
import { businessDue } from './followup-clock';
import { openFollowUpTicket } from './follow-up-ticket';
import { loadVersioned, saveVersioned } from './versioned';
import { keysetPage } from '../../db/keyset';

const invalid = (path: string, key: string, message: string) =>
  new ApiError('VALIDATION', message, { key, issues: [{ path, key, message }], field: path });

interface CallbackRow {
  id: number;
  ticket_id: number;
  number: string;
  customer_name: string;
  customer_phone: string;
  brand: string;
  model: string;
  collected_at: number | null;
  due_at: number;
  status: string;
  attempts: number;
  last_attempt_at: number | null;
  satisfaction: string | null;
  attitude: number | null;
  speed: number | null;
  competence: number | null;
  nps: number | null;
  comments: string | null;
  leftover: string | null;
  follow_up_ticket_id: number | null;
  done_at: number | null;
  version: number;
}

async function callbackRows(
  em: EntityManager,
  where: string,
  params: unknown[],
  now: number,
): Promise<CallbackDto[]> {
  const rows: CallbackRow[] = await em.query(
    `SELECT cb.*, t.number, t.collected_at, c.name AS customer_name, c.phone AS customer_phone, d.brand, d.model
     FROM callback cb JOIN ticket t ON t.id = cb.ticket_id JOIN customer c ON c.id = cb.customer_id
     JOIN device d ON d.id = t.device_id WHERE ${where}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    deviceLabel: deviceLabel(r.brand, r.model),
    collectedAt: r.collected_at,
    dueAt: r.due_at,
    overdue: r.status === 'due' && r.due_at < now,
    status: r.status as CallbackDto['status'],
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at,
    satisfaction: r.satisfaction,
    attitude: r.attitude,
    speed: r.speed,
    competence: r.competence,
    nps: r.nps,
    comments: r.comments,
    leftover: r.leftover,
    followUpTicketId: r.follow_up_ticket_id,
    doneAt: r.done_at,
    version: r.version,
  }));
}

async function taskRows(
  em: EntityManager,
  where: string,
  params: unknown[],
  now: number,
): Promise<ManagerTaskDto[]> {
  const rows: Array<{
    id: number;
    kind: string;
    ticket_id: number | null;
    number: string | null;
    customer_name: string;
    customer_phone: string;
    summary: string;
    due_at: number;
    status: string;
    plan: string | null;
    outcome: string | null;
    done_by_name: string | null;
    done_at: number | null;
    created_at: number;
    version: number;
  }> = await em.query(
    `SELECT m.*, t.number, c.name AS customer_name, c.phone AS customer_phone, s.name AS done_by_name
     FROM manager_task m JOIN customer c ON c.id = m.customer_id LEFT JOIN ticket t ON t.id = m.ticket_id
     LEFT JOIN staff s ON s.id = m.done_by WHERE ${where}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ManagerTaskDto['kind'],
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    summary: r.summary,
    dueAt: r.due_at,
    overdue: r.status === 'open' && r.due_at < now,
    status: r.status as ManagerTaskDto['status'],
    plan: r.plan,
    outcome: r.outcome,
    doneBy: r.done_by_name,
    doneAt: r.done_at,
    createdAt: r.created_at,
    version: r.version,
  }));
}

/** DOMAIN step 11: the callback within a day, and the manager's hour for unhappy customers. */
export const callbackMethods = [
  defineMethod('callbacks.queue', {
    input: s.callbackQueueSchema,
    access: 'followup.work',
    write: false,
    async handler({ view, after, limit }, ctx) {
      // History grows forever: newest first, a page at a time after the last row shown
      // (indexes callback_done_page and callback_all_page).
      const page = keysetPage(after);
      if (view === 'done')
        return callbackRows(
          ctx.em,
          `cb.status = 'done' ${page.and('cb.done_at', 'cb.id')} ORDER BY cb.done_at DESC, cb.id DESC LIMIT ?`,
          [...page.params, limit],
          ctx.now,
        );
      if (view === 'all')
        return callbackRows(
          ctx.em,
          `1 = 1 ${page.and('cb.due_at', 'cb.id')} ORDER BY cb.due_at DESC, cb.id DESC LIMIT ?`,
          [...page.params, limit],
          ctx.now,
        );
      return callbackRows(
        ctx.em,
        "cb.status = 'due' ORDER BY cb.due_at, cb.id LIMIT 500",
        [],
        ctx.now,
      );
    },
  }),

  defineMethod('callbacks.record', {
    input: s.callbackRecordSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      const { em, now, services } = ctx;
      const { settings } = services;
      const cb = await loadVersioned(em, Callback, input.id, input.version, 'Callback');
      ctx.audit.entity = 'callback';
      ctx.audit.entityId = cb.id;
      if (cb.status === 'done') {
        throw new ApiError('CONFLICT', 'This callback is already recorded.', {
          key: 'errors.callbackDone',
        });
      }
      const cal = shopCalendar(settings);
      if (!input.reached) {
        await saveVersioned(em, Callback, cb, {
          attempts: cb.attempts + 1,
          lastAttemptAt: now,
          dueAt: addBusinessMinutes(now, settings.get('callback.retryMinutes'), cal),
          staffId: ctx.session.staffId,
        });
        await timeline(ctx, cb.ticketId, 'callback_missed', `attempt ${cb.attempts}`);
        ctx.audit.details = { reached: false };
        const [dto] = await callbackRows(em, 'cb.id = ?', [cb.id], now);
        return { callback: dto, managerTaskId: null, followUpTicket: null };
      }
      if (!input.satisfaction)
        throw invalid(
          'satisfaction',
          'errors.field.required',
          'Ask how satisfied the customer is.',
        );
      if (input.leftoverAction && !input.leftover) {
        throw invalid('leftover', 'errors.field.required', 'Describe the left-over problem.');
      }
      const original = await em.findOneByOrFail(Ticket, { id: cb.ticketId });
      const followUp =
        input.leftover && input.leftoverAction
          ? await openFollowUpTicket(ctx, original, input.leftover, {
              repeat: input.leftoverAction === 'follow_up',
              category: 'fault',
            })
          : null;
      await saveVersioned(em, Callback, cb, {
        attempts: cb.attempts + 1,
        lastAttemptAt: now,
        status: 'done',
        satisfaction: input.satisfaction,
        attitude: input.attitude ?? null,
        speed: input.speed ?? null,
        competence: input.competence ?? null,
        nps: input.nps ?? null,
        comments: input.comments ?? null,
        leftover: input.leftover ?? null,
        followUpTicketId: followUp?.id ?? null,
        staffId: ctx.session.staffId,
        doneAt: now,
      });
      let managerTaskId: number | null = null;
      if (input.satisfaction === 'neutral' || input.satisfaction === 'dissatisfied') {
        const task = await em.save(ManagerTask, {
          kind: 'callback',
          callbackId: cb.id,
          complaintId: null,
          ticketId: cb.ticketId,
          customerId: cb.customerId,
          summary: [input.satisfaction, input.comments, input.leftover].filter(Boolean).join(' · '),
          dueAt: businessDue(now, settings.get('callback.managerDueHours'), cal),
          status: 'open',
          plan: null,
          outcome: null,
          doneBy: null,
          doneAt: null,
          createdAt: now,
          version: 1,
        });
        managerTaskId = task.id;
      }
      await timeline(
        ctx,
        cb.ticketId,
        'callback',
        [input.satisfaction, input.comments].filter(Boolean).join(': '),
      );
      ctx.audit.details = {
        reached: true,
        satisfaction: input.satisfaction,
        nps: input.nps,
        managerTaskId,
      };
      ctx.emit('ticket.updated', { ticketId: original.id, number: original.number });
      const [dto] = await callbackRows(em, 'cb.id = ?', [cb.id], now);
      return {
        callback: dto,
        managerTaskId,
        followUpTicket: followUp ? { id: followUp.id, number: followUp.number } : null,
      };
    },
  }),

  defineMethod('managerTasks.list', {
    input: s.managerTaskListSchema,
    access: 'followup.manage',
    write: false,
    async handler({ view, after, limit }, ctx) {
      if (view === 'open')
        return taskRows(ctx.em, "m.status = 'open' ORDER BY m.due_at, m.id", [], ctx.now);
      const page = keysetPage(after);
      return taskRows(
        ctx.em,
        `m.status = 'done' ${page.and('m.done_at', 'm.id')} ORDER BY m.done_at DESC, m.id DESC LIMIT ?`,
        [...page.params, limit],
        ctx.now,
      );
    },
  }),

  defineMethod('managerTasks.resolve', {
    input: s.managerTaskResolveSchema,
    access: 'followup.manage',
    write: true,
    async handler({ id, version, plan, outcome }, ctx) {
      const task = await loadVersioned(ctx.em, ManagerTask, id, version, 'Task');
      if (task.status === 'done') {
        throw new ApiError('CONFLICT', 'This task is already done.', { key: 'errors.taskDone' });
      }
      await saveVersioned(ctx.em, ManagerTask, task, {
        plan,
        outcome,
        status: 'done',
        doneBy: ctx.session.staffId,
        doneAt: ctx.now,
      });
      if (task.ticketId)
        await timeline(ctx, task.ticketId, 'manager_followup', `${plan} → ${outcome}`);
      ctx.audit.entity = 'manager_task';
      ctx.audit.entityId = id;
      ctx.audit.details = { late: ctx.now > task.dueAt };
      const [dto] = await taskRows(ctx.em, 'm.id = ?', [id], ctx.now);
      return dto;
    },
  }),
];
