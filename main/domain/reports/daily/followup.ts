import { sqlOf } from '../../../db/sql';
import type { DailySection } from './section';

const n = (v: unknown) => Number(v ?? 0);

/** After-sales on the day: callbacks due and done, the customers who were not happy, and the
 * manager tasks that were open when the day ended (created before, not done by then). */
export const followupSection: DailySection<'followup'> = {
  key: 'followup',
  async build(s) {
    const [cb]: Array<{ due: number; done: number }> = await sqlOf(s.em).all(
      `SELECT (SELECT count(*) FROM callback WHERE due_at >= ? AND due_at < ?) AS due,
              (SELECT count(*) FROM callback WHERE done_at >= ? AND done_at < ?) AS done`,
      s.from,
      s.to,
      s.from,
      s.to,
    );
    const open: Array<{ ticket: string; customer: string; due_at: number; attempts: number }> =
      await sqlOf(s.em).all(
        `SELECT t.number AS ticket, c.name AS customer, cb.due_at, cb.attempts FROM callback cb
           JOIN ticket t ON t.id = cb.ticket_id JOIN customer c ON c.id = cb.customer_id
          WHERE cb.id IN (SELECT id FROM callback WHERE status = 'due' AND due_at < ?
                          UNION ALL SELECT id FROM callback WHERE done_at >= ? AND due_at < ?)
          ORDER BY cb.due_at, cb.id LIMIT 100`,
        s.to,
        s.to,
        s.to,
      );
    const unhappy: Array<{
      ticket: string;
      customer: string;
      satisfaction: string;
      nps: number | null;
      comments: string | null;
    }> = await sqlOf(s.em).all(
      `SELECT t.number AS ticket, c.name AS customer, cb.satisfaction, cb.nps, cb.comments FROM callback cb
         JOIN ticket t ON t.id = cb.ticket_id JOIN customer c ON c.id = cb.customer_id
        WHERE cb.done_at >= ? AND cb.done_at < ? AND cb.satisfaction IN ('neutral', 'dissatisfied')
        ORDER BY cb.done_at, cb.id`,
      s.from,
      s.to,
    );
    const tasks: Array<{
      id: number;
      kind: string;
      summary: string;
      ticket: string | null;
      customer: string;
      due_at: number;
    }> = await sqlOf(s.em).all(
      `SELECT m.id, m.kind, m.summary, t.number AS ticket, c.name AS customer, m.due_at FROM manager_task m
         LEFT JOIN ticket t ON t.id = m.ticket_id JOIN customer c ON c.id = m.customer_id
        WHERE m.id IN (SELECT id FROM manager_task WHERE status = 'open' AND created_at < ?
                         UNION ALL SELECT id FROM manager_task WHERE status = 'done' AND done_at >= ? AND created_at < ?)
        ORDER BY m.due_at, m.id LIMIT 100`,
      s.to,
      s.to,
      s.to,
    );
    const asOf = Math.min(s.to, s.now);
    return {
      callbacksDue: n(cb.due),
      callbacksDone: n(cb.done),
      callbacksOpen: open.map((o) => ({
        ticket: o.ticket,
        customer: o.customer,
        dueAt: n(o.due_at),
        attempts: n(o.attempts),
      })),
      unhappy: unhappy.map((u) => ({ ...u, nps: u.nps === null ? null : n(u.nps) })),
      openTasks: tasks.map((m) => ({
        id: m.id,
        kind: m.kind,
        summary: m.summary,
        ticket: m.ticket,
        customer: m.customer,
        dueAt: n(m.due_at),
        overdue: n(m.due_at) < asOf,
      })),
    };
  },
};
