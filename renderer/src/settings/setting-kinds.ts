/**
 * Which editor a setting gets. The renderer may not import the backend's setting definitions,
 * so the kind follows the value's shape, with the few keys whose shape alone is ambiguous
 * (a string with fixed choices, weekday numbers, holiday dates) named here. The backend
 * validates every save against the real schema and names the part that is wrong.
 */
export type SettingKind =
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'text' }
  | { kind: 'longText' }
  | { kind: 'choice'; options: ReadonlyArray<string | number> }
  | { kind: 'weekdays' }
  | { kind: 'dates' }
  | { kind: 'numberMap'; keys: string[] }
  | { kind: 'templates'; keys: string[] }
  /** Chosen with its own control under Devices (a picture, printers by id). */
  | { kind: 'elsewhere' }
  | { kind: 'unknown' };

const CHOICES: Record<string, ReadonlyArray<string | number>> = {
  'print.language': ['en', 'zh'],
  'print.receiptWidthMm': [58, 80],
};
const LONG_TEXT = new Set(['intake.terms', 'shop.address']);
// messages.*: Settings → Messages edits them with their own screen (issue 16).
const ELSEWHERE = new Set([
  'shop.logo',
  'print.defaultPrinters',
  'messages.rules',
  'messages.outboxTemplates',
  'messages.channels',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isTemplate = (v: unknown) =>
  isObject(v) && typeof v.en === 'string' && typeof v.zh === 'string';

export function settingKind(key: string, value: unknown): SettingKind {
  if (ELSEWHERE.has(key)) return { kind: 'elsewhere' };
  if (CHOICES[key]) return { kind: 'choice', options: CHOICES[key] };
  if (key === 'business.days') return { kind: 'weekdays' };
  if (key === 'business.holidays') return { kind: 'dates' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'string') {
    return LONG_TEXT.has(key) || value.length > 80 ? { kind: 'longText' } : { kind: 'text' };
  }
  if (isObject(value)) {
    const entries = Object.values(value);
    if (entries.length && entries.every(isTemplate))
      return { kind: 'templates', keys: Object.keys(value) };
    if (entries.every((v) => v === null || typeof v === 'number'))
      return { kind: 'numberMap', keys: Object.keys(value) };
  }
  return { kind: 'unknown' };
}

/** A calendar date as the backend stores it, and a real day (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Deep equality for the plain JSON values settings hold (is the draft changed?). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Settings are stored in the backend's units (cents, basis points, bytes); people read and type
 * money, percent and megabytes. `scale` converts: shown = stored / scale.
 */
export interface NumberUnit {
  scale: number;
  decimals: number;
  suffix: string;
}

export function numberUnit(key: string): NumberUnit | null {
  if (/Cents$/.test(key)) return { scale: 100, decimals: 2, suffix: '' };
  if (/Bp$/.test(key)) return { scale: 100, decimals: 2, suffix: ' %' };
  if (/Bytes$/.test(key)) return { scale: 1024 * 1024, decimals: 1, suffix: ' MB' };
  return null;
}

export function showNumber(key: string, stored: number): string {
  const u = numberUnit(key);
  if (!u) return String(stored);
  return `${Number((stored / u.scale).toFixed(u.decimals))}${u.suffix}`;
}
