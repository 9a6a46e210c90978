import onScan from 'onscan.js';
import { routeScan } from './scanBus';

/** Feeds a code read by a serial scanner (backend `scan` event) into the keyboard wedge's
 * onScan handler, so both kinds of scanner mean the same on every screen. */
export function simulateWedgeScan(code: string): void {
  document.documentElement.dataset.lastSerialScan = code;
  if (routeScan(code)) return;
  try {
    if (onScan.isAttachedTo(document)) onScan.simulate(document, code);
  } catch {
    // No screen listens for scans right now.
  }
}
