import dayjs from 'dayjs';
import type { EntityManager } from 'typeorm';
import type { WarrantyDecision } from '../../api/contract';
import type { DeviceType, ServiceMode } from '../../api/schemas/common';
import { ApiError } from '../../api/errors';
import { addBusinessDays } from '../calendar/business-time';
import { shopCalendar } from '../calendar/shop-calendar';
import type { SettingsService } from '../settings/settings-service';
import { decideWarranty } from './warranty';

export interface DecisionInput {
  deviceId?: number;
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

/** Tickets of the same physical device: the same record, IMEI or serial. */
function sameDevice(d: DecisionInput) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (d.deviceId) {
    clauses.push('t.device_id = ?');
    params.push(d.deviceId);
  }
  if (d.imei) {
    clauses.push('t.device_id IN (SELECT id FROM device WHERE imei = ?)');
    params.push(d.imei);
  }
  if (d.serial) {
    clauses.push('t.device_id IN (SELECT id FROM device WHERE serial = ?)');
    params.push(d.serial);
  }
  return { clauses, params };
}

/** A device back within the repair warranty of an earlier completed repair (DOMAIN step 3). */
async function findRepeat(em: EntityManager, d: DecisionInput, since: number) {
  const { clauses, params } = sameDevice(d);
  if (clauses.length === 0) return null;
  const rows: Array<{ id: number; number: string; completed_at: number }> = await em.query(
    `SELECT t.id, t.number, t.completed_at FROM ticket t
     WHERE (${clauses.join(' OR ')}) AND t.completed_at >= ? AND t.status <> 'cancelled'
     ORDER BY t.completed_at DESC LIMIT 1`,
    [...params, since],
  );
  const r = rows[0];
  return r ? { id: r.id, number: r.number, completedAt: r.completed_at } : null;
}

/** An open ticket for the same physical device (same record, IMEI or serial): warned at intake. */
async function findOpen(em: EntityManager, d: DecisionInput) {
  const { clauses, params } = sameDevice(d);
  if (clauses.length === 0) return null;
  const rows: Array<{ id: number; number: string; status: string }> = await em.query(
    `SELECT t.id, t.number, t.status FROM ticket t
     WHERE (${clauses.join(' OR ')}) AND t.status NOT IN ('collected', 'cancelled')
     ORDER BY t.id DESC LIMIT 1`,
    params,
  );
  return rows[0] ?? null;
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
  const repeatOf = await findRepeat(em, d, now - repairDays * 86_400_000);
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
    openTicket: await findOpen(em, d),
  };
}
