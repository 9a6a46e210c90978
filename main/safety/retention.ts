import fs from 'node:fs';
import path from 'node:path';
import { manifestPath, type BackupManifest, type BackupReason } from './backup';

const dayKey = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};
/** Weeks start on Monday, local time. */
const weekKey = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
};

/** Copies someone made on purpose (the button, the CLI) or that guard a step (before a restore,
 * before a migration). They never rotate: they stay until a person deletes them, or, when
 * `backup.keepDeliberateDays` is set, for that many days. */
export const DELIBERATE_REASONS: ReadonlySet<BackupReason> = new Set([
  'manual',
  'cli',
  'pre-restore',
  'pre-migration',
]);

export interface RetentionPolicy {
  /** Automatic copies: the newest of each of the last `daily` days that have one... */
  daily: number;
  /** ...and of each of the last `weekly` weeks. */
  weekly: number;
  /** Deliberate copies: days kept; 0 keeps them until a person deletes them. */
  deliberateDays: number;
  now: number;
}

/**
 * Which backups to keep. Only automatic copies (every interval, at exit) rotate: the newest of
 * each of the last `daily` days that have one, the newest of each of the last `weekly` weeks,
 * and the newest automatic copy overall. Deliberate copies are kept (see DELIBERATE_REASONS),
 * and the newest pre-restore copy (the undo of the last restore) always. Pure, so unit-tested.
 */
export function backupsToKeep(
  newestFirst: readonly BackupManifest[],
  policy: RetentionPolicy,
): Set<string> {
  const keep = new Set<string>();
  const undo = newestFirst.find((m) => m.reason === 'pre-restore');
  if (undo) keep.add(undo.file);
  const maxAge = policy.deliberateDays * 24 * 3_600_000;
  const deliberate = newestFirst.filter((m) => DELIBERATE_REASONS.has(m.reason));
  for (const m of deliberate) {
    if (!maxAge || policy.now - m.createdAt < maxAge) keep.add(m.file);
  }
  const automatic = newestFirst.filter((m) => !DELIBERATE_REASONS.has(m.reason));
  if (automatic.length) keep.add(automatic[0].file);
  const days = new Set<string>();
  const weeks = new Set<number>();
  for (const m of automatic) {
    const d = dayKey(m.createdAt);
    if (!days.has(d) && days.size < policy.daily) {
      days.add(d);
      keep.add(m.file);
    }
    const w = weekKey(m.createdAt);
    if (!weeks.has(w) && weeks.size < policy.weekly) {
      weeks.add(w);
      keep.add(m.file);
    }
  }
  return keep;
}

/** Deletes the copies the policy does not keep (and their manifests); returns their names. */
export function pruneBackups(
  dir: string,
  newestFirst: readonly BackupManifest[],
  policy: RetentionPolicy,
): string[] {
  const keep = backupsToKeep(newestFirst, policy);
  const gone: string[] = [];
  for (const m of newestFirst) {
    if (keep.has(m.file)) continue;
    const file = path.join(dir, m.file);
    fs.rmSync(manifestPath(file), { force: true });
    fs.rmSync(file, { force: true });
    gone.push(m.file);
  }
  return gone;
}
