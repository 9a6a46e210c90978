import { z } from 'zod';
import { moneyCents } from './money';

/** Pure zod: shared by the API dispatcher and the renderer's forms. Messages are i18n keys. */
export const DEVICE_TYPES = ['phone', 'laptop', 'tablet', 'console', 'desktop', 'watch', 'other'] as const;
export const PROOFS = ['none', 'invoice', 'warranty_card'] as const;
export const CHANNELS = ['our_store', 'online', 'other_retailer', 'carrier', 'gift', 'other'] as const;
export const CATEGORIES = ['fault', 'consultation', 'complaint', 'suggestion'] as const;
export const PRIORITIES = ['normal', 'urgent', 'emergency'] as const;
export const SERVICE_MODES = ['carry_in', 'on_site', 'vendor', 'swap', 'loaner', 'remote'] as const;
export const ACCESSORIES = [
  'charger',
  'cable',
  'case',
  'sim_card',
  'memory_card',
  'stylus',
  'box',
  'bag',
  'other',
] as const;
/** Why the manufacturer's warranty does not cover the fault (DOMAIN step 3). */
export const EXCLUSIONS = ['none', 'accidental', 'liquid', 'unauthorised_repair'] as const;
export const TICKET_STATUSES = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'in_repair',
  'quality_check',
  'ready',
  'collected',
  'cancelled',
  'on_hold',
  'at_vendor',
  'back_from_vendor',
] as const;
export const OPEN_STATUSES = TICKET_STATUSES.filter(
  (s) => s !== 'collected' && s !== 'cancelled',
);

export type DeviceType = (typeof DEVICE_TYPES)[number];
export type ServiceMode = (typeof SERVICE_MODES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

const trimmed = (max: number) => z.string().trim().max(max, { error: 'errors.field.tooLong' });
export const requiredText = (max: number) =>
  trimmed(max).min(1, { error: 'errors.field.required' });
export const optionalText = (max: number) =>
  trimmed(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const idSchema = z.number({ error: 'errors.field.invalid' }).int().positive();
/** An amount in cents, 0 or more (see money.ts). */
export const cents = moneyCents();

export const phoneSchema = requiredText(32)
  .regex(/^\+?[\d\s\-().]+$/, { error: 'errors.field.phone' })
  .refine((v) => {
    const n = phoneDigits(v).length;
    return n >= 5 && n <= 15;
  }, { error: 'errors.field.phone' });

export const emailSchema = z
  .union([z.literal(''), z.email({ error: 'errors.field.email' }).max(200)])
  .optional()
  .transform((v) => (v ? v.toLowerCase() : undefined));

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'errors.field.date' })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, { error: 'errors.field.date' });

/** Today on this machine's calendar, as YYYY-MM-DD (renderer and backend share the PC). */
export function localToday(now = Date.now()): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A date that has happened (a purchase date): exact YYYY-MM-DD, not after today. */
export const pastDate = isoDate.refine((v) => v <= localToday(), {
  error: 'errors.purchaseInFuture',
});

export const imeiSchema = z
  .string()
  .trim()
  .regex(/^\d{15}$/, { error: 'errors.field.imeiFormat' })
  .refine(luhnValid, { error: 'errors.field.imeiLuhn' });

export const searchQuery = z.string().trim().min(1, { error: 'errors.field.required' }).max(100);
export const limitSchema = z.number().int().min(1).max(100).default(20);
/** Keyset paging for lists that grow forever: the (time, id) of the last row already shown;
 * the next page starts after it. Never an offset, so page 1000 costs what page 1 does. */
export const keysetCursor = z
  .object({ at: z.number().int().min(0), id: idSchema })
  .strict()
  .optional();
