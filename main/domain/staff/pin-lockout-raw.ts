import type BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../api/errors';
import type { PinCheck, PinHolder } from './pin-lockout';
import { hashPin, needsRehash, verifyPin } from './pin';

/**
 * TRANSITIONAL, SQLite only: the synchronous PIN check over the raw handle, for a caller not
 * yet async (main/domain/inventory/context.ts `resolveOverride` on this branch). The same rules
 * and statements as `checkPinWithLockout` in pin-lockout.ts. Delete this file and the overload
 * there once that caller passes `sql: sqlOf(ctx.em)` and awaits (i-pgopen's context.ts does).
 */
export type RawPinCheck = Omit<PinCheck, 'sql'> & { raw: BetterSqlite3.Database };

const refusal = (c: RawPinCheck, key: string, message: string, params: Record<string, number>) =>
  new ApiError(c.code, message, {
    key,
    params,
    ...(c.path ? { issues: [{ path: c.path, key, params, message }] } : {}),
  });

const lockedError = (c: RawPinCheck, minutes: number) =>
  refusal(c, 'errors.locked', `Too many wrong PINs. Try again in ${minutes} min.`, { minutes });
const pausedError = (c: RawPinCheck, key: string, until: number) => {
  const seconds = Math.max(1, Math.ceil((until - c.now) / 1000));
  return refusal(c, key, `Too many wrong PINs. Wait ${seconds} s.`, { seconds });
};

interface GuardRow {
  failed: number;
  until: number | null;
}

export function checkPinOnRaw(c: RawPinCheck, staff: PinHolder, pin: string): void {
  const { raw, settings, now, origin } = c;
  const station = raw
    .prepare('SELECT failed, paused_until AS until FROM station_guard WHERE origin = ?')
    .get(origin) as GuardRow | undefined;
  if (station?.until && station.until > now)
    throw pausedError(c, 'errors.stationPaused', station.until);
  const here = raw
    .prepare(
      'SELECT failed, locked_until AS until FROM pin_guard WHERE staff_id = ? AND origin = ?',
    )
    .get(staff.id, origin) as GuardRow | undefined;
  if (here?.until && here.until > now) throw lockedError(c, Math.ceil((here.until - now) / 60_000));
  if (staff.lockedUntil && staff.lockedUntil > now)
    throw pausedError(c, 'errors.accountPaused', staff.lockedUntil);

  if (verifyPin(pin, staff.pinSalt, staff.pinHash)) {
    raw.prepare('DELETE FROM pin_guard WHERE staff_id = ? AND origin = ?').run(staff.id, origin);
    raw.prepare('DELETE FROM station_guard WHERE origin = ?').run(origin);
    if (staff.failedPins || staff.lockedUntil) {
      raw
        .prepare(
          'UPDATE staff SET failed_pins = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
        )
        .run(now, staff.id);
    }
    // An old-form hash is rewritten now that the PIN is known (see pin.ts).
    if (needsRehash(staff.pinHash)) {
      const { hash, salt } = hashPin(pin);
      raw
        .prepare('UPDATE staff SET pin_hash = ?, pin_salt = ? WHERE id = ?')
        .run(hash, salt, staff.id);
    }
    return;
  }

  const max = settings.get('auth.maxPinAttempts');
  const failed = (here?.failed ?? 0) + 1;
  const locked = failed >= max;
  const minutes = settings.get('auth.lockoutMinutes');
  raw
    .prepare(
      `INSERT INTO pin_guard (staff_id, origin, failed, locked_until, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (staff_id, origin) DO UPDATE SET failed = excluded.failed,
         locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    )
    .run(staff.id, origin, locked ? 0 : failed, locked ? now + minutes * 60_000 : null, now);
  const pause = settings.get('auth.throttleSeconds') * 1000;
  raw
    .prepare(
      'UPDATE staff SET failed_pins = failed_pins + 1, locked_until = ?, updated_at = ? WHERE id = ?',
    )
    .run(locked && pause > 0 ? now + pause : staff.lockedUntil, now, staff.id);

  const stationFailed = (station?.failed ?? 0) + 1;
  const stationPaused = stationFailed >= settings.get('auth.stationMaxAttempts');
  const pausedUntil = now + settings.get('auth.stationPauseSeconds') * 1000;
  raw
    .prepare(
      `INSERT INTO station_guard (origin, failed, paused_until, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (origin) DO UPDATE SET failed = excluded.failed,
         paused_until = excluded.paused_until, updated_at = excluded.updated_at`,
    )
    .run(origin, stationPaused ? 0 : stationFailed, stationPaused ? pausedUntil : null, now);

  if (locked) throw lockedError(c, minutes).keep();
  if (stationPaused) throw pausedError(c, 'errors.stationPaused', pausedUntil).keep();
  throw c.wrong(max - failed).keep();
}
