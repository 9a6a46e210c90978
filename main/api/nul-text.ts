/**
 * Where the first text holding a NUL character (U+0000) is in `value` ('a.b.0'), or null.
 * PostgreSQL cannot store NUL in text (SQLite can): such input is refused as not valid on both
 * engines, before any handler runs, so the two answer the same and neither fails half-way.
 */
export function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const p = nulPath(v, [...path, String(i)]);
      if (p !== null) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = nulPath(v, [...path, k]);
      if (p !== null) return p;
    }
  }
  return null;
}
