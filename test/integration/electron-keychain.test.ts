import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeElectron } from '../helpers/fake-electron';

/**
 * Device passcodes are only as safe as the key that encrypts them. On Linux without a secret
 * service, Electron's safeStorage falls back to `basic_text` (a password built into Chromium):
 * the shell refuses to start rather than pretend, and says how to fix it. Run against the fake
 * `electron` module (test/helpers/fake-electron.ts).
 */
const holder = vi.hoisted(() => ({ fake: null as null | { module: object } }));
vi.mock('electron', () => holder.fake!.module as Record<string, unknown>);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-keychain-'));
const fake = new FakeElectron({ userData, backend: 'basic_text' });
afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('the shell on a Linux keychain', () => {
  it('refuses to start on basic_text, in plain words, before opening the shop', async () => {
    holder.fake = fake;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await import('../../electron/main');
    fake.ready();
    await vi.waitFor(() => expect(fake.exitCode).toBe(1), { timeout: 30_000 });
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0].content).toMatch(
      /No system keyring.*basic_text.*GNOME Keyring or KWallet/s,
    );
    expect(error).toHaveBeenCalled(); // loud in the log too
    expect(fake.windows).toEqual([]);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fs.existsSync(path.join(userData, 'data', 'workstation.sqlite'))).toBe(false);
    error.mockRestore();
  });

  it('never hands out a passcode key on basic_text; keeps it encrypted on a real keyring', async () => {
    const { SafeStorageKeyProvider } = await import('../../electron/safe-storage-key');
    const file = path.join(userData, 'keys', 'passcode.key.enc');
    expect(() => new SafeStorageKeyProvider(file).getKey()).toThrow(/basic_text/);
    expect(fs.existsSync(file)).toBe(false);

    fake.opts.backend = 'gnome_libsecret';
    const key = new SafeStorageKeyProvider(file).getKey();
    expect(key).toHaveLength(32);
    expect(fs.readFileSync(file).includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new SafeStorageKeyProvider(file).getKey().equals(key)).toBe(true);

    fake.opts.encryptionAvailable = false;
    expect(() => new SafeStorageKeyProvider(file).getKey()).toThrow(/keychain is not available/);
  });

  it('keeps message-channel secrets sealed by the keychain, never readable in the file', async () => {
    const { safeStorageSealer } = await import('../../electron/safe-storage-key');
    const { FileSecretStore } = await import('../../main/domain/messages/channels/secret-store');
    fake.opts.encryptionAvailable = true;
    fake.opts.backend = 'gnome_libsecret';
    const file = path.join(userData, 'keys', 'message-channels.enc');
    new FileSecretStore(file, safeStorageSealer).set({ smtpPassword: 'Sm7p-secret-Pa55' });
    expect(fs.readFileSync(file).includes('Sm7p-secret-Pa55')).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(file, safeStorageSealer).get('smtpPassword')).toBe(
      'Sm7p-secret-Pa55',
    );
    fake.opts.backend = 'basic_text';
    expect(() => new FileSecretStore(file, safeStorageSealer).set({ smtpPassword: 'x' })).toThrow(
      /basic_text/,
    );
  });
});
