import fs from 'node:fs';
import path from 'node:path';
import { manifestPath, type BackupManifest } from './backup';

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

/**
 * Which backups to keep: the newest of each of the last `daily` days that have one, the newest
 * of each of the last `weekly` weeks, the newest copy overall, and the newest pre-restore copy
 * (the undo of the last restore). Everything else may go. Pure, so it is unit-tested.
 */
export function backupsToKeep(
  newestFirst: readonly BackupManifest[],
  policy: { daily: number; weekly: number },
): Set<string> {
  const keep = new Set<string>();
  if (newestFirst.length) keep.add(newestFirst[0].file);
  const undo = newestFirst.find((m) => m.reason === 'pre-restore');
  if (undo) keep.add(undo.file);
  const days = new Set<string>();
  const weeks = new Set<number>();
  for (const m of newestFirst) {
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
  policy: { daily: number; weekly: number },
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
