import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * Two linked pseudo-terminals made by socat: the app opens `appPath`, the emulated device
 * `devicePath`. Unplugging kills socat (both ends vanish, whatever was in flight is lost, as
 * with a pulled cable); replugging makes a fresh pair under the same paths.
 */
export class PtyPair {
  private child: ChildProcess | null = null;

  constructor(
    readonly appPath: string,
    readonly devicePath: string,
  ) {}

  get plugged(): boolean {
    return this.child !== null;
  }

  /** Makes the pair; the app's path appears only once `ready` (the device opening its end) is
   * done, as a real device is listening before its cable is plugged in. */
  async plug(ready: () => Promise<void> = async () => undefined): Promise<void> {
    if (this.child) return;
    const hidden = `${this.appPath}.plugging`;
    for (const p of [this.appPath, hidden, this.devicePath]) fs.rmSync(p, { force: true });
    const child = spawn(
      'socat',
      [`pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${hidden}`],
      { stdio: 'ignore' },
    );
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + 5000;
    while (!(fs.existsSync(hidden) && fs.existsSync(this.devicePath))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`socat did not create ${this.appPath}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await ready();
    fs.renameSync(hidden, this.appPath);
  }

  async unplug(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    for (const p of [this.appPath, this.devicePath]) fs.rmSync(p, { force: true });
  }
}
