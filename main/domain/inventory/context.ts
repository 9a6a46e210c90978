import type { MethodContext, SignedInContext } from '../../api/method';
import { ApiError } from '../../api/errors';
import { verifyPin } from '../staff/pin';
import { q, type Q } from './sql';
import type { Actor } from './stock-ledger';

export const dbOf = (ctx: MethodContext): Q => q(ctx.services.raw);
export const actorOf = (ctx: SignedInContext): Actor => ({
  staffId: ctx.session.staffId,
  now: ctx.now,
});

const isManager = (role: string) => role === 'manager' || role === 'admin';

/**
 * Who allows available stock to go below zero: the signed-in manager, or a manager who
 * enters their PIN at the technician's screen. Recorded on the movement and in the audit.
 */
export function resolveOverride(
  ctx: SignedInContext,
  override: { reason: string; managerName?: string; pin?: string } | undefined,
): number | null {
  if (!override) return null;
  let managerId: number | null = null;
  if (isManager(ctx.session.role) && !override.pin) managerId = ctx.session.staffId;
  else if (override.managerName && override.pin) {
    const m = dbOf(ctx).get<{ id: number; role: string; pin_hash: string; pin_salt: string }>(
      'SELECT id, role, pin_hash, pin_salt FROM staff WHERE name = ? AND active = 1',
      override.managerName,
    );
    if (m && isManager(m.role) && verifyPin(override.pin, m.pin_salt, m.pin_hash)) managerId = m.id;
  }
  if (!managerId) {
    throw new ApiError('FORBIDDEN', 'A manager must approve going below zero.', {
      key: 'errors.overrideDenied',
    });
  }
  ctx.audit.details = {
    ...ctx.audit.details,
    override: { by: managerId, reason: override.reason },
  };
  return managerId;
}
