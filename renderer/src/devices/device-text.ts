import type { TFunction } from 'i18next';
import { translateKey } from '../api/errors';

/** Shows a stored device message (main/devices/device-text.ts) in the window's language;
 * params that are device messages themselves (a port's reason inside a job's) are translated
 * too. Plain text passes through. */
export function deviceTextOf(t: TFunction, text: string | null | undefined): string {
  if (!text) return '';
  let m: { key?: unknown; params?: Record<string, unknown>; en?: unknown };
  try {
    m = JSON.parse(text) as typeof m;
  } catch {
    return text;
  }
  if (!m || typeof m.key !== 'string') return text;
  const params = Object.fromEntries(
    Object.entries(m.params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? deviceTextOf(t, v) : v,
    ]),
  );
  return translateKey(t, m.key, params, typeof m.en === 'string' ? m.en : text);
}
