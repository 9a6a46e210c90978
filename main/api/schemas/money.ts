import { z } from 'zod';

/**
 * Money, once for the API and the renderer: amounts are integer cents; a negative, fractional
 * or absurd amount is refused with an i18n key (never turned into 0). Pure zod and pure
 * functions, so the renderer's forms and the printed/PDF texts use exactly these.
 */
export const MONEY_MAX_CENTS = 100_000_000;

/** An amount in cents: 0 or more (`positive`: more than 0). */
export function moneyCents(opts: { positive?: boolean } = {}) {
  const base = z
    .number({ error: 'errors.field.money' })
    .int({ error: 'errors.field.money' })
    .min(0, { error: 'errors.field.moneyNegative' })
    .max(MONEY_MAX_CENTS, { error: 'errors.field.moneyTooLarge' });
  return opts.positive ? base.refine((v) => v > 0, { error: 'errors.field.moneyPositive' }) : base;
}

/** Cents as the shop writes them: 64410 → "644.10" (receipts, messages, PDFs, screens). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Currency units typed by staff → integer cents. Empty means 0 (an optional amount left
 * blank); anything that is not a plain number is NaN, so the schema refuses it.
 */
export function unitsToCents(value: number | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number')
    return Number.isFinite(value) ? Math.round(value * 100) : Number.NaN;
  const s = value.trim();
  if (s === '') return 0;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN; // "12." while typing is 12
  return Math.round(Number(s) * 100);
}
