import { phoneDigits } from '../../api/schemas/common';

/** The keys customer lookup searches on, computed the same way by intake and by the seeder. */
export function customerKeys(name: string, phone: string) {
  const digits = phoneDigits(phone);
  return {
    nameNorm: normalizeName(name),
    phoneDigits: digits,
    phoneRev: [...digits].reverse().join(''),
  };
}

export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Upper bound for an index range scan of every string starting with `prefix`. */
export const prefixEnd = (prefix: string) => `${prefix}\uffff`;
