/** Staff management and PIN rules. Pure (zod only): the renderer checks a new PIN with the
 * same rules before sending it. */
import { z } from 'zod';
import { ROLES } from '../permissions';
import { idSchema } from './common';

/** Digits only, within the widest bounds a setting may choose (4-8). */
export const pinField = z.string().regex(/^\d{4,8}$/, { error: 'errors.field.pin' });
const staffName = z.string().trim().min(1, { error: 'errors.field.required' }).max(80);
const reason = z.string().trim().min(1, { error: 'errors.field.required' }).max(300);

export interface PinRules {
  minLength: number;
  maxLength: number;
}

/**
 * Why a PIN a person chose is refused (an i18n key under errors.pin.*), or null when it is
 * fine: the length setting, all one digit (0000), and ascending or descending runs (1234,
 * 9876), which are the first guesses anyone tries. The previous PIN is checked by the server.
 */
export function pinProblem(pin: string, rules: PinRules): string | null {
  if (!/^\d+$/.test(pin)) return 'errors.pin.digits';
  if (pin.length < rules.minLength || pin.length > rules.maxLength) return 'errors.pin.length';
  if (/^(\d)\1*$/.test(pin)) return 'errors.pin.repeat';
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'errors.pin.run';
  return null;
}

export const changePinSchema = z.object({ oldPin: pinField, newPin: pinField }).strict();
export const unlockSessionSchema = z.object({ pin: pinField }).strict();

export const staffUpdateSchema = z
  .object({
    id: idSchema,
    name: staffName.optional(),
    role: z.enum(ROLES).optional(),
    /** The role change or rename is refused when someone else changed the person first. */
    version: z.number().int().positive(),
  })
  .strict();
export const staffSetActiveSchema = z
  .object({ id: idSchema, active: z.boolean(), reason, version: z.number().int().positive() })
  .strict();
export const staffResetPinSchema = z.object({ id: idSchema, pin: pinField }).strict();
export const staffIdSchema = z.object({ id: idSchema }).strict();

const BADGE_COLOURS = [
  'teal',
  'blue',
  'grape',
  'orange',
  'indigo',
  'cyan',
  'pink',
  'lime',
] as const;

/** The picker's avatar: two letters and a colour that stays the same for a name. */
export function staffBadge(name: string): { initials: string; colour: string } {
  const parts = name.trim().split(/\s+/);
  const initials =
    parts.length > 1
      ? `${[...parts[0]][0]}${[...parts[1]][0]}`.toUpperCase()
      : [...name.trim()].slice(0, 2).join('').toUpperCase();
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return { initials, colour: BADGE_COLOURS[h % BADGE_COLOURS.length] };
}
