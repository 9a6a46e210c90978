import fs from 'node:fs';
import path from 'node:path';
import type { SecretName } from '../../../api/schemas/message-channels';

/** Channel credentials (SMTP password, Twilio auth token, Aliyun AccessKey secret): kept beside
 * the passcode key, never in the database, so backups, exports and the audit log never hold
 * them. */
export interface SecretStore {
  get(name: SecretName): string | null;
  set(changes: Partial<Record<SecretName, string | null>>): void;
}

/** How the file's bytes are protected: as-is in a 0600 file (the harness), or sealed by the
 * OS keychain (the Electron app passes safeStorage's encrypt/decrypt). */
export interface Sealer {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

const plain: Sealer = {
  seal: (s) => Buffer.from(s, 'utf8'),
  open: (b) => b.toString('utf8'),
};

export class FileSecretStore implements SecretStore {
  private cache: Partial<Record<SecretName, string>> | null = null;
  constructor(
    private readonly file: string,
    private readonly sealer: Sealer = plain,
  ) {}

  get(name: SecretName): string | null {
    return this.read()[name] ?? null;
  }

  set(changes: Partial<Record<SecretName, string | null>>): void {
    const next = { ...this.read() };
    for (const [k, v] of Object.entries(changes) as Array<[SecretName, string | null]>) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Written whole to a 0600 temporary and renamed: a crash leaves the old file or the new.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.sealer.seal(JSON.stringify(next)), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
    this.cache = next;
  }

  private read(): Partial<Record<SecretName, string>> {
    if (this.cache) return this.cache;
    this.cache = fs.existsSync(this.file)
      ? (JSON.parse(this.sealer.open(fs.readFileSync(this.file))) as Partial<
          Record<SecretName, string>
        >)
      : {};
    return this.cache;
  }
}
