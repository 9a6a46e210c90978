import { ApiError } from '../../api/errors';
import type { SignedInContext } from '../../api/method';
import { Staff } from '../../db/entities';
import { checkPinWithLockout } from '../staff/pin-lockout';
import { sqlOf } from '../../db/sql';

const PATH = 'approval.pin';

const refused = (attemptsLeft?: number) =>
  new ApiError('FORBIDDEN', 'A manager must approve this with their PIN.', {
    key: 'errors.managerPin',
    ...(attemptsLeft === undefined ? {} : { params: { attemptsLeft } }),
    issues: [{ path: PATH, key: 'errors.managerPin', message: 'Manager PIN required' }],
  });

/**
 * DOMAIN "Privacy and trust": discounts, refunds and corrections need a manager. The manager
 * types their PIN at the counter; who approved is stored with the record and in the audit.
 * A wrong PIN counts toward the manager's sign-in lockout, so call this before any write.
 */
export async function verifyManager(
  ctx: SignedInContext,
  approval: { staffId: number; pin: string } | undefined,
): Promise<Staff> {
  if (!approval) throw refused();
  const staff = await ctx.em.findOne(Staff, { where: { id: approval.staffId, active: 1 } });
  if (!staff || (staff.role !== 'manager' && staff.role !== 'admin')) throw refused();
  // A one-time PIN was set by someone else: it approves nothing until its owner replaces it.
  if (staff.mustChangePin) throw refused();
  const { settings } = ctx.services;
  await checkPinWithLockout(
    {
      sql: sqlOf(ctx.em),
      settings,
      now: ctx.now,
      origin: ctx.origin,
      code: 'FORBIDDEN',
      wrong: refused,
      path: PATH,
    },
    staff,
    approval.pin,
  );
  return staff;
}
