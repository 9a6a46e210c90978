import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../main/domain/settings/definitions';
import { isIsoDate, numberUnit, settingKind, showNumber } from '../../renderer/src/settings/setting-kinds';

describe('settings editor kinds', () => {
  it('every setting the backend defines gets an editor (none falls through to read-only)', () => {
    const kinds = Object.fromEntries(
      Object.entries(SETTINGS).map(([k, d]) => [k, settingKind(k, d.default).kind]),
    );
    expect(Object.entries(kinds).filter(([, kind]) => kind === 'unknown')).toEqual([]);
    expect(kinds).toMatchObject({
      'pickup.signatureRequired': 'boolean',
      'tax.inclusive': 'boolean',
      'messages.templates': 'templates',
      'warranty.months': 'numberMap',
      'sla.firstResponseMinutes': 'numberMap',
      'business.days': 'weekdays',
      'business.holidays': 'dates',
      'print.language': 'choice',
      'print.receiptWidthMm': 'choice',
      'intake.terms': 'longText',
      'shop.name': 'text',
      'tax.rateBp': 'number',
      'print.maxAttempts': 'number',
      'print.defaultPrinters': 'elsewhere',
      'messages.channels': 'elsewhere',
    });
  });

  it('holiday dates must be real calendar days', () => {
    expect(['2026-10-01', '2028-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-02-30', '2026-13-01', '1.10.2026', '2026-1-01'].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('shows money, percent and megabytes, never cents, basis points or bytes', () => {
    expect(showNumber('tax.rateBp', 1300)).toBe('13 %');
    expect(showNumber('tax.rateBp', 1250)).toBe('12.5 %');
    expect(showNumber('pickup.discountLimitCents', 5000)).toBe('50');
    expect(showNumber('photo.maxBytes', 3 * 1024 * 1024)).toBe('3 MB');
    expect(showNumber('qc.window', 100)).toBe('100');
    // Every stored-unit setting the backend defines has a human unit.
    const raw = Object.keys(SETTINGS).filter((k) => /(Cents|Bp|Bytes)$/.test(k));
    expect(raw.length).toBeGreaterThan(2);
    expect(raw.filter((k) => numberUnit(k) === null)).toEqual([]);
  });
});
