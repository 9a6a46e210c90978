import { VirtualDevice } from './virtual-device';

/** A serial barcode scanner: "scans" by writing the code and its terminator to the port. */
export class VirtualScanner extends VirtualDevice {
  scan(code: string, terminator = '\r\n'): Promise<void> {
    return this.send(code + terminator);
  }

  /** Raw bytes, for split packets and line noise in tests. */
  raw(bytes: Buffer | string): Promise<void> {
    return this.send(bytes);
  }

  protected receive(): void {
    // Scanners are not talked to.
  }
}
