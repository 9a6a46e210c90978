import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once after `minutes` without keyboard, mouse or touch (0 = never). */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void) {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, minutes * 60_000);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm, { capture: true });
    };
  }, [minutes, active, onIdle]);
}
