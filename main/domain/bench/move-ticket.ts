import type { EntityManager } from 'typeorm';
import { ApiError } from '../../api/errors';
import type { SignedInContext } from '../../api/method';
import type { TicketStatus } from '../../api/schemas/common';
import { Completion, Ticket, TicketEvent } from '../../db/entities';
import { sqlOf } from '../../db/sql';
import { businessMinutesBetween } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import { releaseTicketParts } from '../inventory/ticket-parts';
import { chargesFree } from '../pickup/charges';
import { mustSample } from './qc-sampling';
import { CLOCK_PAUSED, findTransition, type Requirement } from './workflow';

export const stale = () =>
  new ApiError('CONFLICT', 'Someone else changed this ticket first. Reload and try again.', {
    key: 'errors.stale',
  });

/** A stale ticket, saying who changed it last and when (from its timeline), so the person
 * whose save lost sees "Changed by <name> at <time>" and knows what to reload for. */
export async function staleTicket(em: EntityManager, id: number): Promise<ApiError> {
  const last = await sqlOf(em).get<{ name: string | null; at: number | string }>(
    `SELECT s.name AS name, e.at AS at FROM ticket_event e LEFT JOIN staff s ON s.id = e.staff_id
      WHERE e.ticket_id = ? ORDER BY e.id DESC LIMIT 1`,
    id,
  );
  if (!last) return stale();
  const at = Number(last.at);
  return new ApiError(
    'CONFLICT',
    `Changed by ${last.name ?? 'someone'} at ${new Date(at).toISOString()}. Reload to see it.`,
    { key: 'errors.ticketChangedBy', params: { name: last.name ?? '—', at } },
  );
}

const forbiddenMove = (from: string, to: string) =>
  new ApiError('CONFLICT', `A ticket cannot go from ${from} to ${to}.`, {
    key: 'errors.badTransition',
    params: { from, to },
  });

/** Loads a ticket for a change and refuses a stale version. */
export async function loadForChange(
  em: EntityManager,
  id: number,
  version?: number,
): Promise<Ticket> {
  const ticket = await em.findOne(Ticket, { where: { id } });
  if (!ticket)
    throw new ApiError('NOT_FOUND', 'Ticket was not found.', { key: 'errors.ticketNotFound' });
  if (version !== undefined && ticket.version !== version) throw await staleTicket(em, id);
  return ticket;
}

/** Saves a ticket only if nobody else saved it since it was loaded (optimistic lock). */
export async function saveTicket(
  em: EntityManager,
  ticket: Ticket,
  changes: Partial<Ticket>,
): Promise<void> {
  const res = await versionedUpdate(em, ticket, changes).execute();
  if (!res.affected) throw await staleTicket(em, ticket.id);
  Object.assign(ticket, changes, { version: ticket.version + 1 });
}

/** The UPDATE of a ticket's changes that lands only on the version that was loaded. */
const versionedUpdate = (em: EntityManager, ticket: Ticket, changes: Partial<Ticket>) =>
  em
    .createQueryBuilder()
    .update(Ticket)
    .set({ ...changes, version: ticket.version + 1 })
    .where('id = :id AND version = :version', { id: ticket.id, version: ticket.version });

/**
 * saveTicket and the move's timeline entry. On PostgreSQL one statement (the entry is written
 * from the UPDATE's RETURNING, so a stale version writes neither): every status change, and
 * each pickup while the shop's invoice number is locked, is a round trip shorter.
 */
async function saveMove(
  ctx: SignedInContext,
  t: Ticket,
  changes: Partial<Ticket>,
  note: string | null,
  from: string,
  to: string,
): Promise<void> {
  const { em } = ctx;
  if (em.connection.options.type !== 'postgres') {
    await saveTicket(em, t, changes);
    await timeline(ctx, t.id, 'status', note, from, to);
    return;
  }
  const [update, params] = versionedUpdate(em, t, changes).getQueryAndParameters();
  const n = params.length;
  const rows: unknown[] = await em.query(
    `WITH moved AS (${update} RETURNING id)
     INSERT INTO ticket_event (ticket_id, kind, from_status, to_status, note, staff_id, at)
     SELECT id, 'status', $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5} FROM moved
     RETURNING id`,
    [...params, from, to, note, ctx.session.staffId, ctx.now],
  );
  if (rows.length === 0) throw await staleTicket(em, t.id);
  Object.assign(t, changes, { version: t.version + 1 });
}

export async function timeline(
  ctx: SignedInContext,
  ticketId: number,
  kind: string,
  note: string | null,
  from: string | null = null,
  to: string | null = null,
): Promise<void> {
  await ctx.em.insert(TicketEvent, {
    ticketId,
    kind,
    fromStatus: from,
    toStatus: to,
    note,
    staffId: ctx.session.staffId,
    at: ctx.now,
  });
}

export async function estimateTotal(em: EntityManager, ticketId: number): Promise<number> {
  const [row]: Array<{ n: number; total: number | null }> = await em.query(
    'SELECT count(*) AS n, sum(qty * unit_cents) AS total FROM estimate_line WHERE ticket_id = ? AND removed_at IS NULL',
    [ticketId],
  );
  return row.n === 0 ? -1 : (row.total ?? 0);
}

async function check(
  ctx: SignedInContext,
  t: Ticket,
  req: Requirement,
  reason?: string,
): Promise<void> {
  const fail = (key: string, message: string) => {
    throw new ApiError('VALIDATION', message, {
      key,
      issues: [{ path: req === 'reason' ? 'reason' : 'to', key, message }],
    });
  };
  if (req === 'reason' && !reason) fail('errors.reasonRequired', 'Say why.');
  if (req === 'estimate' && (await estimateTotal(ctx.em, t.id)) < 0) {
    fail('errors.estimateRequired', 'Add an estimate before asking the customer.');
  }
  // Free means what pickup charges nothing for (warranty, or a repeat when the shop's setting says so).
  if (req === 'approvedOrFree' && t.approval !== 'approved' && !chargesFree(t, ctx.services.settings)) {
    fail('errors.approvalRequired', 'The customer has not approved this chargeable work.');
  }
  if (req === 'declined' && t.approval !== 'declined')
    fail('errors.notDeclined', 'The customer has not declined.');
}

/**
 * Moves a ticket along the workflow: checks the table, the role and the requirements, keeps
 * the SLA clocks, writes the timeline, and applies QC sampling when a repair is finished.
 * Returns the status the ticket ended in (a finished repair that is not sampled skips QC).
 */
export async function moveTicket(
  ctx: SignedInContext,
  t: Ticket,
  to: TicketStatus,
  reason?: string,
  via?: 'pickup',
): Promise<string> {
  const from = t.status;
  const rule = findTransition(from, to);
  if (!rule) throw forbiddenMove(from, to);
  if (rule.pickupOnly && via !== 'pickup') {
    throw new ApiError(
      'CONFLICT',
      'A device is collected only at the pickup desk, with its invoice and payment.',
      {
        key: 'errors.collectAtPickup',
        params: { from, to },
      },
    );
  }
  if (!rule.roles.includes(ctx.session.role)) {
    throw new ApiError('FORBIDDEN', 'Your role may not make this move.', {
      key: 'errors.forbiddenMove',
      params: { from, to },
    });
  }
  if (from === 'on_hold' && to !== 'cancelled' && to !== t.holdFrom) throw forbiddenMove(from, to);
  for (const req of rule.requires) await check(ctx, t, req, reason);

  const { settings } = ctx.services;
  const changes: Partial<Ticket> = { status: to, updatedAt: ctx.now };
  const wasPaused = CLOCK_PAUSED.includes(from as TicketStatus);
  const nowPaused = CLOCK_PAUSED.includes(to);
  if (wasPaused && !nowPaused && t.pausedAt !== null) {
    const minutes = businessMinutesBetween(t.pausedAt, ctx.now, shopCalendar(settings));
    changes.pausedMs = t.pausedMs + Math.round(minutes * 60_000);
    changes.pausedAt = null;
  }
  if (!wasPaused && nowPaused) changes.pausedAt = ctx.now;
  if (to === 'on_hold') changes.holdFrom = from;
  if (from === 'on_hold') changes.holdFrom = null;
  if (from === 'received' && to === 'diagnosing' && t.firstResponseAt === null)
    changes.firstResponseAt = ctx.now;

  let landed: string = to;
  if (to === 'quality_check') {
    const sampled = await sampleCompletion(ctx, t);
    if (!sampled) landed = 'ready';
  }
  if (to === 'ready' || landed === 'ready') changes.completedAt = ctx.now;
  if (to === 'collected') changes.collectedAt = ctx.now;
  changes.status = landed;
  await saveMove(ctx, t, changes, reason ?? null, from, to);
  // Parts held for a cancelled repair go back on the shelf.
  if (landed === 'cancelled') await releaseTicketParts(ctx, t.id, 'ticket cancelled');
  if (landed !== to) await timeline(ctx, t.id, 'qc_skipped', null, to, landed);
  ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
  return landed;
}

async function sampleCompletion(ctx: SignedInContext, t: Ticket): Promise<boolean> {
  const { settings } = ctx.services;
  const window = settings.get('qc.window');
  // A complaint filed about this ticket (issue 6) makes it a complaint repair: always checked.
  const [{ n: complaints }]: Array<{ n: number }> = await ctx.em.query(
    'SELECT count(*) AS n FROM complaint WHERE ticket_id = ?',
    [t.id],
  );
  const isComplaint = t.category === 'complaint' || complaints > 0;
  const reason = isComplaint ? 'complaint' : t.repeatOfId !== null ? 'repeat' : 'routine';
  // A ticket sent back by a failed check was counted when it first finished.
  const earlier = await ctx.em.findOne(Completion, { where: { ticketId: t.id } });
  if (earlier) return true;
  const recent: Array<{ sampled: number }> = await ctx.em.query(
    'SELECT sampled FROM completion ORDER BY id DESC LIMIT ?',
    [window - 1],
  );
  const sampled = mustSample(
    reason,
    recent.reverse().map((r) => r.sampled === 1),
    settings.get('qc.sampleRate'),
    window,
  );
  await ctx.em.insert(Completion, {
    ticketId: t.id,
    reason,
    sampled: sampled ? 1 : 0,
    at: ctx.now,
  });
  return sampled;
}
