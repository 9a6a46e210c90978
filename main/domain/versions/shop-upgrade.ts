import path from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiError } from '../../api/errors';
import type { Migration } from '../../db/migrations/types';
import { connectPostgres, migratePostgres } from '../../db/open-postgres';
import { sqlOf } from '../../db/sql';
import { createPgBackup } from '../../safety/pg-backup';
import { defaultBackupDir } from '../../safety/startup';
import { appendAudit } from '../audit/audit-log';
import { SettingsService } from '../settings/settings-service';
import { checkPinWithLockout, type PinHolder } from '../staff/pin-lockout';
import { VERSION_WATCH_MS, VersionGate } from './app-version';
import type { UpgradePlan } from './upgrade-plan';

/** The steps the upgrade screen ticks off, in order. */
export const UPGRADE_STEPS = [
  'admin',
  'announced',
  'stopped',
  'backup',
  'migrated',
  'done',
] as const;
export type UpgradeStep = (typeof UPGRADE_STEPS)[number];

export interface UpgradeRequest {
  url: string;
  dataDir: string;
  plan: UpgradePlan;
  /** This build's migrations (tests playing a newer build bring one more). */
  migrations: readonly Migration[];
  admin: { name: string; pin: string };
  /** Where the PIN was typed (the PIN guard counts wrong PINs per origin). */
  origin: string;
  /** This station's name, recorded with the announcement and the new version. */
  station: string | null;
  now: () => number;
  /** How long the other stations get to read the announcement and stop (default: their watch
   * interval plus a margin; tests shorten it). */
  settleMs?: number;
  onStep?: (step: UpgradeStep, detail?: Record<string, string>) => void;
}

export interface UpgradeResult {
  from: string | null;
  to: string;
  backup: string;
  applied: number[];
}

/** A confirmed upgrade that did not go through: which step failed; the database is as it was. */
export class UpgradeFailed extends Error {
  constructor(
    readonly step: 'backup' | 'migrate',
    readonly cause: unknown,
  ) {
    super(
      `The upgrade stopped at the ${step === 'backup' ? 'backup' : 'migration'}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'UpgradeFailed';
  }
}

const notAdmin = () =>
  new ApiError('FORBIDDEN', "Only an admin can upgrade the shop's database.", {
    key: 'errors.upgradeAdminOnly',
  });
const badPin = (attemptsLeft: number) =>
  new ApiError('UNAUTHENTICATED', 'Wrong name or PIN.', {
    key: 'errors.badPin',
    params: { attemptsLeft },
  });

interface StaffRow extends PinHolder {
  name: string;
  role: string;
  active: number;
}

/**
 * The admin's name and PIN, checked as at sign-in (the PIN guard counts a wrong one, and its
 * count is kept); anyone else than an active admin is refused. Raw SQL: this build's entities
 * may already name columns the old schema does not have.
 */
async function checkAdmin(
  ds: DataSource,
  settings: SettingsService,
  req: UpgradeRequest,
): Promise<{ id: number; name: string }> {
  const refused = await ds.transaction(async (em) => {
    const sql = sqlOf(em);
    const staff = await sql.get<StaffRow>(
      `SELECT id, name, role, active, pin_hash AS "pinHash", pin_salt AS "pinSalt",
              failed_pins AS "failedPins", locked_until AS "lockedUntil"
         FROM staff WHERE name = ?`,
      req.admin.name,
    );
    if (!staff) return { error: badPin(settings.get('auth.maxPinAttempts')) };
    try {
      await checkPinWithLockout(
        {
          sql,
          settings,
          now: req.now(),
          origin: req.origin,
          code: 'UNAUTHENTICATED',
          wrong: badPin,
        },
        { ...staff, lockedUntil: staff.lockedUntil === null ? null : Number(staff.lockedUntil) },
        req.admin.pin,
      );
    } catch (err) {
      // committed: the wrong PIN's count stays, as at sign-in
      if (err instanceof ApiError) return { error: err };
      throw err;
    }
    if (staff.role !== 'admin' || !Number(staff.active)) return { error: notAdmin() };
    return { staff: { id: Number(staff.id), name: staff.name } };
  });
  if ('error' in refused) throw refused.error;
  return refused.staff;
}

/**
 * Upgrades the shop's shared PostgreSQL database once an admin has confirmed it at this (newer)
 * station: the admin's PIN; the announcement, committed first, so every other station's version
 * gate stops its writes and asks to be updated; a wait of one watch interval so they have
 * stopped; a backup (pg_dump, the same manifest as any other); the migrations (one transaction:
 * a failure leaves the schema as it was); then, in one transaction, the new version recorded and
 * the audit entry (who, from, to, backup). A failure before the migration commits takes the
 * announcement back, so the other stations write again.
 */
export async function upgradeShopDatabase(req: UpgradeRequest): Promise<UpgradeResult> {
  const ds = await connectPostgres(req.url);
  try {
    const settings = new SettingsService();
    await settings.load(ds.manager);
    const admin = await checkAdmin(ds, settings, req);
    req.onStep?.('admin');

    const schemaLevel = Math.max(...req.migrations.map((m) => m.id));
    const previous = await VersionGate.readUpgrade(ds);
    await VersionGate.announceUpgrade(ds, {
      version: req.plan.mine,
      schemaLevel,
      station: req.station,
      now: req.now(),
    });
    req.onStep?.('announced');
    let backup: string;
    try {
      await new Promise((r) => setTimeout(r, req.settleMs ?? VERSION_WATCH_MS + 2_000));
      req.onStep?.('stopped');
      const folder = settings.get('backup.folder');
      const dir = folder ? path.resolve(folder) : defaultBackupDir(req.dataDir);
      try {
        backup = (await createPgBackup(req.url, dir, { reason: 'pre-migration', now: req.now() }))
          .file;
      } catch (err) {
        throw new UpgradeFailed('backup', err);
      }
      req.onStep?.('backup', { file: backup });
      let applied: number[];
      try {
        applied = await migratePostgres(req.url, req.migrations, req.now());
      } catch (err) {
        throw new UpgradeFailed('migrate', err);
      }
      req.onStep?.('migrated');
      await ds.transaction(async (em) => {
        await VersionGate.recordMigrated(em, {
          version: req.plan.mine,
          schemaLevel,
          station: req.station,
          now: req.now(),
        });
        await appendAudit(em, {
          at: req.now(),
          staffId: admin.id,
          staffName: admin.name,
          action: 'shop.upgrade',
          entity: 'database',
          entityId: null,
          outcome: 'success',
          origin: req.origin,
          details: JSON.stringify({
            from: req.plan.shopVersion,
            to: req.plan.mine,
            migrations: applied,
            backup,
            stations: req.plan.stations.map((s) => s.name),
          }),
        });
      });
      req.onStep?.('done');
      return { from: req.plan.shopVersion, to: req.plan.mine, backup, applied };
    } catch (err) {
      if (err instanceof UpgradeFailed) await VersionGate.withdrawUpgrade(ds, previous);
      throw err;
    }
  } finally {
    await ds.destroy().catch(() => undefined);
  }
}
