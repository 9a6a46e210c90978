import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { PtyPair } from './pty-pair';

/** An emulated serial device on its end of a pty pair, reached through the real serialport stack. */
export abstract class VirtualDevice extends EventEmitter {
  readonly pair: PtyPair;
  protected port: SerialPort | null = null;

  constructor(appPath: string, devicePath: string) {
    super();
    this.pair = new PtyPair(appPath, devicePath);
  }

  get path(): string {
    return this.pair.appPath;
  }

  async plug(): Promise<void> {
    await this.pair.plug(async () => {
      const port = new SerialPort({ path: this.pair.devicePath, baudRate: 9600, autoOpen: false });
      port.on('data', (chunk: Buffer) => this.receive(chunk));
      port.on('error', () => undefined);
      await new Promise<void>((resolve, reject) =>
        port.open((err) => (err ? reject(err) : resolve())),
      );
      this.port = port;
    });
  }

  async unplug(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port) {
      port.removeAllListeners('data');
      await this.pair.unplug();
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    } else {
      await this.pair.unplug();
    }
  }

  protected send(bytes: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port) return Promise.resolve();
    return new Promise((resolve) => port.write(bytes, () => port.drain(() => resolve())));
  }

  protected abstract receive(chunk: Buffer): void;
}
