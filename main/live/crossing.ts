import type { EventMap, EventName } from '../api/contract';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; stay well under it. */
export const MAX_PAYLOAD_BYTES = 7_900;
/** Part ids per `stock.changed` notice: a big receipt is split into several notices. */
const PART_IDS_PER_NOTICE = 500;

type Trim<E extends EventName> = (p: EventMap[E]) => Array<EventMap[E]>;

/**
 * The events other stations' screens need, each cut down to ids, numbers and states: a
 * notification travels through the shop's database server and its logs, so it never carries a
 * customer's name, a problem description or a passcode. Everything else stays on this station
 * (scans, device status, navigation, sessions, backup and export progress belong to this PC).
 * `emergency` names the customer, so it does not cross; the ticket's own `ticket.created`
 * does, and the bench board shows it.
 */
const CROSSING: { [E in EventName]?: Trim<E> } = {
  'ticket.created': (p) => [{ ticketId: p.ticketId, number: p.number }],
  'ticket.updated': (p) => [{ ticketId: p.ticketId, number: p.number }],
  'printJob.queued': (p) => [{ id: p.id, kind: p.kind, ticketId: p.ticketId }],
  'printJob.updated': (p) => [
    // a device's error text (port, timeout), never personal; cut so the notice stays small
    { id: p.id, kind: p.kind, status: p.status, lastError: p.lastError?.slice(0, 200) ?? null },
  ],
  'stock.changed': (p) => {
    const out: Array<EventMap['stock.changed']> = [];
    for (let i = 0; i < p.partIds.length; i += PART_IDS_PER_NOTICE)
      out.push({ partIds: p.partIds.slice(i, i + PART_IDS_PER_NOTICE) });
    return out;
  },
  'stock.low': (p) => [{ partId: p.partId, sku: p.sku.slice(0, 80), available: p.available }],
  'message.changed': (p) => [{ id: p.id, ticketId: p.ticketId, state: p.state }],
  'staff.changed': (p) => [{ staffId: p.staffId }],
  'settings.changed': (p) => [{ keys: p.keys.slice(0, 50) }],
};

/** The wire form of one notice: who sent it (a station process), the event and its ids. */
export interface Notice {
  /** The sending process's id: a station drops its own notices (it published them already). */
  o: string;
  n: EventName;
  p: unknown;
}

/** The notices (JSON strings) an event becomes on the channel; none for a local-only event. */
export function noticesFor(origin: string, name: EventName, payload: unknown): string[] {
  const trim = CROSSING[name] as ((p: unknown) => unknown[]) | undefined;
  if (!trim) return [];
  return trim(payload)
    .map((p) => JSON.stringify({ o: origin, n: name, p } satisfies Notice))
    .filter((s) => Buffer.byteLength(s) < MAX_PAYLOAD_BYTES);
}

/** A notice read from the channel, or null for anything this version does not know. */
export function parseNotice(text: string): Notice | null {
  try {
    const v = JSON.parse(text) as Partial<Notice>;
    if (typeof v.o !== 'string' || typeof v.n !== 'string' || !(v.n in CROSSING)) return null;
    if (typeof v.p !== 'object' || v.p === null) return null;
    return v as Notice;
  } catch {
    return null;
  }
}
