/**
 * Where the first text holding a NUL character (U+0000) is in `value` ('a.b.0'), or null.
 * PostgreSQL cannot store NUL in text (SQLite can): such input is refused as not valid on both
 * engines, before any handler runs, so the two answer the same and neither fails half-way.
 *
 * Each object is looked into once: an input that reaches the dispatcher as objects (Electron's
 * IPC clones shared references and cycles; `value: unknown` fields keep them through zod) may
 * share one child under many parents, and walking every path of 200 such levels would never end.
 */
export function nulPath(value: unknown): string | null {
  const seen = new WeakSet<object>();
  // The path is built backwards on the way out, so a deep input costs no copies on the way in.
  const walk = (v: unknown): string[] | null => {
    if (typeof v === 'string') return v.includes('\u0000') ? [] : null;
    if (!v || typeof v !== 'object' || seen.has(v)) return null;
    seen.add(v);
    const entries: Array<[string, unknown]> = Array.isArray(v)
      ? v.map((x, i) => [String(i), x])
      : Object.entries(v);
    for (const [k, x] of entries) {
      const p = walk(x);
      if (p) {
        p.push(k);
        return p;
      }
    }
    return null;
  };
  const found = walk(value);
  return found ? found.reverse().join('.') : null;
}
