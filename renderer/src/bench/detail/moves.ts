import type { BenchDetail, MoveDto } from '../../../../main/api/contract';

/** The i18n key naming a move: resuming from hold and returning unrepaired read differently. */
export function moveLabelKey(from: string, to: string): string {
  if (from === 'on_hold' && to !== 'cancelled') return 'move.resume';
  if (from === 'awaiting_approval' && to === 'ready') return 'move.returnUnrepaired';
  return `move.${to}`;
}

/** The first unmet requirement of a move as an error key, or null when it can be made. Reasons are asked for, not blocked. */
export function blockedBy(move: MoveDto, d: BenchDetail): string | null {
  for (const r of move.requires) {
    if (r === 'estimate' && d.estimate.lines.length === 0) return 'errors.estimateRequired';
    if (r === 'approvedOrFree' && !d.free && d.ticket.approval !== 'approved')
      return 'errors.approvalRequired';
    if (r === 'declined' && d.ticket.approval !== 'declined') return 'errors.notDeclined';
  }
  return null;
}

export const needsReason = (move: MoveDto) => move.requires.includes('reason');

/** Statuses in which the plan (diagnosis, estimate) may still change. */
export const PLAN_OPEN = ['received', 'diagnosing', 'awaiting_approval', 'on_hold'];
export const CLOSED = ['ready', 'collected', 'cancelled'];

/** True when a key event comes from a field the user is typing into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[role="listbox"]') !== null
  );
}
