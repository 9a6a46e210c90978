import { useEffect, useRef } from 'react';
import { isTyping } from './moves';

/** Keys closer together than this are a scanner's burst, not a person choosing a move. */
const BURST_MS = 50;

/**
 * One key per next move while the bench detail has focus. Listens on window (capture) so it sees
 * every key before the scanner detector. Keys are case-sensitive lower-case letters (ticket
 * labels start with upper-case letters), and a key arriving within a fast burst is ignored, so
 * scanning a label while a ticket is open never moves it.
 */
export function useMoveKeys(
  enabled: boolean,
  root: React.RefObject<HTMLElement | null>,
  keys: Record<string, () => void>,
) {
  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(() => {
    if (!enabled) return;
    let lastKeyAt = 0;
    const onKey = (e: KeyboardEvent) => {
      const now = performance.now();
      const inBurst = now - lastKeyAt < BURST_MS;
      lastKeyAt = now;
      if (inBurst || e.ctrlKey || e.altKey || e.metaKey || e.repeat || isTyping(e.target)) return;
      const target = e.target as Element;
      const inside =
        root.current &&
        (root.current.contains(target) ||
          target === document.body ||
          target.closest?.('[data-testid="bench-drawer"]'));
      const fn = inside ? keysRef.current[e.key] : undefined;
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled, root]);
}
