import type BetterSqlite3 from 'better-sqlite3';
import { ApiError, type ErrorCode } from '../../api/errors';
import type { SettingsService } from '../settings/settings-service';
import { verifyPin } from './pin';

export interface PinHolder {
  id: number;
  pinHash: string;
  pinSalt: string;
  failedPins: number;
  lockedUntil: number | null;
}

export interface PinCheck {
  raw: BetterSqlite3.Database;
  settings: SettingsService;
  now: number;
  /** UNAUTHENTICATED at sign-in; FORBIDDEN for a manager approving at someone else's session. */
  code: ErrorCode;
  /** The error for a wrong PIN that does not yet lock the account. */
  wrong: (attemptsLeft: number) => ApiError;
  /** Where a form shows the error (the approval's PIN field). */
  path?: string;
}

const lockedError = (c: PinCheck, minutes: number) =>
  new ApiError(c.code, `Too many wrong PINs. Try again in ${minutes} min.`, {
    key: 'errors.locked',
    params: { minutes },
    ...(c.path
      ? {
          issues: [{ path: c.path, key: 'errors.locked', params: { minutes }, message: 'Locked' }],
        }
      : {}),
  });

/**
 * Every PIN a staff member types counts toward one lockout: a sign-in, or a manager's PIN at
 * the counter (discounts, refunds, stock overrides). Otherwise a wrong-PIN guesser could keep
 * trying through the approval dialogs after sign-in locks. A wrong PIN's count is written on
 * the shop's one connection, so the error is thrown with `keep()`: call this before the
 * handler's own writes, which would be kept too.
 */
export function checkPinWithLockout(c: PinCheck, staff: PinHolder, pin: string): void {
  if (staff.lockedUntil && staff.lockedUntil > c.now) {
    throw lockedError(c, Math.ceil((staff.lockedUntil - c.now) / 60_000));
  }
  if (verifyPin(pin, staff.pinSalt, staff.pinHash)) {
    if (staff.failedPins || staff.lockedUntil) {
      c.raw
        .prepare(
          'UPDATE staff SET failed_pins = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
        )
        .run(c.now, staff.id);
    }
    return;
  }
  const max = c.settings.get('auth.maxPinAttempts');
  const failed = staff.failedPins + 1;
  const locked = failed >= max;
  const minutes = c.settings.get('auth.lockoutMinutes');
  c.raw
    .prepare('UPDATE staff SET failed_pins = ?, locked_until = ?, updated_at = ? WHERE id = ?')
    .run(locked ? 0 : failed, locked ? c.now + minutes * 60_000 : null, c.now, staff.id);
  if (locked) throw lockedError(c, minutes).keep();
  throw c.wrong(max - failed).keep();
}
