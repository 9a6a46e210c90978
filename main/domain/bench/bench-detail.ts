import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { byId } from '../../api/schemas/misc';
import { preparedAll } from '../../db/sql';
import { chargeAmounts, chargesFree } from '../pickup/charges';
import { benchTicketDetail } from './bench-queries';
import { workLogDtos } from './work-log-methods';
import { nextMoves } from './workflow';

/** Everything the bench shows for one ticket, in one call (target: p95 ≤ 5 ms). */
export const benchDetailMethods = [
  defineMethod('bench.detail', {
    input: byId,
    access: 'ticket.read',
    write: false,
    async handler({ id }, ctx) {
      const { em, services, now, session } = ctx;
      // Named statements (preparedAll): parsed and planned once per connection, not per call.
      const found = await benchTicketDetail(em, services.settings, now, id);
      if (!found) throw new ApiError('NOT_FOUND', 'Ticket was not found.', { key: 'errors.ticketNotFound' });
      const { ticket, extra } = found;
      const lines = await preparedAll<{ id: number; kind: string; description: string; qty: number; unit_cents: number }>(
        em,
        'SELECT id, kind, description, qty, unit_cents FROM estimate_line WHERE ticket_id = ? AND removed_at IS NULL ORDER BY id',
        [id],
      );
      const approvals = await preparedAll<{ id: number; decision: string; channel: string; total_cents: number; tax_cents: number; note: string | null; name: string; at: number }>(
        em,
        'SELECT a.id, a.decision, a.channel, a.total_cents, a.tax_cents, a.note, s.name, a.at FROM approval a JOIN staff s ON s.id = a.recorded_by WHERE a.ticket_id = ? ORDER BY a.id',
        [id],
      );
      const qc = await preparedAll<{
        id: number;
        name: string;
        procedure_score: number;
        effectiveness_score: number;
        communication_score: number;
        total: number;
        band: string;
        feedback: string | null;
        rework_due_at: number | null;
        at: number;
      }>(
        em,
        `SELECT q.id, q.procedure_score, q.effectiveness_score, q.communication_score, q.total, q.band,
           q.feedback, q.rework_due_at, q.at, s.name
         FROM qc_check q JOIN staff s ON s.id = q.inspector_id WHERE q.ticket_id = ? ORDER BY q.id`,
        [id],
      );
      const workLog = await workLogDtos(em, 'w.ticket_id = ?', [id], { prepared: true });
      const estimate = lines.map((l) => ({
        id: l.id,
        kind: l.kind,
        description: l.description,
        qty: l.qty,
        unitCents: l.unit_cents,
        totalCents: l.qty * l.unit_cents,
      }));
      const moves = nextMoves(ticket.status, session.role).filter((m) => ticket.status !== 'on_hold' || m.to === extra.hold_from || m.to === 'cancelled');
      return {
        ticket,
        cause: extra.cause,
        responsible: extra.responsible,
        plan: extra.plan ? (JSON.parse(extra.plan) as string[]) : [],
        free: chargesFree({ warranty: ticket.warranty, repeatOfId: extra.repeat_of_id }, services.settings),
        estimate: {
          lines: estimate,
          totalCents: estimate.reduce((s, l) => s + l.totalCents, 0),
          amounts: chargeAmounts(
            estimate,
            { warranty: ticket.warranty, repeatOfId: extra.repeat_of_id, depositCents: extra.deposit_cents },
            services.settings,
          ),
        },
        approvals: approvals.map((a) => ({
          id: a.id,
          decision: a.decision,
          channel: a.channel,
          totalCents: a.total_cents,
          taxCents: a.tax_cents,
          note: a.note,
          recordedBy: a.name,
          at: a.at,
        })),
        workLog,
        workedMinutes: workLog.reduce((s, w) => s + (w.minutes ?? Math.round((now - w.startedAt) / 60_000)), 0),
        myTimer: workLog.find((w) => w.endedAt === null && w.staffName === session.name) ?? null,
        qcChecks: qc.map((q) => ({
          id: q.id,
          inspector: q.name,
          procedure: q.procedure_score,
          effectiveness: q.effectiveness_score,
          communication: q.communication_score,
          total: q.total,
          band: q.band,
          feedback: q.feedback,
          reworkDueAt: q.rework_due_at,
          at: q.at,
        })),
        moves: moves.map((m) => ({ to: m.to, key: m.key ?? null, requires: [...m.requires] })),
      };
    },
  }),
];
