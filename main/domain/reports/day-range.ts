/**
 * A shop's day is its local calendar day (the process time zone, as everywhere in the app).
 * Ranges are half-open epoch-millisecond intervals [from, to), so an event at 00:00 belongs to
 * the day that starts then, and DST days are 23 or 25 hours long without special cases.
 */
export interface DayRange {
  date: string;
  from: number;
  to: number;
}

export function dayRange(date: string): DayRange {
  const [y, m, d] = date.split('-').map(Number);
  return { date, from: new Date(y, m - 1, d).getTime(), to: new Date(y, m - 1, d + 1).getTime() };
}

export function isoDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): DayRange[] {
  const out: DayRange[] = [];
  for (let r = dayRange(from); r.date <= to; r = dayRange(isoDay(r.to))) out.push(r);
  return out;
}

/** A CTE `days (d, s, e)` of day buckets, joined against an indexed time column: grouping by
 * local day happens in the database without relying on its idea of the time zone. */
export function dayBuckets(days: DayRange[]): { sql: string; params: Array<string | number> } {
  return {
    sql: `days (d, s, e) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})`,
    params: days.flatMap((r) => [r.date, r.from, r.to]),
  };
}
