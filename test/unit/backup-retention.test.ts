import { describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../main/safety/backup';
import { backupsToKeep } from '../../main/safety/retention';

const HOUR = 3_600_000;
const start = new Date(2026, 10, 25, 18, 0).getTime(); // a Wednesday, local time
const copy = (hoursAgo: number, reason: BackupManifest['reason'] = 'auto'): BackupManifest => ({
  format: 1,
  file: `b-${hoursAgo}`,
  sha256: 'x',
  bytes: 1,
  createdAt: start - hoursAgo * HOUR,
  reason,
  auditHead: null,
  migrations: [],
  counts: {},
});

describe('backup retention', () => {
  // one copy every 15 minutes for 60 days
  const all = Array.from({ length: 60 * 24 * 4 }, (_, i) => copy(i / 4));

  it('keeps the newest copy of each of the last 7 days and of each of the last 4 weeks', () => {
    const keep = backupsToKeep(all, { daily: 7, weekly: 4 });
    const kept = all.filter((m) => keep.has(m.file));
    const days = new Set(kept.map((m) => new Date(m.createdAt).toDateString()));
    // 7 days plus at most 3 older weeks' newest copies (the current week overlaps the days)
    expect(kept.length).toBeGreaterThanOrEqual(7);
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(days.size).toBe(kept.length);
    for (let d = 0; d < 7; d++) {
      const day = new Date(start - d * 24 * HOUR).toDateString();
      const newestOfDay = all.find((m) => new Date(m.createdAt).toDateString() === day)!;
      expect(keep.has(newestOfDay.file), day).toBe(true);
    }
    expect(keep.has(all[0].file)).toBe(true);
    // nothing older than four weeks survives
    const oldest = Math.min(...kept.map((m) => m.createdAt));
    expect(start - oldest).toBeLessThan(29 * 24 * HOUR);
  });

  it('always keeps the undo of the last restore', () => {
    const withUndo = [copy(0), copy(1), copy(2, 'pre-restore'), copy(3)];
    const keep = backupsToKeep(withUndo, { daily: 1, weekly: 0 });
    expect([...keep].sort()).toEqual(['b-0', 'b-2']);
  });
});
