import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { Logger } from '../api/dispatcher';
import { openDatabase } from '../db/data-source';
import type { DatabaseTarget, Engine } from '../db/engine';
import { migrations } from '../db/migrations';
import type { EventBus } from '../events';
import type { SettingsService } from '../domain/settings/settings-service';
import type { Sessions } from '../domain/staff/sessions';
import {
  createBackup,
  listBackups,
  manifestPath,
  removeLeftovers,
  verifyBackup,
  type BackupManifest,
  type BackupProgress,
  type BackupReason,
} from './backup';
import { sqlOf } from '../db/sql';
import {
  highest,
  issuedBy,
  issuedBySql,
  NONE,
  raiseSequences,
  raiseSequencesSql,
  sequencesOfSql,
  readIssuedFile,
  recordIssued,
  recordIssuedAsync,
  sequencesOf,
  type IssuedNumbers,
} from './issued-numbers';
import {
  createPgBackup,
  listPgBackups,
  restorePgBackup,
  verifyPgBackup,
  type PgBackupManifest,
} from './pg-backup';
import { pruneBackups } from './retention';
import {
  checkDatabaseBeforeOpen,
  defaultBackupDir,
  knownBackupDirs,
  rememberBackupDir,
  replaceDatabaseFile,
} from './startup';

/** The parts of the workstation's services a restore swaps out. */
export interface DatabaseSlot {
  engine: Engine;
  database: DatabaseTarget;
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

/** How long closing the app may spend on its exit backup (a supervisor's kill comes later). */
export const EXIT_BACKUP_DEADLINE_MS = 8_000;
/** PostgreSQL: at most one read of the sequences a second for the mark beside the data. */
const NOTE_GAP_MS = 1_000;
export type ExitBackupOutcome = 'done' | 'unchanged' | 'abandoned' | 'failed';

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
  /** The issued-numbers mark as last written beside the data. */
  private mark: IssuedNumbers = { ...NONE };
  /** Aborted when closing runs past its deadline: every copy still running stops. */
  private readonly closing = new AbortController();
  /** How many numbers the last restore skipped (issued after its copy was made). */
  private skipped: IssuedNumbers = { ...NONE };

  constructor(
    private readonly slot: DatabaseSlot,
    readonly dataDir: string,
    private readonly log: Logger,
  ) {
    this.removeLeftovers();
    // Backups of a PostgreSQL shop are pg_dump's: nothing of the file's below (`open()` raises
    // its sequences to the mark).
    if (slot.engine === 'postgres') return;
    secureDelete(slot.raw);
    // A file put in place while the app was closed (`npm run backup -- --restore`, a copy by
    // hand) starts above every number issued before.
    const raised = this.raiseToMark(NONE);
    if (raised.ticket || raised.invoice) {
      log.error(
        `this database is older than numbers already issued: skipping ${raised.ticket} ticket and ${raised.invoice} invoice numbers`,
      );
    }
    // Events are published after commit: whatever took a number is durable by then.
    slot.events.subscribe(() => {
      // (a restore closes the file for a moment; the reopened one is read at the next event)
      if (!this.slot.raw.open) return;
      try {
        this.noteIssued();
      } catch (err) {
        this.log.error('could not record the issued ticket numbers', err);
      }
    });
  }

  /**
   * PostgreSQL: a database restored while this station was closed (`npm run backup --
   * --restore`, by hand) starts above every number issued before, and the mark beside the data
   * follows the database's sequences after each event (a round trip, so after the commit's
   * call answered; closing waits for the last). SQLite did all of this in the constructor.
   */
  async open(): Promise<void> {
    if (this.slot.engine !== 'postgres') return;
    // Nothing changed since the newest dump while its audit head is still the database's.
    const newest = this.list()[0];
    if (newest) this.pgHeadAtBackup = newest.auditHead?.id ?? 0;
    const raised = await this.raiseToMarkPg(NONE);
    if (raised.ticket || raised.invoice) {
      this.log.error(
        `this database is older than numbers already issued: skipping ${raised.ticket} ticket and ${raised.invoice} invoice numbers`,
      );
    }
    this.slot.events.subscribe(() => this.notePg());
  }

  private noting: Promise<void> | null = null;
  private noteAgain = false;
  private restoring = false;
  /** Ends the pause between two reads at once (closing, restoring: the last read now). */
  private cutShort: (() => void) | null = null;
  /** Someone waits for the mark (idle): no pauses until it is written. */
  private hurry = 0;

  /** One read of the sequences at a time; events meanwhile ask for one more after it, at most
   * one a second: every station hears every station's events, and ten stations reading after
   * each of them was a read per event per station for a mark that only needs the highest. */
  private notePg(): void {
    if (this.restoring || !this.slot.dataSource.isInitialized) return;
    if (this.noting) {
      this.noteAgain = true;
      return;
    }
    this.noting = (async () => {
      do {
        this.noteAgain = false;
        const began = Date.now();
        await this.noteIssuedPg();
        if (this.noteAgain && !this.restoring) await this.pause(NOTE_GAP_MS - (Date.now() - began));
      } while (this.noteAgain && !this.restoring);
    })()
      .catch((err: unknown) => this.log.error('could not record the issued ticket numbers', err))
      .finally(() => (this.noting = null));
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0 || this.hurry > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cutShort = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cutShort = done;
    });
  }

  private async noteIssuedPg(): Promise<IssuedNumbers> {
    const seen = await sequencesOfSql(sqlOf(this.slot.dataSource.manager));
    if (seen.ticket > this.mark.ticket || seen.invoice > this.mark.invoice) {
      this.mark = await recordIssuedAsync(this.dataDir, seen);
    }
    return this.mark;
  }

  private async raiseToMarkPg(also: IssuedNumbers): Promise<IssuedNumbers> {
    const sql = sqlOf(this.slot.dataSource.manager);
    const raised = await raiseSequencesSql(sql, highest(this.markOutside(), also));
    this.mark = await recordIssuedAsync(this.dataDir, await sequencesOfSql(sql));
    return raised;
  }

  /** Temp files of a copy that was cut off (the process killed during its exit backup). */
  private removeLeftovers(): void {
    for (const dir of [...knownBackupDirs(this.dataDir, this.backupDir()), this.dataDir]) {
      try {
        const removed = removeLeftovers(dir);
        if (removed.length) {
          this.log.error(
            `removed what an interrupted backup left in ${dir}: ${removed.join(', ')}`,
          );
        }
      } catch (err) {
        this.log.error(`could not tidy ${dir}`, err);
      }
    }
  }

  /** Keeps the mark beside the data up with the database's sequences (cheap when unchanged). */
  noteIssued(): IssuedNumbers {
    const seen = sequencesOf(this.slot.raw);
    if (seen.ticket > this.mark.ticket || seen.invoice > this.mark.invoice) {
      this.mark = recordIssued(this.dataDir, seen);
    }
    return this.mark;
  }

  /** The highest numbers known outside the database: the mark beside the data and every
   * backup's manifest. */
  private markOutside(): IssuedNumbers {
    const dirs = knownBackupDirs(this.dataDir, this.backupDir());
    return highest(
      readIssuedFile(this.dataDir),
      ...dirs.flatMap((d) => listBackups(d).map((m) => m.issued)),
    );
  }

  /** Raises the current database's sequences above every number issued before (`also`: the
   * outgoing database's, at a restore) and records the mark. */
  private raiseToMark(also: IssuedNumbers): IssuedNumbers {
    const floor = highest(this.markOutside(), also);
    const raised = raiseSequences(this.slot.raw, floor);
    this.mark = recordIssued(this.dataDir, sequencesOf(this.slot.raw));
    return raised;
  }

  /** What restoring `file` would drop: tickets and invoices in the shop now that the copy does
   * not hold, and the numbers issued so far (never issued again). */
  async restorePreview(file: string) {
    const chosen = this.find(file);
    const sql = sqlOf(this.slot.dataSource.manager);
    const count = async (t: string) =>
      Number((await sql.get<{ n: number | string }>(`SELECT count(*) AS n FROM "${t}"`))?.n ?? 0);
    const issued = highest(
      this.markOutside(),
      this.slot.engine === 'postgres' ? await issuedBySql(sql) : issuedBy(this.slot.raw),
    );
    return {
      backup: chosen,
      ticketsDropped: Math.max(0, (await count('ticket')) - (chosen.counts.ticket ?? 0)),
      invoicesDropped: Math.max(0, (await count('invoice')) - (chosen.counts.invoice ?? 0)),
      issued,
    };
  }

  backupDir(): string {
    const configured = this.slot.settings.get('backup.folder');
    return configured ? path.resolve(configured) : defaultBackupDir(this.dataDir);
  }

  list(): BackupManifest[] {
    return this.pgUrl() ? listPgBackups(this.backupDir()) : listBackups(this.backupDir());
  }

  /** The shop's PostgreSQL URL, or null on SQLite. */
  private pgUrl(): string | null {
    return this.slot.database.engine === 'postgres' ? this.slot.database.url : null;
  }

  find(file: string): BackupManifest {
    // Only names listed from the folder are accepted: a path never reaches the file system.
    const m = this.list().find((b) => b.file === file);
    if (!m) throw new RestoreRefused('NOT_FOUND', `There is no backup named "${file}".`);
    return m;
  }

  verify(file: string) {
    const m = this.find(file);
    return this.pgUrl()
      ? verifyPgBackup(this.backupDir(), m as PgBackupManifest)
      : verifyBackup(this.backupDir(), m);
  }

  /** Rows changed on this connection since the last backup. */
  changesSinceBackup(): number {
    return this.totalChanges() - this.changesAtLastBackup;
  }

  private totalChanges(): number {
    if (this.slot.engine === 'postgres') return 0;
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
    const url = this.pgUrl();
    if (url) {
      this.progress(operation, { phase: 'copy', percent: 0 });
      const m = await createPgBackup(url, dir, {
        reason,
        now: this.slot.now(),
        issued: await this.noteIssuedPg(),
        signal: this.closing.signal,
      });
      this.pgHeadAtBackup = m.auditHead?.id ?? 0;
      this.progress(operation, { phase: 'done', percent: 100 });
      if (reason !== 'pre-restore') this.prune(dir);
      return m;
    }
    const changes = this.totalChanges();
    const m = await createBackup(this.slot.raw, dir, {
      reason,
      issued: this.noteIssued(),
      now: this.slot.now(),
      onProgress: (p) => this.progress(operation, p),
      pagesPerStep,
      // closing past the exit deadline stops any copy at its next step, temp files removed
      signal: this.closing.signal,
    });
    this.changesAtLastBackup = changes;
    // A restore is about to use one of the listed copies: pruning now could remove it.
    if (reason === 'pre-restore') return m;
    this.prune(dir);
    return m;
  }

  private prune(dir: string): void {
    try {
      pruneBackups(dir, this.list(), {
        daily: this.slot.settings.get('backup.keepDaily'),
        weekly: this.slot.settings.get('backup.keepWeekly'),
        deliberateDays: this.slot.settings.get('backup.keepDeliberateDays'),
        now: this.slot.now(),
      });
    } catch (err) {
      this.log.error('could not prune old backups', err);
    }
  }

  /** PostgreSQL: the newest audit entry in the last backup; other stations write too, so the
   * database itself says whether anything changed since (every change is audited). */
  private pgHeadAtBackup = -1;

  private async pgChanged(): Promise<boolean> {
    const rows = (await this.slot.dataSource.query(
      'SELECT max(id) AS id FROM audit_entry',
    )) as Array<{
      id: number | null;
    }>;
    return Number(rows[0]?.id ?? 0) !== this.pgHeadAtBackup;
  }

  /** A restore on PostgreSQL: the pool closed, `pg_restore --clean` after a safety dump, the
   * pool opened again (also when the restore failed: the database is then as it was). */
  private async restorePg(url: string, chosen: BackupManifest, operation: SafetyOperation) {
    const dir = this.backupDir();
    const verdict = verifyPgBackup(dir, chosen as PgBackupManifest);
    if (!verdict.ok) {
      throw new RestoreRefused(
        'DAMAGED',
        `The backup ${chosen.file} cannot be restored: ${verdict.problem}.`,
      );
    }
    this.progress(operation, { phase: 'copy', percent: 20 });
    // read before the outgoing database goes: the numbers it issued and printed
    const outgoing = await issuedBySql(sqlOf(this.slot.dataSource.manager));
    const issued = await this.noteIssuedPg();
    this.restoring = true;
    this.cutShort?.();
    await this.noting;
    await this.slot.dataSource.destroy();
    try {
      const r = await restorePgBackup(url, dir, chosen as PgBackupManifest, this.slot.now(), {
        issued,
      });
      this.pgHeadAtBackup = -1;
      return { restored: r.restored, undo: r.undo, skipped: this.skipped };
    } finally {
      const { dataSource } = await openDatabase(this.dataDir, this.slot.database, {
        now: this.slot.now(),
      });
      this.slot.dataSource = dataSource;
      this.restoring = false;
      // Numbers issued after the copy was made are on tags and receipts already: never again.
      this.skipped = await this.raiseToMarkPg(outgoing);
      await this.slot.settings.load(dataSource.manager);
      await this.signOutMissingStaff();
      this.progress(operation, { phase: 'done', percent: 100 });
    }
  }

  /** Staff who do not exist (or are no longer active) in the restored database are signed
   * out. */
  private async signOutMissingStaff() {
    const sql = sqlOf(this.slot.dataSource.manager);
    for (const id of this.slot.sessions.staffIds()) {
      const row = await sql.get('SELECT 1 AS one FROM staff WHERE id = ? AND active = 1', id);
      if (!row) this.slot.sessions.closeForStaff(id);
    }
  }

  /** Deletes a listed backup and its manifest: how a person removes a copy made on purpose. */
  delete(file: string): Promise<BackupManifest> {
    return this.exclusive(async () => {
      const m = this.find(file);
      const target = path.join(this.backupDir(), m.file);
      fs.rmSync(manifestPath(target), { force: true });
      fs.rmSync(target, { force: true });
      return m;
    });
  }

  /** Replaces the database with a verified backup; returns the pre-restore copy (the undo). */
  restore(
    file: string,
    operation: 'restore' | 'undo' = 'restore',
    record?: (r: {
      restored: BackupManifest;
      undo: BackupManifest;
      skipped: IssuedNumbers;
    }) => Promise<void>,
  ) {
    return this.exclusive(async () => {
      const dir = this.backupDir();
      const chosen = this.find(file);
      const url = this.pgUrl();
      if (url) {
        const res = await this.restorePg(url, chosen, operation);
        if (record) await record(res);
        return res;
      }
      this.progress(operation, { phase: 'check', percent: 0 });
      const verdict = verifyBackup(dir, chosen);
      if (!verdict.ok) {
        throw new RestoreRefused(
          'DAMAGED',
          `The backup ${file} cannot be restored: ${verdict.problem}.`,
        );
      }
      const undo = await this.backupUnlocked('pre-restore', operation);
      // read before the outgoing file closes: the numbers it issued and printed
      const outgoing = issuedBy(this.slot.raw);
      await this.swapIn(
        path.join(dir, chosen.file),
        operation,
        path.join(dir, undo.file),
        outgoing,
      );
      const res = { restored: chosen, undo, skipped: this.skipped };
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

  private async swapIn(
    file: string,
    operation: SafetyOperation,
    fallback: string,
    outgoing: IssuedNumbers,
  ) {
    this.progress(operation, { phase: 'copy', percent: 50 });
    await this.slot.dataSource.destroy();
    const now = this.slot.now();
    try {
      replaceDatabaseFile(this.dataDir, file, now, { keepAside: false });
      await this.reopen(outgoing);
    } catch (err) {
      // The chosen copy would not open (for instance, made by a newer app): put back the copy
      // of what was there, so the shop keeps working exactly as before.
      this.log.error('restore failed; putting the previous database back', err);
      if (this.slot.dataSource.isInitialized) await this.slot.dataSource.destroy();
      replaceDatabaseFile(this.dataDir, fallback, now, { keepAside: false });
      await this.reopen(outgoing);
      throw new RestoreRefused(
        'UNUSABLE',
        `The backup could not be opened, so the database was left as it was: ${(err as Error).message}`,
      );
    }
    this.progress(operation, { phase: 'done', percent: 100 });
  }

  private async reopen(outgoing: IssuedNumbers) {
    await checkDatabaseBeforeOpen(this.dataDir, migrations, this.slot.now());
    const { dataSource, raw } = await openDatabase(this.dataDir);
    this.slot.dataSource = dataSource;
    this.slot.raw = raw;
    secureDelete(raw);
    // Numbers issued after the copy was made are on tags and receipts already: never again.
    this.skipped = this.raiseToMark(outgoing);
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
      const run = this.somethingChanged().then((yes) => (yes ? this.backup('auto') : undefined));
      run
        .catch((err: unknown) => this.log.error('automatic backup failed', err))
        .finally(() => {
          if (this.timer) this.startAutomatic();
        });
    }, minutes * 60_000);
    this.timer.unref();
  }

  private async somethingChanged(): Promise<boolean> {
    return this.pgUrl() ? this.pgChanged() : this.changesSinceBackup() > 0;
  }

  /** Resolves when the mark beside the data is written (PostgreSQL reads it after events). */
  async idle(): Promise<void> {
    this.hurry++;
    try {
      this.cutShort?.();
      await this.noting;
    } finally {
      this.hurry--;
    }
  }

  stopAutomatic(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * At exit: one last copy if anything changed and the setting asks for it, finished within
   * `deadlineMs` (waiting for a copy already running included) or abandoned cleanly: no temp
   * file left, the newest complete copy stays the newest, and the log says so. A supervisor
   * (an OS shutting down, a test's stop) kills a process that takes too long to exit, which
   * would otherwise cut the copy off half-written.
   */
  async atExit(deadlineMs = EXIT_BACKUP_DEADLINE_MS): Promise<ExitBackupOutcome> {
    this.stopAutomatic();
    const started = Date.now();
    const { signal } = this.closing;
    const timer = setTimeout(() => this.closing.abort(new Error('exit deadline')), deadlineMs);
    const deadline = new Promise<'deadline'>((resolve) =>
      signal.addEventListener('abort', () => resolve('deadline')),
    );
    try {
      // A copy already running (the automatic one) finishes first, within the same deadline.
      if ((await Promise.race([this.lock.then(() => 'free' as const), deadline])) === 'deadline') {
        // it stops at its next step and removes its temp files; wait for that, briefly
        await Promise.race([this.lock, new Promise((r) => setTimeout(r, 2_000))]);
        this.log.error(
          `backup at exit abandoned after ${Date.now() - started} ms (deadline ${deadlineMs} ms): another backup was still running and was stopped`,
        );
        return 'abandoned';
      }
      if (!this.slot.settings.get('backup.onExit') || !(await this.somethingChanged())) {
        return 'unchanged';
      }
      await this.exclusive(() => this.backupUnlocked('exit', 'backup'));
      return 'done';
    } catch (err) {
      if (signal.aborted) {
        this.log.error(
          `backup at exit abandoned after ${Date.now() - started} ms (deadline ${deadlineMs} ms); nothing half-written was left, the newest complete backup stays the newest`,
        );
        return 'abandoned';
      }
      this.log.error('backup at exit failed', err);
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }

  /** Removes the data folder's leftovers of interrupted operations (never backups). */
  static tidy(dataDir: string): void {
    for (const f of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
      if (f.endsWith('.incoming')) fs.rmSync(path.join(dataDir, f), { force: true });
    }
  }
}
