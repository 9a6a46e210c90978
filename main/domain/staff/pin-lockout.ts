import { ApiError, type ErrorCode } from '../../api/errors';
import type { Sql } from '../../db/sql';
import type { SettingsService } from '../settings/settings-service';
import { hashPin, needsRehash, verifyPin } from './pin';
import { checkPinOnRaw, type RawPinCheck } from './pin-lockout-raw';

export interface PinHolder {
  id: number;
  pinHash: string;
  pinSalt: string;
  failedPins: number;
  lockedUntil: number | null;
}

export interface PinCheck {
  /** The caller's transaction (`sqlOf(ctx.em)`): counts are kept with `keep()` errors. */
  sql: Sql;
  settings: SettingsService;
  now: number;
  /** The station the PIN was typed at ('ipc:window-3', 'http:127.0.0.1#<browser>'). */
  origin: string;
  /** UNAUTHENTICATED at sign-in; FORBIDDEN for a manager approving at someone else's session. */
  code: ErrorCode;
  /** The error for a wrong PIN that does not yet lock the account. */
  wrong: (attemptsLeft: number) => ApiError;
  /** Where a form shows the error (the approval's PIN field). */
  path?: string;
}

const refusal = (c: PinCheck, key: string, message: string, params: Record<string, number>) =>
  new ApiError(c.code, message, {
    key,
    params,
    ...(c.path ? { issues: [{ path: c.path, key, params, message }] } : {}),
  });

const lockedError = (c: PinCheck, minutes: number) =>
  refusal(c, 'errors.locked', `Too many wrong PINs. Try again in ${minutes} min.`, { minutes });
const pausedError = (c: PinCheck, key: string, until: number) => {
  const seconds = Math.max(1, Math.ceil((until - c.now) / 1000));
  return refusal(c, key, `Too many wrong PINs. Wait ${seconds} s.`, { seconds });
};

interface GuardRow {
  failed: number;
  until: number | null;
}

/**
 * Every PIN a staff member types counts: a sign-in, an unlock, or a manager's PIN at the
 * counter (discounts, refunds, stock overrides), so a guesser cannot keep trying through the
 * approval dialogs. Three counters, because one terminal must not lock everyone out:
 *
 * - per person *at this station* (`pin_guard`): the fifth wrong PIN locks that person here for
 *   `auth.lockoutMinutes`; other stations are not locked,
 * - per person everywhere (`staff.locked_until`): after such a lock, every station waits
 *   `auth.throttleSeconds` before trying that person again (slows guessing from many places),
 * - per station (`station_guard`): `auth.stationMaxAttempts` wrong PINs in a row at one
 *   station, for anyone, pause that station for `auth.stationPauseSeconds`.
 *
 * Counts are written on the shop's one connection, so errors are thrown with `keep()`: call
 * this before the handler's own writes, which would be kept too.
 */
export function checkPinWithLockout(c: PinCheck, staff: PinHolder, pin: string): Promise<void>;
/** @deprecated TRANSITIONAL (pin-lockout-raw.ts): the synchronous SQLite form. */
export function checkPinWithLockout(c: RawPinCheck, staff: PinHolder, pin: string): void;
export function checkPinWithLockout(
  c: PinCheck | RawPinCheck,
  staff: PinHolder,
  pin: string,
): Promise<void> | void {
  return 'raw' in c ? checkPinOnRaw(c, staff, pin) : checkPin(c, staff, pin);
}

async function checkPin(c: PinCheck, staff: PinHolder, pin: string): Promise<void> {
  const { sql, settings, now, origin } = c;
  const station = await sql.get<GuardRow>(
    'SELECT failed, paused_until AS until FROM station_guard WHERE origin = ?',
    origin,
  );
  if (station?.until && station.until > now)
    throw pausedError(c, 'errors.stationPaused', station.until);
  const here = await sql.get<GuardRow>(
    'SELECT failed, locked_until AS until FROM pin_guard WHERE staff_id = ? AND origin = ?',
    staff.id,
    origin,
  );
  if (here?.until && here.until > now) throw lockedError(c, Math.ceil((here.until - now) / 60_000));
  if (staff.lockedUntil && staff.lockedUntil > now)
    throw pausedError(c, 'errors.accountPaused', staff.lockedUntil);

  if (verifyPin(pin, staff.pinSalt, staff.pinHash)) {
    await sql.run('DELETE FROM pin_guard WHERE staff_id = ? AND origin = ?', staff.id, origin);
    await sql.run('DELETE FROM station_guard WHERE origin = ?', origin);
    if (staff.failedPins || staff.lockedUntil) {
      await sql.run(
        'UPDATE staff SET failed_pins = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
        now,
        staff.id,
      );
    }
    // An old-form hash is rewritten now that the PIN is known (see pin.ts).
    if (needsRehash(staff.pinHash)) {
      const { hash, salt } = hashPin(pin);
      await sql.run(
        'UPDATE staff SET pin_hash = ?, pin_salt = ? WHERE id = ?',
        hash,
        salt,
        staff.id,
      );
    }
    return;
  }

  const max = settings.get('auth.maxPinAttempts');
  const failed = (here?.failed ?? 0) + 1;
  const locked = failed >= max;
  const minutes = settings.get('auth.lockoutMinutes');
  await sql.run(
    `INSERT INTO pin_guard (staff_id, origin, failed, locked_until, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (staff_id, origin) DO UPDATE SET failed = excluded.failed,
       locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    staff.id,
    origin,
    locked ? 0 : failed,
    locked ? now + minutes * 60_000 : null,
    now,
  );
  const pause = settings.get('auth.throttleSeconds') * 1000;
  await sql.run(
    'UPDATE staff SET failed_pins = failed_pins + 1, locked_until = ?, updated_at = ? WHERE id = ?',
    locked && pause > 0 ? now + pause : staff.lockedUntil,
    now,
    staff.id,
  );

  const stationFailed = (station?.failed ?? 0) + 1;
  const stationPaused = stationFailed >= settings.get('auth.stationMaxAttempts');
  const pausedUntil = now + settings.get('auth.stationPauseSeconds') * 1000;
  await sql.run(
    `INSERT INTO station_guard (origin, failed, paused_until, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (origin) DO UPDATE SET failed = excluded.failed,
       paused_until = excluded.paused_until, updated_at = excluded.updated_at`,
    origin,
    stationPaused ? 0 : stationFailed,
    stationPaused ? pausedUntil : null,
    now,
  );

  if (locked) throw lockedError(c, minutes).keep();
  if (stationPaused) throw pausedError(c, 'errors.stationPaused', pausedUntil).keep();
  throw c.wrong(max - failed).keep();
}

/** A manager clears every lock on a person (all stations); audited by the caller. */
export async function unlockStaff(sql: Sql, staffId: number, now: number): Promise<void> {
  await sql.run('DELETE FROM pin_guard WHERE staff_id = ?', staffId);
  await sql.run(
    'UPDATE staff SET failed_pins = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
    now,
    staffId,
  );
}

/** When a person is locked at some station, until when (for the staff screen). */
export async function lockedUntilOf(
  sql: Sql,
  staffId: number,
  now: number,
): Promise<number | null> {
  const row = await sql.get<{ until: number | null }>(
    'SELECT max(locked_until) AS until FROM pin_guard WHERE staff_id = ? AND locked_until > ?',
    staffId,
    now,
  );
  return row?.until ?? null;
}
