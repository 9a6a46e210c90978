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

/** Each calendar's holidays as a set, made once: the board computes a deadline per card. */
const holidaySets = new WeakMap<readonly string[], Set<string>>();
function holidaySet(cal: BusinessCalendar): Set<string> {
  let set = holidaySets.get(cal.holidays);
  if (!set) {
    set = new Set(cal.holidays);
    holidaySets.set(cal.holidays, set);
  }
  return set;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** A local day's YYYY-MM-DD. */
const isoDay = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;

function isBusinessDay(d: Date, cal: BusinessCalendar, holidays: Set<string>): boolean {
  return cal.days.includes(d.getDay()) && (holidays.size === 0 || !holidays.has(isoDay(d)));
}

/** Local midnight of the day `ms` falls on; `toNextDay` moves it a calendar day on, in place.
 * These walks run per card on every board refresh, and a paused ticket's deadline walks every
 * day it was on hold: no object per step (a dayjs and a date string each, before). */
const startOfDay = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
};
const toNextDay = (d: Date) => void d.setDate(d.getDate() + 1);

/**
 * Adds business minutes to a moment, in local time, walking only through opening hours.
 * A deadline that uses up a day's hours exactly ends at that day's close, not next morning.
 */
export function addBusinessMinutes(
  startMs: number,
  minutes: number,
  cal: BusinessCalendar,
): number {
  const perDay = openMinutesPerDay(cal);
  if (perDay === 0 || cal.days.length === 0)
    throw new Error('business calendar has no opening hours');
  const holidays = holidaySet(cal);
  const open = minutesOf(cal.open);
  const close = minutesOf(cal.close);
  const day = startOfDay(startMs);
  let cursor = Math.max(open, (startMs - day.getTime()) / 60_000);
  let remaining = minutes;
  for (let guard = 0; guard < 3660; guard++) {
    if (isBusinessDay(day, cal, holidays) && cursor < close) {
      const available = close - cursor;
      if (remaining <= available) return day.getTime() + (cursor + remaining) * 60_000;
      remaining -= available;
    }
    toNextDay(day);
    cursor = open;
  }
  throw new Error('business calendar has no opening hours within ten years');
}

export function addBusinessDays(startMs: number, days: number, cal: BusinessCalendar): number {
  return addBusinessMinutes(startMs, Math.round(days * openMinutesPerDay(cal)), cal);
}

/** Opening-hours minutes between two moments (0 when end is not after start). */
export function businessMinutesBetween(
  startMs: number,
  endMs: number,
  cal: BusinessCalendar,
): number {
  if (endMs <= startMs) return 0;
  const holidays = holidaySet(cal);
  const open = minutesOf(cal.open);
  const close = minutesOf(cal.close);
  let total = 0;
  for (const day = startOfDay(startMs); day.getTime() < endMs; toNextDay(day)) {
    if (!isBusinessDay(day, cal, holidays)) continue;
    const from = Math.max(day.getTime() + open * 60_000, startMs);
    const to = Math.min(day.getTime() + close * 60_000, endMs);
    if (to > from) total += (to - from) / 60_000;
  }
  return total;
}
