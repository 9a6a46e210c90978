import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyProvider } from '../main/domain/privacy/passcode-cipher';
import type { Sealer } from '../main/domain/messages/channels/secret-store';

/** The part of Electron's safeStorage the key needs (a parameter, so the check is testable). */
export type KeychainLike = Pick<
  typeof safeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend'
>;

/**
 * Why the OS keychain cannot protect the passcode key, or null when it can. On Linux without a
 * secret service (GNOME Keyring, KWallet), Electron falls back to `basic_text`: "encryption"
 * with a password hard-coded in Chromium, i.e. none. Device passcodes are personal data, so the
 * app refuses rather than pretend (and says how to fix it).
 */
export function keychainRefusal(storage: KeychainLike, platform: NodeJS.Platform): string | null {
  if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') {
    return (
      'No system keyring is available to protect device passcodes (Electron would store the key ' +
      'with a built-in password, "basic_text"). Install and unlock GNOME Keyring or KWallet, or ' +
      'start the app with --password-store=gnome-libsecret or --password-store=kwallet6.'
    );
  }
  if (!storage.isEncryptionAvailable()) {
    return 'The operating system keychain is not available to protect device passcodes.';
  }
  return null;
}

/** The passcode key, kept encrypted by the OS keychain (safeStorage) in a file beside the data
 * folder, never in the database. */
export class SafeStorageKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(private readonly file: string) {}

  getKey(): Buffer {
    if (this.key) return this.key;
    const refusal = keychainRefusal(safeStorage, process.platform);
    if (refusal) throw new Error(refusal);
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

/** Message-channel credentials (SMTP password, SMS tokens) sealed by the OS keychain, like the
 * passcode key; the same refusal applies when the keychain is no keychain. */
export const safeStorageSealer: Sealer = {
  seal(plain) {
    const refusal = keychainRefusal(safeStorage, process.platform);
    if (refusal) throw new Error(refusal);
    return safeStorage.encryptString(plain);
  },
  open(sealed) {
    return safeStorage.decryptString(sealed);
  },
};
