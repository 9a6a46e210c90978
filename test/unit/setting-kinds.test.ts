import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../main/domain/settings/definitions';
import { isIsoDate, settingKind } from '../../renderer/src/settings/setting-kinds';

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
});
