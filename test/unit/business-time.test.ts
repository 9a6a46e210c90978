import { describe, expect, it } from 'vitest';
import { addBusinessDays, addBusinessMinutes, type BusinessCalendar } from '../../main/domain/calendar/business-time';

// Local time is Asia/Shanghai (vitest config), so '+08:00' literals are wall-clock times.
const cal: BusinessCalendar = { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '18:00', holidays: ['2026-10-01', '2026-10-02'] };
const at = (s: string) => Date.parse(`${s}+08:00`);
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('business time', () => {
  it.each([
    ['within one day', '2026-11-23T10:00', 60, '2026-11-23 11:00'],
    ['across the night', '2026-11-23T17:30', 60, '2026-11-24 09:30'],
    ['ending exactly at close stays on that day', '2026-11-23T17:00', 60, '2026-11-23 18:00'],
    ['taken in before opening', '2026-11-23T07:00', 30, '2026-11-23 09:30'],
    ['taken in after closing', '2026-11-23T20:00', 30, '2026-11-24 09:30'],
    ['over Sunday', '2026-11-28T17:00', 120, '2026-11-30 10:00'],
    ['taken in on Sunday', '2026-11-29T12:00', 10, '2026-11-30 09:10'],
    ['over public holidays', '2026-09-30T17:00', 120, '2026-10-03 10:00'],
  ])('%s', (_name, start, minutes, expected) => {
    expect(iso(addBusinessMinutes(at(start), minutes, cal))).toBe(expected);
  });

  it('counts whole business days as opening hours', () => {
    expect(iso(addBusinessDays(at('2026-11-23T10:00'), 3, cal))).toBe('2026-11-26 10:00');
    // Friday 16:00 + 3 days: Sat, (Sun closed), Mon, Tue 16:00.
    expect(iso(addBusinessDays(at('2026-11-27T16:00'), 3, cal))).toBe('2026-12-01 16:00');
    expect(iso(addBusinessDays(at('2026-11-23T18:30'), 1, cal))).toBe('2026-11-24 18:00');
  });

  it('refuses a calendar with no opening hours instead of looping', () => {
    expect(() => addBusinessMinutes(0, 10, { ...cal, days: [] })).toThrow(/no opening hours/);
  });
});
