import { firstInstantAtOrAfter, localDate } from '../calendar/shop-zone';

/**
 * A shop's day is its calendar day in the shop's time zone (setting `shop.timeZone`, resolved
 * by `shopTimeZone`), never the process's. Ranges are half-open epoch-millisecond intervals
 * [from, to), so an event at 00:00 belongs to the day that starts then, and DST days are 23 or
 * 25 hours long without special cases.
 */
export interface DayRange {
  date: string;
  from: number;
  to: number;
}

const wallMidnight = (date: string, plusDays = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d + plusDays);
};

export function dayRange(date: string, zone: string): DayRange {
  return {
    date,
    from: firstInstantAtOrAfter(zone, wallMidnight(date)),
    to: firstInstantAtOrAfter(zone, wallMidnight(date, 1)),
  };
}

/** The shop's date of an instant. */
export function isoDay(ms: number, zone: string): string {
  return localDate(zone, ms);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string, zone: string): DayRange[] {
  const out: DayRange[] = [];
  for (let r = dayRange(from, zone); r.date <= to; r = dayRange(isoDay(r.to, zone), zone)) {
    out.push(r);
  }
  return out;
}

/** A CTE `days (d, s, e)` of day buckets, joined against an indexed time column: grouping by
 * local day happens in the database without relying on its idea of the time zone. The bounds
 * are cast: PostgreSQL types a bare parameter in VALUES as text (then `bigint >= text`). */
export function dayBuckets(days: DayRange[]): { sql: string; params: Array<string | number> } {
  const row = '(?, CAST(? AS BIGINT), CAST(? AS BIGINT))';
  return {
    sql: `days (d, s, e) AS (VALUES ${days.map(() => row).join(', ')})`,
    params: days.flatMap((r) => [r.date, r.from, r.to]),
  };
}
