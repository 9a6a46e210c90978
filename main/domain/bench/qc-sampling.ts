/**
 * DOMAIN step 9 sampling: complaints and repeat repairs are always checked; routine repairs
 * are checked whenever skipping this one could leave some run of `window` consecutive
 * completions with fewer than `rate` of them checked. Deterministic, so the quota holds for
 * every window, not just on average.
 */
export function mustSample(
  reason: 'routine' | 'complaint' | 'repeat',
  recentSampled: readonly boolean[],
  rate: number,
  window: number,
): boolean {
  if (reason !== 'routine') return true;
  const need = Math.ceil(rate * window);
  const previous = recentSampled.slice(-(window - 1));
  return previous.filter(Boolean).length < need;
}

/** QC total from the three criteria (0-100 each) and their weights (summing to 100). */
export function qcTotal(
  scores: { procedure: number; effectiveness: number; communication: number },
  weights: { procedure: number; effectiveness: number; communication: number },
): number {
  return Math.round(
    (scores.procedure * weights.procedure +
      scores.effectiveness * weights.effectiveness +
      scores.communication * weights.communication) /
      100,
  );
}

export function qcBand(total: number, excellentFrom: number, passFrom: number): 'excellent' | 'pass' | 'fail' {
  if (total >= excellentFrom) return 'excellent';
  if (total >= passFrom) return 'pass';
  return 'fail';
}
