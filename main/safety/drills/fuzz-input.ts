/**
 * Inputs for the fuzz drill, generated from a method's JSON schema (what `GET /api` serves):
 * mostly well-formed values so calls reach the handlers, then broken in one place with a
 * hostile value, a missing or unknown field, or a wrong shape.
 */
export type Rng = () => number;

/** Small and fast; seeded so a failing run can be replayed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v, b: [v] };
  return v;
}

/** Wrong types, huge and hostile strings, broken Unicode, extreme numbers, deep JSON. */
export const HOSTILE: readonly unknown[] = [
  '',
  ' ',
  '\u0000',
  'x'.repeat(100_000),
  '测'.repeat(5_000),
  "'; DROP TABLE ticket; --",
  "1' OR '1'='1",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  '%00%ff',
  '\ud800', // a lone surrogate: what invalid UTF-8 decodes to
  '\udfff\ud800',
  '\u202e\u0041\u0042',
  'NaN',
  '-1',
  -1,
  0,
  -0,
  1.5,
  -1e308,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  [],
  {},
  [null],
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  deep(200),
  Array.from({ length: 5_000 }, (_, i) => i),
];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

/** Values that satisfy the patterns the API uses, so patterned fields can pass too. */
const PATTERN_SAMPLES: Array<[RegExp, string[]]> = [
  [/\\d\{15\}/, ['490154203237518', '356938035643809']],
  [/\\d\{4\}-\\d\{2\}-\\d\{2\}/, ['2026-05-01', '2025-12-31', '2026-02-30']],
  [/\\d\{4,8\}/, ['1234', '0000', '4444']],
  [/\\\+\?/, ['+86 139 1234 5678', '138-0013-8000', '12']],
  [/workstation-/, ['workstation-20260101-000000-000-manual.sqlite']],
  [/\[01\]\\d\|2\[0-3\]/, ['09:00', '18:30']],
];

function fromPattern(rng: Rng, pattern: string): string {
  for (const [re, samples] of PATTERN_SAMPLES) if (re.test(pattern)) return pick(rng, samples);
  return `p${Math.floor(rng() * 1e6)}`;
}

const WORDS = [
  'Screen',
  '屏幕',
  'Huawei',
  'Mate 60',
  'R-000001',
  '1',
  'charger',
  'a@b.co',
  'ok',
  '李娜',
];

export function generate(rng: Rng, s: Schema, depth = 0): unknown {
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(rng, s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return generate(rng, pick(rng, branches), depth + 1);
  const type = Array.isArray(s.type) ? pick(rng, s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k) || rng() < 0.5) out[k] = generate(rng, sub, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const n = min + Math.floor(rng() * Math.min(4, (s.maxItems ?? 4) - min + 1));
      return Array.from({ length: n }, () => generate(rng, s.items ?? {}, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const hi = Math.min(s.maximum ?? 1000, lo + 1000);
      // small values mostly: ids and versions that exist
      const v =
        rng() < 0.7 ? lo + Math.floor(rng() * Math.min(5, hi - lo + 1)) : lo + rng() * (hi - lo);
      return type === 'integer' ? Math.floor(v) : v;
    }
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    case 'string': {
      if (s.pattern) return fromPattern(rng, s.pattern);
      if (s.format === 'email') return 'someone@example.com';
      const base = pick(rng, WORDS);
      const min = s.minLength ?? 0;
      const text = base.length >= min ? base : base.padEnd(min, 'x');
      return s.maxLength !== undefined ? text.slice(0, s.maxLength) : text;
    }
    default:
      return pick(rng, ['x', 1, true, null]);
  }
}

/** Breaks a well-formed input in one place. */
export function mutate(rng: Rng, input: unknown): unknown {
  const roll = rng();
  if (roll < 0.1) return pick(rng, HOSTILE);
  if (!input || typeof input !== 'object' || Array.isArray(input)) return pick(rng, HOSTILE);
  const obj = { ...(input as Record<string, unknown>) };
  const keys = Object.keys(obj);
  if (roll < 0.2 || !keys.length) {
    obj[pick(rng, ['unexpected', '__proto__', 'constructor', 'id', 'x'.repeat(300)])] = pick(
      rng,
      HOSTILE,
    );
    return obj;
  }
  const key = pick(rng, keys);
  if (roll < 0.3) {
    delete obj[key];
    return obj;
  }
  const inner = obj[key];
  obj[key] =
    inner && typeof inner === 'object' && !Array.isArray(inner) && rng() < 0.5
      ? mutate(rng, inner)
      : pick(rng, HOSTILE);
  return obj;
}
