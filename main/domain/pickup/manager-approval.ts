import type { EntityManager } from 'typeorm';
import { ApiError } from '../../api/errors';
import { Staff } from '../../db/entities';
import { verifyPin } from '../staff/pin';

const refused = () =>
  new ApiError('FORBIDDEN', 'A manager must approve this with their PIN.', {
    key: 'errors.managerPin',
    issues: [{ path: 'approval.pin', key: 'errors.managerPin', message: 'Manager PIN required' }],
  });

/**
 * DOMAIN "Privacy and trust": discounts, refunds and corrections need a manager. The manager
 * types their PIN at the counter; who approved is stored with the record and in the audit.
 */
export async function verifyManager(
  em: EntityManager,
  approval: { staffId: number; pin: string } | undefined,
  now: number,
): Promise<Staff> {
  if (!approval) throw refused();
  const staff = await em.findOne(Staff, { where: { id: approval.staffId, active: 1 } });
  if (!staff || (staff.role !== 'manager' && staff.role !== 'admin')) throw refused();
  if (staff.lockedUntil && staff.lockedUntil > now) throw refused();
  if (!verifyPin(approval.pin, staff.pinSalt, staff.pinHash)) throw refused();
  return staff;
}
