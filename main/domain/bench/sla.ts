import type { Ticket } from '../../db/entities';
import { addBusinessMinutes, type BusinessCalendar } from '../calendar/business-time';
import type { SettingsService } from '../settings/settings-service';
import { shopCalendar } from '../calendar/shop-calendar';

export interface SlaState {
  /** Promised completion pushed back by the business time spent paused. */
  dueAt: number;
  firstResponseDueAt: number | null;
  paused: boolean;
  overdue: boolean;
  nearDue: boolean;
  firstResponseLate: boolean;
}

type SlaTicket = Pick<Ticket, 'status' | 'priority' | 'receivedAt' | 'promisedAt' | 'pausedMs' | 'pausedAt' | 'firstResponseAt'>;

function firstResponseDue(t: SlaTicket, settings: SettingsService, cal: BusinessCalendar): number {
  const minutes = settings.get('sla.firstResponseMinutes')[t.priority as 'normal' | 'urgent' | 'emergency'];
  if (minutes) return addBusinessMinutes(t.receivedAt, minutes, cal);
  // Normal work: the same business day (or the next one, when taken in after closing).
  const startOfDay = addBusinessMinutes(t.receivedAt, 0, cal);
  const date = new Date(startOfDay);
  const [h, m] = cal.close.split(':').map(Number);
  date.setHours(h, m, 0, 0);
  return date.getTime();
}

/** What every ticket's SLA in one answer shares: the calendar and the near-due horizon
 * (computing them per ticket was most of the bench board's time). */
export interface SlaClock {
  cal: BusinessCalendar;
  nearHorizon: number;
}

export function slaClock(settings: SettingsService, now: number): SlaClock {
  const cal = shopCalendar(settings);
  return { cal, nearHorizon: addBusinessMinutes(now, settings.get('sla.nearDueMinutes'), cal) };
}

/** The clocks of DOMAIN "Response times", in business time, paused while on hold or
 * waiting for the customer's approval. */
export function slaState(
  t: SlaTicket,
  settings: SettingsService,
  now: number,
  clock: SlaClock = slaClock(settings, now),
): SlaState {
  const { cal } = clock;
  const paused = t.pausedAt !== null;
  const pausedMinutes = t.pausedMs / 60_000;
  const dueAt = pausedMinutes > 0 ? addBusinessMinutes(t.promisedAt, pausedMinutes, cal) : t.promisedAt;
  const open = t.status !== 'collected' && t.status !== 'cancelled' && t.status !== 'ready';
  const frDue = t.status === 'received' || t.firstResponseAt !== null ? firstResponseDue(t, settings, cal) : null;
  const frAt = t.firstResponseAt ?? now;
  return {
    dueAt,
    firstResponseDueAt: frDue,
    paused,
    overdue: open && !paused && now > dueAt,
    nearDue: open && !paused && now <= dueAt && clock.nearHorizon >= dueAt,
    firstResponseLate: frDue !== null && frAt > frDue,
  };
}
