import { describe, expect, it } from 'vitest';
import { fmtRelativeNarrow } from '../../renderer/src/common/relativeNarrow';

const NOW = Date.parse('2026-12-04T10:00:00Z');
const H = 3_600_000;

describe('a board card says its due time in a few characters', () => {
  it('in English and Chinese, past and future, in the largest unit reached', () => {
    const cases: Array<[number, string, string]> = [
      [-9 * 24 * H, '9d ago', '9天前'],
      [3 * H, 'in 3h', '3小时后'],
      [-90 * 60_000, '2h ago', '2小时前'],
      [20 * 60_000, 'in 20m', '20分钟后'],
      [-400 * 24 * H, '1y ago', '1年前'],
    ];
    for (const [d, en, zh] of cases) {
      expect(fmtRelativeNarrow(NOW + d, 'en', NOW)).toBe(en);
      expect(fmtRelativeNarrow(NOW + d, 'zh-CN', NOW)).toBe(zh);
    }
  });

  it('fits where the long form was cut: never longer than "in 10mo"', () => {
    for (let d = -800; d <= 800; d += 7) {
      expect(fmtRelativeNarrow(NOW + d * 24 * H, 'en', NOW).length).toBeLessThanOrEqual(8);
    }
  });
});
