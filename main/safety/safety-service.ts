import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { Logger } from '../api/dispatcher';
import { openDatabase } from '../db/data-source';
import { migrations } from '../db/migrations';
import type { EventBus } from '../events';
import type { SettingsService } from '../domain/settings/settings-service';
import type { Sessions } from '../domain/staff/sessions';
import {
  createBackup,
  listBackups,
  verifyBackup,
  type BackupManifest,
  type BackupProgress,
  type BackupReason,
} from './backup';
import { pruneBackups } from './retention';
import {
  checkDatabaseBeforeOpen,
  defaultBackupDir,
  rememberBackupDir,
  replaceDatabaseFile,
} from './startup';

/** The parts of the workstation's services a restore swaps out. */
export interface DatabaseSlot {
  dataSource: DataSource;
  raw: BetterSqlite3.Database;
  settings: SettingsService;
  sessions: Sessions;
  events: EventBus;
  now: () => number;
}

/** Overwrites deleted and rewritten content with zeros, so an erased customer's old values do
 * not linger in free pages of the file. */
function secureDelete(raw: BetterSqlite3.Database): void {
  raw.pragma('secure_delete = ON');
}

export type SafetyOperation = 'backup' | 'restore' | 'undo';

export class RestoreRefused extends Error {
  constructor(
    readonly reason: 'NOT_FOUND' | 'DAMAGED' | 'UNUSABLE',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/**
 * Backups and restores of one shop's database. Every operation takes the same lock, so an
 * automatic backup never races a restore. A restore closes the database, puts the chosen copy
 * in place and opens it again in the same `DatabaseSlot` (the services object the dispatcher
 * reads on every call), after saving the current file so the restore can be undone.
 */
export class SafetyService {
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private changesAtLastBackup = 0;

  constructor(
    private readonly slot: DatabaseSlot,
    readonly dataDir: string,
    private readonly log: Logger,
  ) {
    secureDelete(slot.raw);
  }

  backupDir(): string {
    const configured = this.slot.settings.get('backup.folder');
    return configured ? path.resolve(configured) : defaultBackupDir(this.dataDir);
  }

  list(): BackupManifest[] {
    return listBackups(this.backupDir());
  }

  find(file: string): BackupManifest {
    // Only names listed from the folder are accepted: a path never reaches the file system.
    const m = this.list().find((b) => b.file === file);
    if (!m) throw new RestoreRefused('NOT_FOUND', `There is no backup named "${file}".`);
    return m;
  }

  verify(file: string) {
    return verifyBackup(this.backupDir(), this.find(file));
  }

  /** Rows changed on this connection since the last backup. */
  changesSinceBackup(): number {
    return this.totalChanges() - this.changesAtLastBackup;
  }

  private totalChanges(): number {
    return this.slot.raw.prepare('SELECT total_changes()').pluck().get() as number;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private progress(operation: SafetyOperation, p: BackupProgress): void {
    this.slot.events.publish('safety.progress', { operation, ...p });
  }

  /** `record` runs right after the copy (the audit entry of a manual backup): its own row is
   * not counted as a change still waiting for a backup. */
  backup(
    reason: BackupReason,
    record?: (m: BackupManifest) => Promise<void>,
    pagesPerStep?: number,
  ): Promise<BackupManifest> {
    return this.exclusive(async () => {
      const m = await this.backupUnlocked(reason, 'backup', pagesPerStep);
      if (record) {
        await record(m);
        this.changesAtLastBackup = this.totalChanges();
      }
      return m;
    });
  }

  private async backupUnlocked(
    reason: BackupReason,
    operation: SafetyOperation,
    pagesPerStep?: number,
  ) {
    const dir = this.backupDir();
    if (dir !== defaultBackupDir(this.dataDir)) rememberBackupDir(this.dataDir, dir);
    const changes = this.totalChanges();
    const m = await createBackup(this.slot.raw, dir, {
      reason,
      now: this.slot.now(),
      onProgress: (p) => this.progress(operation, p),
      pagesPerStep,
    });
    this.changesAtLastBackup = changes;
    // A restore is about to use one of the listed copies: pruning now could remove it.
    if (reason === 'pre-restore') return m;
    try {
      pruneBackups(dir, listBackups(dir), {
        daily: this.slot.settings.get('backup.keepDaily'),
        weekly: this.slot.settings.get('backup.keepWeekly'),
        deliberateDays: this.slot.settings.get('backup.keepDeliberateDays'),
        now: this.slot.now(),
      });
    } catch (err) {
      this.log.error('could not prune old backups', err);
    }
    return m;
  }

  /** Replaces the database with a verified backup; returns the pre-restore copy (the undo). */
  restore(
    file: string,
    operation: 'restore' | 'undo' = 'restore',
    record?: (r: { restored: BackupManifest; undo: BackupManifest }) => Promise<void>,
  ) {
    return this.exclusive(async () => {
      const dir = this.backupDir();
      const chosen = this.find(file);
      this.progress(operation, { phase: 'check', percent: 0 });
      const verdict = verifyBackup(dir, chosen);
      if (!verdict.ok) {
        throw new RestoreRefused(
          'DAMAGED',
          `The backup ${file} cannot be restored: ${verdict.problem}.`,
        );
      }
      const undo = await this.backupUnlocked('pre-restore', operation);
      await this.swapIn(path.join(dir, chosen.file), operation, path.join(dir, undo.file));
      const res = { restored: chosen, undo };
      if (record) {
        // the restored file is what the chosen backup holds: its own audit entry is no change
        await record(res);
        this.changesAtLastBackup = this.totalChanges();
      }
      return res;
    });
  }

  /** The newest pre-restore copy, i.e. what the last restore replaced. */
  undoTarget(): BackupManifest | null {
    return this.list().find((b) => b.reason === 'pre-restore') ?? null;
  }

  private async swapIn(file: string, operation: SafetyOperation, fallback: string) {
    this.progress(operation, { phase: 'copy', percent: 50 });
    await this.slot.dataSource.destroy();
    const now = this.slot.now();
    try {
      replaceDatabaseFile(this.dataDir, file, now, { keepAside: false });
      await this.reopen();
    } catch (err) {
      // The chosen copy would not open (for instance, made by a newer app): put back the copy
      // of what was there, so the shop keeps working exactly as before.
      this.log.error('restore failed; putting the previous database back', err);
      if (this.slot.dataSource.isInitialized) await this.slot.dataSource.destroy();
      replaceDatabaseFile(this.dataDir, fallback, now, { keepAside: false });
      await this.reopen();
      throw new RestoreRefused(
        'UNUSABLE',
        `The backup could not be opened, so the database was left as it was: ${(err as Error).message}`,
      );
    }
    this.progress(operation, { phase: 'done', percent: 100 });
  }

  private async reopen() {
    await checkDatabaseBeforeOpen(this.dataDir, migrations, this.slot.now());
    const { dataSource, raw } = await openDatabase(this.dataDir);
    this.slot.dataSource = dataSource;
    this.slot.raw = raw;
    secureDelete(raw);
    this.changesAtLastBackup = 0;
    await this.slot.settings.load(dataSource.manager);
    // Staff who do not exist (or are no longer active) in the restored file are signed out.
    const active = raw.prepare('SELECT 1 FROM staff WHERE id = ? AND active = 1').pluck();
    for (const id of this.slot.sessions.staffIds()) {
      if (!active.get(id)) this.slot.sessions.closeForStaff(id);
    }
  }

  /** Automatic copies every `backup.intervalMinutes` while something changed. */
  startAutomatic(): void {
    this.stopAutomatic();
    const minutes = this.slot.settings.get('backup.intervalMinutes');
    this.timer = setTimeout(() => {
      const run = this.changesSinceBackup() > 0 ? this.backup('auto') : Promise.resolve();
      run
        .catch((err: unknown) => this.log.error('automatic backup failed', err))
        .finally(() => {
          if (this.timer) this.startAutomatic();
        });
    }, minutes * 60_000);
    this.timer.unref();
  }

  stopAutomatic(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** At exit: one last copy if anything changed and the setting asks for it. */
  async atExit(): Promise<void> {
    this.stopAutomatic();
    await this.lock;
    if (!this.slot.settings.get('backup.onExit') || this.changesSinceBackup() === 0) return;
    try {
      await this.backup('exit');
    } catch (err) {
      this.log.error('backup at exit failed', err);
    }
  }

  /** Removes the data folder's leftovers of interrupted operations (never backups). */
  static tidy(dataDir: string): void {
    for (const f of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
      if (f.endsWith('.incoming')) fs.rmSync(path.join(dataDir, f), { force: true });
    }
  }
}
