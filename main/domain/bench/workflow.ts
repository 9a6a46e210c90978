import type { Role } from '../../api/permissions';
import type { TicketStatus } from '../../api/schemas/common';

/**
 * The repair workflow in one table (DOMAIN steps 5-9): which moves exist, who may make them,
 * and what each needs. Anything not listed here is forbidden.
 */
export type Requirement =
  /** A note saying why (cancel, hold). */
  | 'reason'
  /** At least one estimate line, so the customer has a price to approve. */
  | 'estimate'
  /** Chargeable work starts only after the customer approved, unless it is free. */
  | 'approvedOrFree'
  /** The customer declined the plan (device goes back unrepaired). */
  | 'declined';

export interface Transition {
  from: TicketStatus;
  to: TicketStatus;
  roles: readonly Role[];
  requires: readonly Requirement[];
  /** The key on the ticket screen that makes this move (one key per common next status). */
  key?: string;
  /** Made only by the pickup desk, which takes the payment and the signature with it. */
  pickupOnly?: boolean;
}

const BENCH: readonly Role[] = ['technician', 'manager', 'admin'];
const COUNTER: readonly Role[] = ['counter', 'manager', 'admin'];
const MANAGER: readonly Role[] = ['manager', 'admin'];

const t = (
  from: TicketStatus,
  to: TicketStatus,
  roles: readonly Role[],
  requires: Requirement[] = [],
  key?: string,
): Transition => ({
  from,
  to,
  roles,
  requires,
  key,
});

/** Open statuses a ticket can be put on hold from, and resumed back to. */
export const HOLDABLE: readonly TicketStatus[] = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'in_repair',
  'back_from_vendor',
];

export const TRANSITIONS: readonly Transition[] = [
  t('received', 'diagnosing', BENCH, [], 'd'),
  t('diagnosing', 'awaiting_approval', BENCH, ['estimate'], 'a'),
  t('diagnosing', 'awaiting_parts', BENCH, [], 'p'),
  t('diagnosing', 'in_repair', BENCH, ['approvedOrFree'], 'r'),
  t('diagnosing', 'at_vendor', BENCH, [], 'v'),
  t('awaiting_approval', 'in_repair', BENCH, ['approvedOrFree'], 'r'),
  t('awaiting_approval', 'awaiting_parts', BENCH, ['approvedOrFree'], 'p'),
  t('awaiting_approval', 'ready', [...BENCH, 'counter'], ['declined'], 'k'),
  t('awaiting_parts', 'in_repair', BENCH, ['approvedOrFree'], 'r'),
  t('in_repair', 'awaiting_parts', BENCH, [], 'p'),
  t('in_repair', 'at_vendor', BENCH, [], 'v'),
  // Finishing a repair goes to quality check; the sampling rule may send it on to ready.
  t('in_repair', 'quality_check', BENCH, [], 'q'),
  t('at_vendor', 'back_from_vendor', [...BENCH, 'counter'], [], 'b'),
  t('back_from_vendor', 'in_repair', BENCH, [], 'r'),
  t('back_from_vendor', 'quality_check', BENCH, [], 'q'),
  // QC outcomes are recorded through the score sheet, never as a bare move.
  // A device leaves only through pickup (invoice, payment, signature) or an unrepaired return.
  { ...t('ready', 'collected', COUNTER, []), pickupOnly: true },
  ...HOLDABLE.map((from) => t(from, 'on_hold', BENCH, ['reason'], 'h')),
  ...HOLDABLE.map((from) => t('on_hold', from, BENCH, [])),
  ...[...HOLDABLE, 'at_vendor' as const, 'quality_check' as const, 'on_hold' as const].map((from) =>
    t(from, 'cancelled', from === 'received' ? [...COUNTER, 'technician'] : MANAGER, ['reason']),
  ),
];

export function findTransition(from: string, to: string): Transition | undefined {
  return TRANSITIONS.find((tr) => tr.from === from && tr.to === to);
}

/** The moves the bench offers: pickup-only moves are made at the pickup desk. */
export function nextMoves(from: string, role: Role): Transition[] {
  return TRANSITIONS.filter((tr) => tr.from === from && tr.roles.includes(role) && !tr.pickupOnly);
}

/** While a ticket waits on the customer or is on hold, its SLA clocks stand still. */
export const CLOCK_PAUSED: readonly TicketStatus[] = ['on_hold', 'awaiting_approval'];
