import { ApiError, type ErrorCode } from '../../api/errors';
import type { Sql } from '../../db/sql';
import type { SettingsService } from '../settings/settings-service';

export interface PinHolder {
  id: number;
  pinHash: string;
  pinSalt: string;
  failedPins: number;
  lockedUntil: number | null;
}

export interface PinCheck {
  /** The caller's transaction (`sqlOf(ctx.em)`): the counts are kept with `keep()`. */
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

const refusal = (
  c: Pick<PinCheck, 'code' | 'path'>,
  key: string,
  message: string,
  params: Record<string, number>,
) =>
  new ApiError(c.code, message, {
    key,
    params,
    ...(c.path ? { issues: [{ path: c.path, key, params, message }] } : {}),
  });

export const lockedError = (c: Pick<PinCheck, 'code' | 'path'>, minutes: number) =>
  refusal(c, 'errors.locked', `Too many wrong PINs. Try again in ${minutes} min.`, { minutes });
export const pausedError = (
  c: Pick<PinCheck, 'code' | 'path' | 'now'>,
  key: string,
  until: number,
) => {
  const seconds = Math.max(1, Math.ceil((until - c.now) / 1000));
  return refusal(c, key, `Too many wrong PINs. Wait ${seconds} s.`, { seconds });
};
