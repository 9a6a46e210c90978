import { useEffect, useRef } from 'react';

/** Returns false to pass the code on (not one of mine). */
type ScanHandler = (code: string) => boolean | void;

const claims: ScanHandler[] = [];

/**
 * A scan means what the screen in front of the user says it means: the newest screen that
 * claimed scans (a count sheet, goods receipt, the parts list) gets the code, whichever scanner
 * read it; with no claim (or every claim passing), the default applies (open the ticket).
 */
export function routeScan(code: string): boolean {
  for (let i = claims.length - 1; i >= 0; i--) if (claims[i](code) !== false) return true;
  return false;
}

/** Claims scans while mounted (and `enabled`); the handler always sees the latest render. */
export function useScanClaim(handler: ScanHandler, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    const h: ScanHandler = (code) => ref.current(code);
    claims.push(h);
    return () => {
      const i = claims.lastIndexOf(h);
      if (i >= 0) claims.splice(i, 1);
    };
  }, [enabled]);
}
