import { describe, expect, it } from 'vitest';
import { maskRecipient } from '../../main/domain/messages/mask';
import { backoffMs } from '../../main/domain/messages/outbox-worker';
import { smsAllowedAt } from '../../main/domain/messages/quiet-hours';
import { smsLength } from '../../main/domain/messages/sms-length';
import { fillTemplate } from '../../main/domain/pickup/message-methods';

describe('SMS length and segments', () => {
  it('GSM-7: 160 in one message, then 153 per part', () => {
    expect(smsLength('')).toEqual({ encoding: 'gsm7', length: 0, segments: 0 });
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', length: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm7', length: 161, segments: 2 });
    expect(smsLength('a'.repeat(306))).toEqual({ encoding: 'gsm7', length: 306, segments: 2 });
    expect(smsLength('a'.repeat(307))).toEqual({ encoding: 'gsm7', length: 307, segments: 3 });
  });

  it('GSM extension characters (€ [ ] { } ~ ^ | \\) count twice', () => {
    expect(smsLength('€10')).toEqual({ encoding: 'gsm7', length: 4, segments: 1 });
    expect(smsLength('{'.repeat(80)).segments).toBe(1);
    expect(smsLength('{'.repeat(81)).segments).toBe(2);
  });

  it('UCS-2 for Chinese: 70 in one, then 67 per part; an emoji takes two units', () => {
    expect(smsLength('您'.repeat(70))).toEqual({ encoding: 'ucs2', length: 70, segments: 1 });
    expect(smsLength('您'.repeat(71))).toEqual({ encoding: 'ucs2', length: 71, segments: 2 });
    expect(smsLength('您'.repeat(134)).segments).toBe(2);
    expect(smsLength('您'.repeat(135)).segments).toBe(3);
    expect(smsLength('ok 👍')).toEqual({ encoding: 'ucs2', length: 5, segments: 1 });
    // One character outside GSM-7 turns the whole message into UCS-2.
    expect(smsLength(`${'a'.repeat(100)}ç`).encoding).toBe('ucs2');
    expect(smsLength(`${'a'.repeat(100)}ç`).segments).toBe(2);
  });
});

describe('quiet hours in the shop time zone', () => {
  const at = (iso: string) => Date.parse(iso);

  it('outside quiet hours an SMS goes now', () => {
    const now = at('2026-11-23T10:00:00+08:00');
    expect(smsAllowedAt(now, 'Asia/Shanghai', '21:00', '08:00')).toBe(now);
    expect(smsAllowedAt(at('2026-11-23T20:59:00+08:00'), 'Asia/Shanghai', '21:00', '08:00')).toBe(
      at('2026-11-23T20:59:00+08:00'),
    );
  });

  it('in the evening it waits for 08:00 next morning; after midnight for 08:00 the same day', () => {
    expect(smsAllowedAt(at('2026-11-23T21:00:00+08:00'), 'Asia/Shanghai', '21:00', '08:00')).toBe(
      at('2026-11-24T08:00:00+08:00'),
    );
    expect(smsAllowedAt(at('2026-11-24T03:10:00+08:00'), 'Asia/Shanghai', '21:00', '08:00')).toBe(
      at('2026-11-24T08:00:00+08:00'),
    );
    // The same instant in a zone where it is mid-afternoon is not quiet.
    const t = at('2026-11-23T22:00:00+08:00');
    expect(smsAllowedAt(t, 'Europe/Berlin', '21:00', '08:00')).toBe(t);
  });

  it('on the DST nights 08:00 is 08:00 on the shop clock (Europe/Berlin)', () => {
    // Spring forward on 2027-03-28: 08:00 CEST = 06:00Z (the evening before was +01:00).
    expect(smsAllowedAt(at('2027-03-27T22:30:00+01:00'), 'Europe/Berlin', '21:00', '08:00')).toBe(
      at('2027-03-28T08:00:00+02:00'),
    );
    // Fall back on 2026-10-25: 08:00 CET = 07:00Z.
    expect(smsAllowedAt(at('2026-10-24T23:00:00+02:00'), 'Europe/Berlin', '21:00', '08:00')).toBe(
      at('2026-10-25T08:00:00+01:00'),
    );
  });

  it('a window within one day, and none when both ends are equal', () => {
    expect(smsAllowedAt(at('2026-11-23T12:30:00+08:00'), 'Asia/Shanghai', '12:00', '13:30')).toBe(
      at('2026-11-23T13:30:00+08:00'),
    );
    const t = at('2026-11-23T23:00:00+08:00');
    expect(smsAllowedAt(t, 'Asia/Shanghai', '00:00', '00:00')).toBe(t);
  });
});

describe('outbox helpers', () => {
  it('back-off: 1 min doubling, at most 1 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => backoffMs(a) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it('recipients are masked in lists', () => {
    expect(maskRecipient('+8613812345678')).toBe('+86138****5678');
    expect(maskRecipient('+86 139 1234 5678')).toBe('+86 13****5678');
    expect(maskRecipient('li.na@example.com')).toBe('l***@example.com');
    expect(maskRecipient('12')).toBe('***');
  });

  it('templates fill known variables and leave a typo visible', () => {
    expect(fillTemplate('{customer}: {ticket} {tikcet}', { customer: 'Li', ticket: 'R-1' })).toBe(
      'Li: R-1 {tikcet}',
    );
  });
});
