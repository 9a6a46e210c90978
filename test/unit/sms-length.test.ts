import { describe, expect, it } from 'vitest';
import { smsLength } from '../../renderer/src/messages/smsLength';

describe('SMS length and parts, as the network counts them', () => {
  it('plain English is GSM-7: 160 in one part, 153 per part beyond', () => {
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', length: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsLength('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('extension characters take two places', () => {
    expect(smsLength('€5 [x]')).toMatchObject({ encoding: 'gsm7', length: 9 });
  });

  it('one Chinese character makes the whole message UCS-2: 70, then 67 per part', () => {
    expect(smsLength('您的设备已修好')).toMatchObject({ encoding: 'ucs2', length: 7, segments: 1 });
    expect(smsLength('好'.repeat(70))).toMatchObject({ segments: 1 });
    expect(smsLength('好'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsLength('a'.repeat(100) + '好')).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });

  it('empty text is no message', () => {
    expect(smsLength('').segments).toBe(0);
  });
});
