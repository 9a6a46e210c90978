import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// N=2^14 keeps a sign-in under ~50 ms on a shop PC while making offline guessing costly.
const PARAMS = { N: 16384, r: 8, p: 1 } as const;

export function hashPin(pin: string, salt = randomBytes(16).toString('hex')) {
  const hash = scryptSync(pin, salt, 32, PARAMS).toString('hex');
  return { hash, salt };
}

export function verifyPin(pin: string, salt: string, expectedHex: string): boolean {
  const actual = scryptSync(pin, salt, 32, PARAMS);
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
