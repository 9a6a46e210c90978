import { describe, expect, it } from 'vitest';
import { imeiSchema, luhnValid, phoneSchema } from '../../main/api/schemas/common';
import { customerKeys } from '../../main/domain/customers/normalize';
import { decideWarranty } from '../../main/domain/intake/warranty';
import { formatTicketNumber, parseTicketNumber } from '../../main/domain/tickets/ticket-number';

describe('identifiers', () => {
  it('Luhn-checks IMEIs', () => {
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('490154203237517')).toBe(false);
    expect(imeiSchema.safeParse('356938035643809').success).toBe(true);
    expect(imeiSchema.safeParse('35693803564380').success).toBe(false);
    expect(imeiSchema.safeParse('35693803564380a').success).toBe(false);
  });

  it('accepts mainland and international phone numbers, not words', () => {
    for (const ok of ['13800138000', '138 0013 8000', '+86 138-0013-8000', '+44 20 7946 0958', '(555) 123-4567']) {
      expect(phoneSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ['', 'call me', '12', '+1234567890123456']) expect(phoneSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('keys a customer for prefix and suffix phone search and case-free names', () => {
    expect(customerKeys('  Tom   BAKER ', '+86 138-0013-8000')).toEqual({
      nameNorm: 'tom baker',
      phoneDigits: '13800138000',
      phoneRev: '00083100831',
    });
    expect(customerKeys('x', '0086 13800138000').phoneDigits).toBe('13800138000');
    expect(customerKeys('x', '+44 20 7946 0958').phoneDigits).toBe('442079460958');
  });

  it('formats and reads ticket numbers the way people type and scan them', () => {
    expect(formatTicketNumber('R-', 6, 123)).toBe('R-000123');
    for (const typed of ['R-000123', 'r-123', 'R123', '123', ' 000123 ']) {
      expect(parseTicketNumber(typed, 'R-', 6), typed).toBe('R-000123');
    }
    expect(parseTicketNumber('X-000123', 'R-', 6)).toBeNull();
    expect(parseTicketNumber('hello', 'R-', 6)).toBeNull();
  });
});

describe('manufacturer warranty', () => {
  const base = { proof: 'invoice', exclusion: 'none', months: 12, today: '2026-11-23' };
  it('runs to the day before the anniversary', () => {
    expect(decideWarranty({ ...base, purchaseDate: '2025-11-24' })).toEqual({ warranty: 'in_warranty', until: '2026-11-23' });
    expect(decideWarranty({ ...base, purchaseDate: '2025-11-23' })).toEqual({ warranty: 'expired', until: '2026-11-22' });
  });
  it('needs proof, and exclusions win over everything', () => {
    expect(decideWarranty({ ...base, purchaseDate: '2026-06-01', proof: 'none' }).warranty).toBe('no_proof');
    expect(decideWarranty({ ...base, purchaseDate: '2026-06-01', exclusion: 'accidental' }).warranty).toBe('excluded');
    expect(decideWarranty({ ...base, purchaseDate: null }).warranty).toBe('unknown');
  });
});
