import pg from 'pg';
import { serverOf } from '../../db/engine';
import { EngineStartError, classifyPgError } from '../../db/engine-errors';
import type { Migration } from '../../db/migrations/types';
import { pgClientConfig } from '../../db/open-postgres';
import { ownStationId } from '../stations/station-identity';

/** Another station on the shop's database, as the upgrade screen lists it. */
export interface OtherStation {
  id: string;
  name: string;
  appVersion: string;
  lastSeenAt: number;
}

/** Why this station must not migrate the shared database by itself at start. */
export interface UpgradePlan {
  server: string;
  /** The app version recorded in app_version as the one that migrated the database. */
  shopVersion: string | null;
  /** This station's app version (the one that would migrate). */
  mine: string;
  /** Migrations this build would apply. */
  pending: number[];
  /** The stations that use the database besides this one (not retired). */
  stations: OtherStation[];
}

/**
 * A start on PostgreSQL that would migrate a database other stations use: typed (the harness and
 * the Electron app show the upgrade screen; the CLIs print the sentence), nothing changed.
 */
export class ShopUpgradeNeeded extends EngineStartError {
  constructor(readonly plan: UpgradePlan) {
    super('ENGINE_UPGRADE_NEEDED', {
      server: plan.server,
      shop: plan.shopVersion ?? '?',
      mine: plan.mine,
      stations: plan.stations.map((s) => s.name).join(', '),
    });
    this.name = 'ShopUpgradeNeeded';
  }
}

/**
 * Reads, before anything is migrated, whether this build would migrate a shop's database that
 * other stations use. Null when it may migrate at start as before: a new (empty) database,
 * nothing pending, or no other station (one PC on a server). Read-only; one short connection.
 */
export async function planPgUpgrade(
  url: string,
  list: readonly Migration[],
  opts: { dataDir: string; mine: string },
): Promise<UpgradePlan | null> {
  const server = serverOf(url);
  const client = new pg.Client(pgClientConfig(url));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const has = async (table: string) =>
      (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table])).rows[0]
        ?.t != null;
    if (!(await has('schema_migration'))) return null;
    const applied = new Set(
      (await client.query<{ id: number }>('SELECT id FROM schema_migration')).rows.map((r) =>
        Number(r.id),
      ),
    );
    if (applied.size === 0) return null;
    const pending = list.map((m) => m.id).filter((id) => !applied.has(id));
    if (pending.length === 0 || !(await has('station'))) return null;
    const self = ownStationId(opts.dataDir);
    const stations = (
      await client.query<{ id: string; name: string; app_version: string; last_seen_at: string }>(
        `SELECT id, name, app_version, last_seen_at FROM station
          WHERE retired_at IS NULL AND id <> $1 ORDER BY name, id`,
        [self ?? ''],
      )
    ).rows.map((r) => ({
      id: r.id,
      name: r.name,
      appVersion: r.app_version,
      lastSeenAt: Number(r.last_seen_at),
    }));
    if (stations.length === 0) return null;
    const shopVersion = (await has('app_version'))
      ? ((
          await client.query<{ app_version: string }>(
            "SELECT app_version FROM app_version WHERE key = 'migrated'",
          )
        ).rows[0]?.app_version ?? null)
      : null;
    return {
      server,
      shopVersion,
      mine: opts.mine,
      pending: pending.sort((a, b) => a - b),
      stations,
    };
  } catch (err) {
    throw classifyPgError(err, server);
  } finally {
    await client.end().catch(() => undefined);
  }
}
