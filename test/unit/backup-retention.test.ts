import { describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../main/safety/backup';
import { backupsToKeep } from '../../main/safety/retention';

const HOUR = 3_600_000;
const start = new Date(2026, 10, 25, 18, 0).getTime(); // a Wednesday, local time
const copy = (hoursAgo: number, reason: BackupManifest['reason'] = 'auto'): BackupManifest => ({
  format: 1,
  file: reason === 'auto' ? `b-${hoursAgo}` : `b-${hoursAgo}-${reason}`,
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
    const keep = backupsToKeep(all, { daily: 7, weekly: 4, deliberateDays: 0, now: start });
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
    const keep = backupsToKeep(withUndo, {
      daily: 1,
      weekly: 0,
      deliberateDays: 1,
      now: start + 1e10,
    });
    expect([...keep].sort()).toEqual(['b-0', 'b-2-pre-restore']);
  });

  it('rotates only automatic copies: a copy made on purpose outlives every later automatic one', () => {
    // "Back up now", then a CLI copy, then two months of automatic copies every 15 minutes
    const deliberate = [
      copy(24 * 60 + 0.1, 'manual'),
      copy(24 * 60 + 0.2, 'cli'),
      copy(24 * 59, 'pre-migration'),
      copy(24 * 58, 'pre-restore'),
      copy(24 * 57, 'pre-restore'),
    ];
    const mixed = [...all.filter((m) => m.createdAt > start - 24 * 60 * HOUR), ...deliberate].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    const keep = backupsToKeep(mixed, { daily: 7, weekly: 4, deliberateDays: 0, now: start });
    for (const m of deliberate) expect(keep.has(m.file), m.reason).toBe(true);
    // the automatic ones still rotate as before: the newest per day of the last 7 days...
    const autoKept = mixed.filter((m) => m.reason === 'auto' && keep.has(m.file));
    expect(autoKept.length).toBeLessThanOrEqual(11);
    expect(keep.has(mixed.find((m) => m.reason === 'auto')!.file)).toBe(true);
  });

  it('keeps deliberate copies for the set number of days when a limit is set', () => {
    const list = [
      copy(0),
      copy(24 * 10, 'manual'),
      copy(24 * 40, 'manual'),
      copy(24 * 50, 'pre-restore'),
    ];
    const keep = backupsToKeep(list, { daily: 7, weekly: 0, deliberateDays: 30, now: start });
    // 10 days old: kept; 40 days old: gone; the only pre-restore copy is the undo: kept
    expect([...keep].sort()).toEqual(['b-0', 'b-1200-pre-restore', 'b-240-manual']);
  });
});
