import { useEffect, useRef } from 'react';
import { scanInProgress } from '../../scan/useScanToOpen';
import { isTyping } from './moves';

/**
 * One key per next move while the bench detail has focus: listens on window (capture) so it runs
 * before the scanner detector and can tell a lone key press from the middle of a scan burst.
 * Keys are case-sensitive lower-case letters; ticket labels start with upper-case letters.
 */
export function useMoveKeys(enabled: boolean, root: React.RefObject<HTMLElement | null>, keys: Record<string, () => void>) {
  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || isTyping(e.target)) return;
      const target = e.target as Element;
      const inside =
        root.current && (root.current.contains(target) || target === document.body || target.closest?.('[data-testid="bench-drawer"]'));
      if (!inside || scanInProgress()) return;
      const fn = keysRef.current[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled, root]);
}
