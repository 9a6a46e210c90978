import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where the 32-byte key lives: never in the database. */
export interface KeyProvider {
  getKey(): Buffer;
}

/** The harness's key: a 0600 file in the data folder's keys/ directory. The Electron app
 * supplies a provider backed by safeStorage instead. */
export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(private readonly file: string) {}

  getKey(): Buffer {
    if (this.key) return this.key;
    if (fs.existsSync(this.file)) {
      this.key = Buffer.from(fs.readFileSync(this.file, 'utf8').trim(), 'base64');
    } else {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.key = randomBytes(32);
      fs.writeFileSync(this.file, this.key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    if (this.key.length !== 32) throw new Error(`passcode key in ${this.file} is not 32 bytes`);
    return this.key;
  }
}

/** AES-256-GCM; stored as `v1:<base64 iv|tag|ciphertext>`. */
export class PasscodeCipher {
  constructor(private readonly keys: KeyProvider) {}

  /** The raw key, only to share it wrapped by a join secret (shop-key.ts). */
  key(): Buffer {
    return this.keys.getKey();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.getKey(), iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('unknown passcode format');
    const buf = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.getKey(), buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  }
}
