import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A shop's PIN hashes: N=2^14 keeps a sign-in under ~50 ms on a shop PC while making offline
 * guessing costly. */
export const SHOP_PIN_COST = { N: 16384, r: 8, p: 1 } as const;
/**
 * The cost this process hashes with. Under vitest (VITEST is set in its workers and inherited
 * by the harnesses and stations they start) it is a sixteenth: a test run signs in ~2,000 times
 * per engine, and at the shop's cost that was a sixth of CI's CPU. The code path is the same: a
 * stored hash names its own parameters, and verification reads them from it.
 */
export const PIN_COST = process.env.VITEST ? { ...SHOP_PIN_COST, N: 1024 } : SHOP_PIN_COST;
const PREFIX = 'scrypt';

/**
 * A stored PIN hash names its own parameters (`scrypt$N$r$p$hex`), so raising the cost later
 * only means rehashing at the next good sign-in. Hashes written before issue 13 are bare hex
 * made at the shop's cost (SHOP_PIN_COST, whatever this process hashes with); they still
 * verify and are rewritten in the new form then.
 */
export function hashPin(pin: string, salt = randomBytes(16).toString('hex')) {
  const hex = scryptSync(pin, salt, 32, PIN_COST).toString('hex');
  return { hash: `${PREFIX}$${PIN_COST.N}$${PIN_COST.r}$${PIN_COST.p}$${hex}`, salt };
}

function parse(stored: string) {
  const parts = stored.split('$');
  if (parts.length === 5 && parts[0] === PREFIX) {
    const [, N, r, p, hex] = parts;
    return { params: { N: Number(N), r: Number(r), p: Number(p) }, hex };
  }
  return { params: SHOP_PIN_COST, hex: stored };
}

export function verifyPin(pin: string, salt: string, stored: string): boolean {
  const { params, hex } = parse(stored);
  const expected = Buffer.from(hex, 'hex');
  if (expected.length !== 32) return false;
  const actual = scryptSync(pin, salt, 32, { ...params, maxmem: 256 * params.N * params.r });
  return timingSafeEqual(actual, expected);
}

/** True when the hash is in an older form or weaker than today's parameters. */
export function needsRehash(stored: string): boolean {
  const { params } = parse(stored);
  return (
    !stored.startsWith(`${PREFIX}$`) ||
    params.N !== PIN_COST.N ||
    params.r !== PIN_COST.r ||
    params.p !== PIN_COST.p
  );
}
