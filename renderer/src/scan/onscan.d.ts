/** The part of onscan.js (no published types) that the workstation uses. */
declare module 'onscan.js' {
  export interface OnScanOptions {
    onScan?: (code: string, qty: number) => void;
    onScanError?: (debug: { message: string; scanCode: string; scanDuration: number }) => void;
    onKeyDetect?: (keyCode: number, event: KeyboardEvent) => boolean | void;
    keyCodeMapper?: (event: KeyboardEvent) => string | null;
    timeBeforeScanTest?: number;
    avgTimeByChar?: number;
    minLength?: number;
    suffixKeyCodes?: number[];
    prefixKeyCodes?: number[];
    ignoreIfFocusOn?: string | string[] | false;
    reactToPaste?: boolean;
    reactToKeydown?: boolean;
    captureEvents?: boolean;
  }
  interface OnScan {
    attachTo(el: Document | HTMLElement, options?: OnScanOptions): OnScan;
    detachFrom(el: Document | HTMLElement): void;
    isAttachedTo(el: Document | HTMLElement): boolean;
    isScanInProgressFor(el: Document | HTMLElement): boolean;
    simulate(el: Document | HTMLElement, code: string | unknown[]): OnScan;
  }
  const onScan: OnScan;
  export default onScan;
}
