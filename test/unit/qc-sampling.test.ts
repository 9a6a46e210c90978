import { describe, expect, it } from 'vitest';
import { mustSample, qcBand, qcTotal } from '../../main/domain/bench/qc-sampling';

/** mulberry32: a seeded generator, so a failing sequence can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('QC sampling', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'every run of 100 consecutive completions has at least 30 checked (random sequence %i)',
    (seed) => {
      const random = rng(seed);
      const sampled: boolean[] = [];
      const reasons: string[] = [];
      for (let i = 0; i < 1500; i++) {
        const r = random();
        const reason = r < 0.05 ? 'complaint' : r < 0.1 ? 'repeat' : 'routine';
        reasons.push(reason);
        sampled.push(mustSample(reason, sampled, 0.3, 100));
      }
      for (let end = 100; end <= sampled.length; end++) {
        expect(sampled.slice(end - 100, end).filter(Boolean).length).toBeGreaterThanOrEqual(30);
      }
      reasons.forEach((reason, i) => {
        if (reason !== 'routine') expect(sampled[i]).toBe(true);
      });
      // The quota is met, not wildly exceeded: routine work is not all checked.
      const routineChecked = sampled.filter((s, i) => s && reasons[i] === 'routine').length;
      expect(routineChecked / reasons.filter((r) => r === 'routine').length).toBeLessThan(0.35);
    },
  );

  it('follows the rate and window settings', () => {
    const sampled: boolean[] = [];
    for (let i = 0; i < 200; i++) sampled.push(mustSample('routine', sampled, 0.5, 10));
    for (let end = 10; end <= 200; end++) expect(sampled.slice(end - 10, end).filter(Boolean).length).toBeGreaterThanOrEqual(5);
  });
});

describe('QC score sheet', () => {
  const w = { procedure: 30, effectiveness: 50, communication: 20 };
  it('weights the three criteria into 0-100', () => {
    expect(qcTotal({ procedure: 100, effectiveness: 100, communication: 100 }, w)).toBe(100);
    expect(qcTotal({ procedure: 90, effectiveness: 95, communication: 88 }, w)).toBe(92);
    expect(qcTotal({ procedure: 0, effectiveness: 0, communication: 0 }, w)).toBe(0);
  });
  it('bands ≥ 90 excellent, 70-89 pass, < 70 fail', () => {
    expect([100, 90, 89, 70, 69, 0].map((t) => qcBand(t, 90, 70))).toEqual(['excellent', 'excellent', 'pass', 'pass', 'fail', 'fail']);
  });
});
