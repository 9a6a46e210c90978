import type { SignedInContext } from '../../api/method';
import { ApiError } from '../../api/errors';
import { checkPinWithLockout, type PinHolder } from '../staff/pin-lockout';
import { sqlOf } from '../../db/sql';
import type { Actor } from './stock-ledger';

export const actorOf = (ctx: SignedInContext): Actor => ({
  staffId: ctx.session.staffId,
  now: ctx.now,
});

const denied = () =>
  new ApiError('FORBIDDEN', 'A manager must approve going below zero.', {
    key: 'errors.overrideDenied',
  });

const isManager = (role: string) => role === 'manager' || role === 'admin';

/**
 * Who allows available stock to go below zero: the signed-in manager, or a manager who
 * enters their PIN at the technician's screen. Recorded on the movement and in the audit.
 */
export async function resolveOverride(
  ctx: SignedInContext,
  override: { reason: string; managerName?: string; pin?: string } | undefined,
): Promise<number | null> {
  if (!override) return null;
  let managerId: number | null = null;
  if (isManager(ctx.session.role) && !override.pin) managerId = ctx.session.staffId;
  else if (override.managerName && override.pin) {
    const m = await sqlOf(ctx.em).get<PinHolder & { role: string }>(
      `SELECT id, role, pin_hash AS "pinHash", pin_salt AS "pinSalt", failed_pins AS "failedPins",
         locked_until AS "lockedUntil" FROM staff WHERE name = ? AND active = 1 AND must_change_pin = 0`,
      override.managerName,
    );
    if (m && isManager(m.role)) {
      // A wrong PIN here counts toward the manager's sign-in lockout, as at the counter.
      const { settings } = ctx.services;
      await checkPinWithLockout(
        {
          sql: sqlOf(ctx.em),
          settings,
          now: ctx.now,
          origin: ctx.origin,
          code: 'FORBIDDEN',
          wrong: denied,
          path: 'override.pin',
        },
        m,
        override.pin,
      );
      managerId = m.id;
    }
  }
  if (!managerId) throw denied();
  ctx.audit.details = {
    ...ctx.audit.details,
    override: { by: managerId, reason: override.reason },
  };
  return managerId;
}
