import { firstInstantAtOrAfter, offsetAt } from '../calendar/shop-zone';

const DAY = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When an SMS may go out: `now` itself outside quiet hours, else the end of the quiet period
 * (`to`, shop wall-clock time) as an instant. The window may wrap midnight (21:00–08:00).
 * On a DST day the wall time is looked up in the zone, so 08:00 is 08:00 on the clock.
 * Equal `from` and `to` mean no quiet hours.
 */
export function smsAllowedAt(now: number, zone: string, from: string, to: string): number {
  const f = minutesOf(from);
  const t = minutesOf(to);
  if (f === t) return now;
  const wall = now + offsetAt(zone, now);
  const dayStart = Math.floor(wall / DAY) * DAY;
  const m = (wall - dayStart) / 60_000;
  const wraps = f > t;
  const quiet = wraps ? m >= f || m < t : m >= f && m < t;
  if (!quiet) return now;
  // After `from` on a wrapping window the end is tomorrow's `to`; otherwise today's.
  const endDay = wraps && m >= f ? dayStart + DAY : dayStart;
  return firstInstantAtOrAfter(zone, endDay + t * 60_000);
}
