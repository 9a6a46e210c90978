import type { DataSource, EntityManager } from 'typeorm';
import pkg from '../../../package.json';
import { sqlOf } from '../../db/sql';
import { Station } from '../../db/entities';
import type { SettingsService } from '../settings/settings-service';
import { loadStationIdentity, saveStationIdentity, type StationIdentity } from './station-identity';

export const APP_VERSION: string = pkg.version;

/** Job states a station still has to act on: adopted with the printers at first start. */
const UNFINISHED = `('queued', 'printing', 'uncertain', 'failed')`;

export interface StationOptions {
  /** How often the row's last-seen time is written while the app runs (default 30 s). */
  heartbeatMs?: number;
}

/**
 * This PC as a station: its identity from <data>/station.json, its row in the shared `station`
 * table (registered at start, last seen every heartbeat), its default printers, and whether an
 * admin retired it. One instance per running workstation.
 */
export class StationService {
  identity: StationIdentity;
  defaults: Record<string, number> = {};
  retiredAt: number | null = null;
  readonly heartbeatMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly db: () => DataSource,
    private readonly now: () => number,
    opts: StationOptions = {},
  ) {
    this.identity = loadStationIdentity(dataDir);
    this.heartbeatMs = opts.heartbeatMs ?? 30_000;
  }

  get id(): string {
    return this.identity.id;
  }

  /** Registers this station (or updates its version), adopts what predates stations, and
   * starts the heartbeat. */
  async start(settings: SettingsService): Promise<void> {
    await this.db().transaction(async (em) => {
      const sql = sqlOf(em);
      const at = this.now();
      const row = await em.findOneBy(Station, { id: this.id });
      if (row) {
        // The data folder is the identity: its name wins over a row left by an older start.
        await sql.run(
          'UPDATE station SET name = ?, app_version = ?, last_seen_at = ? WHERE id = ?',
          this.identity.name,
          APP_VERSION,
          at,
          this.id,
        );
      } else {
        await em.insert(Station, {
          id: this.id,
          name: this.identity.name,
          appVersion: APP_VERSION,
          defaultPrinters: '{}',
          createdAt: at,
          lastSeenAt: at,
          retiredAt: null,
        });
      }
      await this.adopt(em, settings);
    });
    await this.refresh();
    this.timer = setInterval(() => void this.beat().catch(() => undefined), this.heartbeatMs);
    this.timer.unref?.();
  }

  /**
   * A shop from before stations (one PC): its printers, scanners and unfinished print jobs have
   * no station. The first station to start takes them, with the shop-wide default printers, so
   * nothing configured is lost. Later starts find nothing left to take.
   */
  private async adopt(em: EntityManager, settings: SettingsService) {
    const sql = sqlOf(em);
    const orphans = await sql.all<{ id: number }>(
      'SELECT id FROM peripheral WHERE station_id IS NULL',
    );
    await sql.run('UPDATE peripheral SET station_id = ? WHERE station_id IS NULL', this.id);
    await sql.run(
      `UPDATE print_job SET station_id = ? WHERE station_id IS NULL AND status IN ${UNFINISHED}`,
      this.id,
    );
    if (orphans.length === 0) return;
    const ids = new Set(orphans.map((o) => o.id));
    const row = await em.findOneByOrFail(Station, { id: this.id });
    const mine = JSON.parse(row.defaultPrinters) as Record<string, number>;
    if (Object.keys(mine).length > 0) return;
    const shop = settings.get('print.defaultPrinters');
    const carried = Object.fromEntries(Object.entries(shop).filter(([, v]) => ids.has(v)));
    await sql.run(
      'UPDATE station SET default_printers = ? WHERE id = ?',
      JSON.stringify(carried),
      this.id,
    );
  }

  /** Re-reads this station's row (retired by another station's admin, defaults). */
  async refresh(em: EntityManager = this.db().manager): Promise<void> {
    const row = await em.findOneBy(Station, { id: this.id });
    if (!row) return;
    this.defaults = JSON.parse(row.defaultPrinters) as Record<string, number>;
    this.retiredAt = row.retiredAt;
  }

  /** Last seen = now; picks up a retirement decided at another station. */
  async beat(): Promise<void> {
    const ds = this.db();
    if (!ds.isInitialized) return;
    await sqlOf(ds.manager).run(
      'UPDATE station SET last_seen_at = ? WHERE id = ?',
      this.now(),
      this.id,
    );
    await this.refresh(ds.manager);
  }

  /** Writes this station's default printers in the caller's transaction; returns the commit
   * hook that updates the cache (never ahead of a rollback). */
  async setDefaults(em: EntityManager, next: Record<string, number>): Promise<() => void> {
    await sqlOf(em).run(
      'UPDATE station SET default_printers = ? WHERE id = ?',
      JSON.stringify(next),
      this.id,
    );
    return () => {
      this.defaults = next;
    };
  }

  /** Keeps the name in the data folder too: the folder is the station's identity. */
  rename(name: string): void {
    this.identity = { ...this.identity, name, named: true };
    saveStationIdentity(this.dataDir, this.identity);
  }

  /** Whether a station's last heartbeat is recent enough to call it running (this one is). */
  isOnline(row: { id: string; lastSeenAt: number }, at: number): boolean {
    return row.id === this.id || at - row.lastSeenAt <= this.heartbeatMs * 3;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
