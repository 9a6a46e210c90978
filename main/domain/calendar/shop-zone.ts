/**
 * The shop's time zone (setting `shop.timeZone`, an IANA name; empty = this computer's zone) as
 * a list of spans of constant UTC offset, 1970–2100. The same list decides a shop day in JS
 * (`dayRange`, `isoDay`) and in SQL (the `shop_zone_offset` table the dashboard's aggregate
 * triggers read, see `shop-zone-db.ts`), so both always agree, whatever zone the process runs in.
 * DST days are 23 or 25 hours long without special cases; a day whose midnight does not exist
 * (a spring-forward at 00:00) starts at the first instant that is on it.
 */

export interface ZoneSpan {
  /** First instant (epoch ms) of the span. */
  from: number;
  /** Added to UTC to get the local wall clock, in ms. */
  offset: number;
}

const FIRST_YEAR = 1970;
const LAST_YEAR = 2100;
const WEEK = 7 * 86_400_000;
/** The first span reaches back to the beginning of time (a safe integer, for SQL too). */
export const SPAN_START = Number.MIN_SAFE_INTEGER;

/** The zone this computer runs in, used while the setting is empty. */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function isValidTimeZone(zone: string): boolean {
  if (zone === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The setting's value made concrete: an IANA name, never empty. */
export const resolveTimeZone = (setting: string): string => setting || systemTimeZone();

const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset (ms) of `zone` at instant `ms`, from the ICU data Node ships. */
export function offsetAt(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

const spansCache = new Map<string, readonly ZoneSpan[]>();

/**
 * The zone's spans of constant offset. Sampled weekly (offsets never change twice within a
 * week in the tz database's 1970–2100 range), each change then found to the second by bisection.
 */
export function zoneSpans(zone: string): readonly ZoneSpan[] {
  const cached = spansCache.get(zone);
  if (cached) return cached;
  const start = Date.UTC(FIRST_YEAR, 0, 1);
  const end = Date.UTC(LAST_YEAR, 0, 1);
  const spans: ZoneSpan[] = [{ from: SPAN_START, offset: offsetAt(zone, start) }];
  let lo = start;
  let loOffset = spans[0].offset;
  for (let t = start + WEEK; t <= end + WEEK; t += WEEK) {
    const o = offsetAt(zone, t);
    if (o !== loOffset) {
      // The first whole second at which the offset is `o`.
      let a = lo;
      let b = t;
      while (b - a > 1000) {
        const mid = Math.floor((a + b) / 2000) * 1000;
        if (mid <= a) break;
        if (offsetAt(zone, mid) === loOffset) a = mid;
        else b = mid;
      }
      spans.push({ from: b, offset: offsetAt(zone, b) });
      loOffset = offsetAt(zone, b);
      // a second change inside the same week (never seen in the data) is picked up here
      if (loOffset !== o) {
        lo = b;
        t -= WEEK;
        continue;
      }
    }
    lo = t;
  }
  spansCache.set(zone, spans);
  return spans;
}

/** The span holding instant `ms` (binary search). */
function spanIndexAt(spans: readonly ZoneSpan[], ms: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].from <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The shop's calendar date (YYYY-MM-DD) of an instant. */
export function localDate(zone: string, ms: number): string {
  const spans = zoneSpans(zone);
  const d = new Date(ms + spans[spanIndexAt(spans, ms)].offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The first instant whose local wall-clock time is at or after `wall` (a UTC-coded wall time). */
export function firstInstantAtOrAfter(zone: string, wall: number): number {
  const spans = zoneSpans(zone);
  // Span i shows local times [from_i + o_i, from_{i+1} + o_i): find the first that reaches past
  // `wall` (local ends grow with i: spans last weeks, offsets differ by hours).
  const localEnd = (i: number) =>
    i + 1 < spans.length ? spans[i + 1].from + spans[i].offset : Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (localEnd(mid) > wall) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(spans[lo].from, wall - spans[lo].offset);
}
