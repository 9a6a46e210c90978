import dayjs from 'dayjs';
import type { EntityManager } from 'typeorm';
import type { WarrantyDecision } from '../../api/contract';
import type { DeviceType, ServiceMode } from '../../api/schemas/common';
import { ApiError } from '../../api/errors';
import { marks } from '../../db/sql';
import { addBusinessDays } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import type { SettingsService } from '../settings/settings-service';
import { decideWarranty } from './warranty';

export interface DecisionInput {
  deviceId?: number;
  /** The device record was made by this intake: no ticket names it yet (its IMEI or serial
   * may still be on older records). */
  newDevice?: boolean;
  /** Same IMEI or serial under another device record is the same physical device. */
  imei?: string | null;
  serial?: string | null;
  deviceType: DeviceType;
  purchaseDate?: string | null;
  proof: string;
  exclusion: string;
  serviceMode: ServiceMode;
  priority: string;
}

export function assertPurchaseDateNotFuture(date: string | null | undefined, now: number, path: string) {
  if (date && date > dayjs(now).format('YYYY-MM-DD')) {
    throw new ApiError('VALIDATION', 'The purchase date is in the future.', {
      key: 'errors.purchaseInFuture',
      issues: [{ path, key: 'errors.purchaseInFuture', message: 'Purchase date is in the future' }],
    });
  }
}

/**
 * The records of the same physical device: this one, and any with its IMEI or serial. Read
 * first and on their own: inside the ticket query, `device_id = ? OR device_id IN (SELECT …)`
 * made PostgreSQL walk the ticket table (about 50 ms at 1M tickets) instead of its device index.
 */
async function sameDeviceIds(em: EntityManager, d: DecisionInput): Promise<number[]> {
  const ids = new Set<number>(d.deviceId && !d.newDevice ? [d.deviceId] : []);
  const reads: string[] = [];
  const params: string[] = [];
  if (d.imei) {
    reads.push('SELECT id FROM device WHERE imei = ?');
    params.push(d.imei);
  }
  if (d.serial) {
    reads.push('SELECT id FROM device WHERE serial = ?');
    params.push(d.serial);
  }
  if (reads.length) {
    const rows: Array<{ id: number | string }> = await em.query(reads.join(' UNION '), params);
    for (const r of rows) if (!d.newDevice || Number(r.id) !== d.deviceId) ids.add(Number(r.id));
  }
  return [...ids];
}

const inList = (ids: number[]) => `t.device_id IN (${marks(ids.length)})`;

interface HistoryRow {
  k: 'repeat' | 'open';
  id: number;
  number: string;
  status: string;
  completed_at: number | null;
}

/**
 * What the same device's tickets say, in one read: the latest repair completed since `since`
 * (a repeat within the repair warranty, DOMAIN step 3) and the newest open ticket (warned at
 * intake). A device no ticket names yet asks nothing.
 */
async function deviceHistory(em: EntityManager, ids: number[], since: number) {
  if (ids.length === 0) return { repeatOf: null, openTicket: null };
  const rows: HistoryRow[] = await em.query(
    `SELECT * FROM (SELECT 'repeat' AS k, t.id, t.number, t.status, t.completed_at FROM ticket t
       WHERE ${inList(ids)} AND t.completed_at >= ? AND t.status <> 'cancelled'
       ORDER BY t.completed_at DESC LIMIT 1) r
     UNION ALL
     SELECT * FROM (SELECT 'open' AS k, t.id, t.number, t.status, t.completed_at FROM ticket t
       WHERE ${inList(ids)} AND t.status NOT IN ('collected', 'cancelled')
       ORDER BY t.id DESC LIMIT 1) o`,
    [...ids, since, ...ids],
  );
  const r = rows.find((x) => x.k === 'repeat');
  const o = rows.find((x) => x.k === 'open');
  return {
    repeatOf: r ? { id: r.id, number: r.number, completedAt: Number(r.completed_at) } : null,
    openTicket: o ? { id: o.id, number: o.number, status: o.status } : null,
  };
}

export async function decide(
  em: EntityManager,
  settings: SettingsService,
  d: DecisionInput,
  now: number,
): Promise<WarrantyDecision> {
  const months = settings.get('warranty.months')[d.deviceType] ?? 0;
  const { warranty, until } = decideWarranty({
    purchaseDate: d.purchaseDate,
    proof: d.proof,
    exclusion: d.exclusion,
    months,
    today: dayjs(now).format('YYYY-MM-DD'),
  });
  const repairDays = settings.get('warranty.repairDays');
  const ids = await sameDeviceIds(em, d);
  const { repeatOf, openTicket } = await deviceHistory(em, ids, now - repairDays * 86_400_000);
  const repeatFree = repeatOf !== null && settings.get('warranty.repeatFree');
  const baseDays = settings.get('promise.workingDays')[d.serviceMode] ?? 3;
  const days = d.priority === 'normal' ? baseDays : baseDays * settings.get('promise.urgentFactor');
  const promisedAt = addBusinessDays(now, days, shopCalendar(settings));
  return {
    warranty,
    warrantyUntil: until,
    repeatOf,
    chargeable: !(warranty === 'in_warranty' || repeatFree),
    promisedAt,
    openTicket,
  };
}
