import type { DataSource, EntityManager } from 'typeorm';
import pkg from '../../../package.json';
import { migrations } from '../../db/migrations';
import { sqlOf } from '../../db/sql';

/** This build's version (package.json): what it records when it migrates a database. */
export const APP_VERSION: string = pkg.version;
/** The highest migration this build knows: its schema level. */
export const SCHEMA_LEVEL = Math.max(...migrations.map((m) => m.id));

/** How often a station on a shared database reads which app version the database needs; a
 * station that upgrades the shop waits a little longer than this after announcing it, so every
 * running station has stopped writing before the backup. */
export const VERSION_WATCH_MS = 10_000;

/** Dotted versions compared number by number ("0.10.0" > "0.9.3"); a pre-release tag is
 * ignored (stations of one release compare equal). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split('-')[0]!
      .split('.')
      .map((n) => Number(n) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export interface VersionRow {
  app_version: string;
  schema_level: number;
  station: string | null;
  recorded_at: number;
}

/** What a station knows of the shop's database versus itself. */
export interface VersionState {
  /** This station's app version. */
  mine: string;
  /** The app version that last migrated the database (null: not recorded yet). */
  migratedBy: string | null;
  /** A newer station announced it is migrating the database to this version (or did). */
  upgradeTo: string | null;
  /** This station is older than the database: it must not write. */
  outdated: boolean;
}

async function readRow(ds: DataSource, key: string): Promise<VersionRow | undefined> {
  return sqlOf(ds.manager).get<VersionRow>(
    'SELECT app_version, schema_level, station, recorded_at FROM app_version WHERE key = ?',
    key,
  );
}

async function upsert(
  em: EntityManager,
  key: 'migrated' | 'upgrade',
  row: VersionRow,
): Promise<void> {
  // ON CONFLICT … DO UPDATE is spelled the same on SQLite and PostgreSQL
  await sqlOf(em).run(
    `INSERT INTO app_version (key, app_version, schema_level, station, recorded_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET app_version = excluded.app_version,
       schema_level = excluded.schema_level, station = excluded.station,
       recorded_at = excluded.recorded_at`,
    key,
    row.app_version,
    row.schema_level,
    row.station,
    row.recorded_at,
  );
}

/**
 * The version gate of one station. At open it records this version as the one that migrated the
 * database when this build's schema level is above the recorded one (it has just applied its
 * migrations) or nothing is recorded yet; it then reads whether a newer app has migrated (or
 * announced it will migrate) the database. Every few seconds it reads again, so a station that
 * was running when a newer one upgraded the shop stops writing and asks to be updated.
 */
export class VersionGate {
  private state: VersionState;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly ds: () => DataSource,
    private readonly mine: string,
    private readonly level: number,
  ) {
    this.state = { mine, migratedBy: null, upgradeTo: null, outdated: false };
  }

  static async open(
    ds: () => DataSource,
    opts: {
      version?: string;
      station?: string | null;
      now: number;
      /** This build's schema level (tests playing a newer build bring one more migration). */
      schemaLevel?: number;
    },
  ): Promise<VersionGate> {
    const mine = opts.version ?? APP_VERSION;
    const level = opts.schemaLevel ?? SCHEMA_LEVEL;
    const gate = new VersionGate(ds, mine, level);
    const row = await readRow(ds(), 'migrated');
    if (!row || row.schema_level < level) {
      await upsert(ds().manager, 'migrated', {
        app_version: mine,
        schema_level: level,
        station: opts.station ?? null,
        recorded_at: opts.now,
      });
    }
    await gate.refresh();
    return gate;
  }

  /** Reads the recorded versions again. */
  async refresh(): Promise<VersionState> {
    const [migrated, upgrade] = await Promise.all([
      readRow(this.ds(), 'migrated'),
      readRow(this.ds(), 'upgrade'),
    ]);
    const newer = (v: string | undefined) => !!v && compareVersions(v, this.mine) > 0;
    const upgradeTo = newer(upgrade?.app_version) ? upgrade!.app_version : null;
    this.state = {
      mine: this.mine,
      migratedBy: migrated?.app_version ?? null,
      upgradeTo,
      outdated:
        newer(migrated?.app_version) ||
        (migrated?.schema_level ?? 0) > this.level ||
        upgradeTo !== null,
    };
    return this.state;
  }

  get current(): VersionState {
    return this.state;
  }

  /** Reads again every `ms` (the app and harness); a read that fails keeps the last state. */
  watch(ms: number): void {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * A newer station tells the others it is about to migrate the shared database: written (and
   * committed) before the backup and the migration, so every station stops writing first.
   */
  static async announceUpgrade(
    ds: DataSource,
    to: { version: string; schemaLevel: number; station: string | null; now: number },
  ): Promise<void> {
    await upsert(ds.manager, 'upgrade', {
      app_version: to.version,
      schema_level: to.schemaLevel,
      station: to.station,
      recorded_at: to.now,
    });
  }

  /** The announcement as it stands (null: none), to put back if an upgrade fails. */
  static async readUpgrade(ds: DataSource): Promise<VersionRow | null> {
    return (await readRow(ds, 'upgrade')) ?? null;
  }

  /** An upgrade that failed before migrating takes its announcement back (the earlier one, or
   * none), so the other stations write again: the database is as it was. */
  static async withdrawUpgrade(ds: DataSource, previous: VersionRow | null): Promise<void> {
    if (previous) await upsert(ds.manager, 'upgrade', previous);
    else await sqlOf(ds.manager).run("DELETE FROM app_version WHERE key = 'upgrade'");
  }

  /** The app that has just migrated the shared database records itself, in the caller's
   * transaction (with its audit entry). */
  static async recordMigrated(
    em: EntityManager,
    by: { version: string; schemaLevel: number; station: string | null; now: number },
  ): Promise<void> {
    await upsert(em, 'migrated', {
      app_version: by.version,
      schema_level: by.schemaLevel,
      station: by.station,
      recorded_at: by.now,
    });
  }
}
