import dayjs, { type Dayjs } from 'dayjs';

export interface BusinessCalendar {
  /** 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
  open: string;
  close: string;
  holidays: readonly string[];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function openMinutesPerDay(cal: BusinessCalendar): number {
  return Math.max(0, minutesOf(cal.close) - minutesOf(cal.open));
}

function isBusinessDay(d: Dayjs, cal: BusinessCalendar, holidays: Set<string>): boolean {
  return cal.days.includes(d.day()) && !holidays.has(d.format('YYYY-MM-DD'));
}

/**
 * Adds business minutes to a moment, in local time, walking only through opening hours.
 * A deadline that uses up a day's hours exactly ends at that day's close, not next morning.
 */
export function addBusinessMinutes(startMs: number, minutes: number, cal: BusinessCalendar): number {
  const perDay = openMinutesPerDay(cal);
  if (perDay === 0 || cal.days.length === 0) throw new Error('business calendar has no opening hours');
  const holidays = new Set(cal.holidays);
  const open = minutesOf(cal.open);
  const close = minutesOf(cal.close);
  let day = dayjs(startMs).startOf('day');
  let cursor = Math.max(open, dayjs(startMs).diff(day, 'minute', true));
  let remaining = minutes;
  for (let guard = 0; guard < 3660; guard++) {
    if (isBusinessDay(day, cal, holidays) && cursor < close) {
      const available = close - cursor;
      if (remaining <= available) return day.add(cursor + remaining, 'minute').valueOf();
      remaining -= available;
    }
    day = day.add(1, 'day');
    cursor = open;
  }
  throw new Error('business calendar has no opening hours within ten years');
}

export function addBusinessDays(startMs: number, days: number, cal: BusinessCalendar): number {
  return addBusinessMinutes(startMs, Math.round(days * openMinutesPerDay(cal)), cal);
}

/** Opening-hours minutes between two moments (0 when end is not after start). */
export function businessMinutesBetween(startMs: number, endMs: number, cal: BusinessCalendar): number {
  if (endMs <= startMs) return 0;
  const holidays = new Set(cal.holidays);
  const open = minutesOf(cal.open);
  const close = minutesOf(cal.close);
  let total = 0;
  for (let day = dayjs(startMs).startOf('day'); day.valueOf() < endMs; day = day.add(1, 'day')) {
    if (!isBusinessDay(day, cal, holidays)) continue;
    const from = Math.max(day.add(open, 'minute').valueOf(), startMs);
    const to = Math.min(day.add(close, 'minute').valueOf(), endMs);
    if (to > from) total += (to - from) / 60_000;
  }
  return total;
}
