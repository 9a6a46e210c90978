import { ApiError } from '../../api/errors';
import type { VersionState } from './app-version';

/** Signing in and out, locking and changing one's PIN go on at an outdated station: people must
 * still reach the screen that tells them to update, and read what is there. */
const ALWAYS_ALLOWED = /^auth\./;

/** The refusal of a write at a station older than the shop's database, or null. */
export function outdatedRefusal(method: string, state: VersionState | undefined): ApiError | null {
  if (!state?.outdated || ALWAYS_ALLOWED.test(method)) return null;
  const shop = state.upgradeTo ?? state.migratedBy ?? '?';
  return new ApiError(
    'CONFLICT',
    `This PC's app (${state.mine}) is older than the shop's database (${shop}) — update this PC.`,
    { key: 'errors.appOutdated', params: { mine: state.mine, shop } },
  );
}
