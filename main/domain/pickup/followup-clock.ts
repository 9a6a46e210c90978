import {
  addBusinessDays,
  addBusinessMinutes,
  type BusinessCalendar,
} from '../calendar/business-time';

/**
 * Follow-up clocks run in business time (DOMAIN "Response times"): each whole 24 hours of a
 * setting counts as one business day (a callback "within 24 h" of a Saturday-evening pickup
 * is due Monday evening, not Sunday night), and the hours below a day count as opening-hours
 * minutes (a 1 h manager task raised at 17:30 is due 09:30 the next open day).
 */
export function businessDue(startMs: number, hours: number, cal: BusinessCalendar): number {
  const days = Math.floor(hours / 24);
  const minutes = Math.round((hours - days * 24) * 60);
  const afterDays = days > 0 ? addBusinessDays(startMs, days, cal) : startMs;
  return minutes > 0 || days === 0 ? addBusinessMinutes(afterDays, minutes, cal) : afterDays;
}
