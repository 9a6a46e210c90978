import { phoneDigits } from '../../api/schemas/common';

/** The keys customer lookup searches on, computed the same way by intake and by the seeder. */
export function customerKeys(name: string, phone: string) {
  const digits = searchDigits(phone);
  return {
    nameNorm: normalizeName(name),
    phoneDigits: digits,
    phoneRev: [...digits].reverse().join(''),
  };
}

/** Mainland mobiles are typed without the country code at the counter, so "+86 138…" is
 * stored as "138…" for prefix search; other numbers keep every digit. */
export function searchDigits(phone: string): string {
  const digits = phoneDigits(phone).replace(/^00/, '');
  return /^861[3-9]\d{9}$/.test(digits) ? digits.slice(2) : digits;
}

/** What was typed in the lookup box, possibly a partial number: an explicit +86 is dropped. */
export function queryDigits(q: string): string {
  const digits = phoneDigits(q);
  return /^\s*(\+|00)86/.test(q) ? digits.replace(/^(00)?86/, '') : searchDigits(q);
}

export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Upper bound for an index range scan of every string starting with `prefix`. */
export const prefixEnd = (prefix: string) => `${prefix}\uffff`;
