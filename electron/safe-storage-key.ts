import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyProvider } from '../main/domain/privacy/passcode-cipher';

/** The passcode key, kept encrypted by the OS keychain (safeStorage) in a file beside the data
 * folder, never in the database. */
export class SafeStorageKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(private readonly file: string) {}

  getKey(): Buffer {
    if (this.key) return this.key;
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The operating system keychain is not available to protect device passcodes.',
      );
    }
    if (fs.existsSync(this.file)) {
      this.key = Buffer.from(safeStorage.decryptString(fs.readFileSync(this.file)), 'base64');
    } else {
      this.key = randomBytes(32);
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(this.file, safeStorage.encryptString(this.key.toString('base64')), {
        mode: 0o600,
        flag: 'wx',
      });
    }
    return this.key;
  }
}
