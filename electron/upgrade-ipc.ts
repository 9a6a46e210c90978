import type { CallResult } from '../main/api/dispatcher';
import { resolveDatabase } from '../main/db/engine';
import { migrations } from '../main/db/migrations';
import type { Sealer } from '../main/domain/messages/channels/secret-store';
import { ownStationName } from '../main/domain/stations/station-identity';
import { ShopUpgradeNeeded } from '../main/domain/versions/upgrade-plan';
import { UpgradeDesk } from '../main/setup/upgrade-answer';
import { noSuchMethod } from './setup-ipc';

/**
 * "Upgrade the shop's database" in the app: a start on a shared PostgreSQL database that this
 * (newer) build would migrate while other stations use it stops with ENGINE_UPGRADE_NEEDED; the
 * shell then opens the window on the same UpgradeDatabase screen as the harness, whose requests
 * come over the one `api` IPC channel as `upgrade.state` / `upgrade.confirm` (the preload stays
 * `call` and `on`; the sender check is the same as for every API call). The answers are the
 * harness's (main/setup/upgrade-answer.ts), wrapped as a CallResult.
 */
export const isUpgradeMethod = (method: string): boolean => method.startsWith('upgrade.');

/** The desk for a start that stopped because the shop's database needs an admin's upgrade; null
 * for any other failure (the caller shows that one as before). */
export function upgradeDeskFor(
  err: unknown,
  dataDir: string,
  opts: { dbUrl?: string; sealer: Sealer },
): UpgradeDesk | null {
  if (!(err instanceof ShopUpgradeNeeded)) return null;
  const database = resolveDatabase(dataDir, { url: opts.dbUrl, sealer: opts.sealer });
  if (database.engine !== 'postgres') return null;
  return new UpgradeDesk({
    url: database.url,
    dataDir,
    plan: err.plan,
    migrations,
    station: ownStationName(dataDir),
    now: Date.now,
  });
}

/**
 * One `upgrade.*` request from the window. Without a pending upgrade, or once the workstation is
 * open, `upgrade.state` says none is needed and every other `upgrade.*` is NOT_FOUND. Wrong PINs
 * are counted for the window's station origin, as at sign-in.
 */
export async function upgradeCall(
  desk: UpgradeDesk | null,
  method: string,
  input: unknown,
  meta: { origin: string; workstationOpen: boolean },
): Promise<CallResult> {
  const pending = desk && !meta.workstationOpen ? desk : null;
  if (method === 'upgrade.state')
    return { ok: true, result: pending?.state() ?? { needed: false } };
  if (!pending || method !== 'upgrade.confirm') return noSuchMethod();
  return { ok: true, result: (await pending.confirm(input, meta.origin)).answer };
}
