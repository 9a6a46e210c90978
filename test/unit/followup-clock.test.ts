import { describe, expect, it } from 'vitest';
import { businessDue } from '../../main/domain/pickup/followup-clock';

// Mon-Sat 09:00-18:00, Sunday closed (the shop defaults); local time is Asia/Shanghai in CI.
const cal = { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00', holidays: ['2026-12-01'] };
const at = (s: string) => new Date(`${s}+08:00`).getTime();
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

describe('follow-up clocks in business time', () => {
  it.each([
    // [start, hours, due]
    ['2026-11-23T10:00', 24, '2026-11-24T10:00'], // Monday → Tuesday same time
    ['2026-11-28T17:30', 24, '2026-11-30T17:30'], // Saturday evening → over Sunday → Monday
    ['2026-11-30T11:00', 24, '2026-12-02T11:00'], // Monday → over the Tuesday holiday
    ['2026-11-23T20:00', 24, '2026-11-24T18:00'], // after closing: a full day from the next opening
    ['2026-11-23T10:00', 1, '2026-11-23T11:00'],
    ['2026-11-23T17:30', 1, '2026-11-24T09:30'], // across the night
    ['2026-11-28T17:45', 1, '2026-11-30T09:45'], // across Sunday
    ['2026-11-23T07:00', 1, '2026-11-23T10:00'], // before opening counts from 09:00
    ['2026-11-23T10:00', 0.5, '2026-11-23T10:30'],
  ])('from %s, %d h → %s', (start, hours, due) => {
    expect(iso(businessDue(at(start), hours, cal))).toBe(due);
  });
});
