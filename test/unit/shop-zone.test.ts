import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  localDate,
  offsetAt,
  zoneSpans,
} from '../../main/domain/calendar/shop-zone';
import { dayRange, daysBetween, isoDay } from '../../main/domain/reports/day-range';

/** The shop-zone day maths against the ICU time-zone data, whatever zone the process is in. */
const ZONES = [
  'Asia/Shanghai',
  'Europe/Berlin',
  'America/New_York',
  // DST at midnight: some days have no 00:00
  'America/Santiago',
  'America/Havana',
  // a 30-minute DST shift, and a zone east of the date line
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'UTC',
];

describe('shop days in a time zone', () => {
  it.each(ZONES)(
    '%s: every day of 2026 starts at its first instant and ends before the next',
    (zone) => {
      const days = daysBetween('2026-01-01', '2026-12-31', zone);
      expect(days).toHaveLength(365);
      for (const [i, r] of days.entries()) {
        expect(isoDay(r.from, zone), r.date).toBe(r.date);
        expect(isoDay(r.from - 1000, zone), r.date).not.toBe(r.date);
        expect(isoDay(r.to - 1000, zone), r.date).toBe(r.date);
        if (i > 0) expect(r.from).toBe(days[i - 1].to);
        const hours = (r.to - r.from) / 3_600_000;
        expect([23, 23.5, 24, 24.5, 25]).toContain(hours);
      }
    },
  );

  it('agrees with Intl at every instant sampled across the changes', () => {
    for (const zone of ZONES) {
      const spans = zoneSpans(zone);
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 11 * 3_600_000 + 7_000) {
        const wall = new Date(t + offsetAt(zone, t));
        const expected = wall.toISOString().slice(0, 10);
        expect(localDate(zone, t), `${zone} ${new Date(t).toISOString()}`).toBe(expected);
      }
      expect(spans[0].from).toBe(Number.MIN_SAFE_INTEGER);
    }
  });

  it('knows DST days are 23 and 25 hours long', () => {
    const h = (d: string, z: string) => {
      const r = dayRange(d, z);
      return (r.to - r.from) / 3_600_000;
    };
    expect(h('2026-03-29', 'Europe/Berlin')).toBe(23);
    expect(h('2026-10-25', 'Europe/Berlin')).toBe(25);
    expect(h('2026-03-08', 'America/New_York')).toBe(23);
    expect(h('2026-11-01', 'America/New_York')).toBe(25);
    expect(h('2026-03-29', 'Asia/Shanghai')).toBe(24);
  });

  it('accepts IANA names and empty, nothing else', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('../../etc')).toBe(false);
  });
});
