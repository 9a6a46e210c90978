import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import {
  addBusinessDays,
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../../main/domain/calendar/business-time';

// Local time is Asia/Shanghai (vitest config), so '+08:00' literals are wall-clock times.
const cal: BusinessCalendar = {
  days: [1, 2, 3, 4, 5, 6],
  open: '09:00',
  close: '18:00',
  holidays: ['2026-10-01', '2026-10-02'],
};
const at = (s: string) => Date.parse(`${s}+08:00`);
const iso = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

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

/** The walk as it was written with dayjs (before plain Dates, for the board's garbage): the
 * same answers for any start, length and calendar, also across a DST change. */
function dayjsAddBusinessMinutes(startMs: number, minutes: number, c: BusinessCalendar): number {
  const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const holidays = new Set(c.holidays);
  const isDay = (d: dayjs.Dayjs) =>
    c.days.includes(d.day()) && !holidays.has(d.format('YYYY-MM-DD'));
  let day = dayjs(startMs).startOf('day');
  let cursor = Math.max(mins(c.open), dayjs(startMs).diff(day, 'minute', true));
  let remaining = minutes;
  for (let guard = 0; guard < 3660; guard++) {
    if (isDay(day) && cursor < mins(c.close)) {
      const available = mins(c.close) - cursor;
      if (remaining <= available) return day.add(cursor + remaining, 'minute').valueOf();
      remaining -= available;
    }
    day = day.add(1, 'day');
    cursor = mins(c.open);
  }
  throw new Error('none');
}

function dayjsMinutesBetween(startMs: number, endMs: number, c: BusinessCalendar): number {
  if (endMs <= startMs) return 0;
  const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const holidays = new Set(c.holidays);
  let total = 0;
  for (let day = dayjs(startMs).startOf('day'); day.valueOf() < endMs; day = day.add(1, 'day')) {
    if (!c.days.includes(day.day()) || holidays.has(day.format('YYYY-MM-DD'))) continue;
    const from = Math.max(day.add(mins(c.open), 'minute').valueOf(), startMs);
    const to = Math.min(day.add(mins(c.close), 'minute').valueOf(), endMs);
    if (to > from) total += (to - from) / 60_000;
  }
  return total;
}
const JANUARY_OFFSET: Record<string, number> = {
  'Asia/Shanghai': -480,
  'Europe/Berlin': -60,
  'America/New_York': 300,
};

describe('business time without dayjs', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York'])(
    'answers as the dayjs walk did, in %s (DST days included)',
    (zone) => {
      const was = process.env.TZ;
      process.env.TZ = zone;
      try {
        expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(JANUARY_OFFSET[zone]);
        let seed = 7;
        const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
        const cals: BusinessCalendar[] = [
          cal,
          { days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '23:30', holidays: [] },
          {
            days: [1, 3, 5],
            open: '10:15',
            close: '16:45',
            holidays: ['2026-03-30', '2026-11-02'],
          },
        ];
        // around the 2026 spring and autumn changes in Europe and the US, and a quiet month
        const spans = [Date.UTC(2026, 2, 1), Date.UTC(2026, 9, 20), Date.UTC(2026, 5, 1)];
        for (let i = 0; i < 600; i++) {
          const c = cals[i % cals.length];
          const start = spans[i % spans.length] + Math.floor(rnd() * 40 * 86_400_000);
          const minutes = Math.floor(rnd() * 6000) + (i % 5 === 0 ? 0.5 : 0);
          expect([start, minutes, addBusinessMinutes(start, minutes, c)]).toEqual([
            start,
            minutes,
            dayjsAddBusinessMinutes(start, minutes, c),
          ]);
          const end = start + minutes * 60_000 * 3;
          expect([start, end, businessMinutesBetween(start, end, c)]).toEqual([
            start,
            end,
            dayjsMinutesBetween(start, end, c),
          ]);
        }
      } finally {
        process.env.TZ = was;
      }
    },
  );
});
