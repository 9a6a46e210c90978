import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../api/errors';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const badSignature = () =>
  new ApiError('VALIDATION', 'The signature is not a valid image.', {
    key: 'errors.field.signature',
    issues: [
      { path: 'signature', key: 'errors.field.signature', message: 'Invalid signature image' },
    ],
  });

/** Decodes the pad's PNG data URL; refuses anything that is not a PNG. */
export function decodeSignature(dataUrl: string): Buffer {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (bytes.length < 64 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw badSignature();
  return bytes;
}

/**
 * Keeps the customer's signature as a PNG in the data folder (backed up with it). Written
 * before the transaction commits under a unique name: a rollback leaves at most an unused
 * file, never a pickup pointing at a missing one. Returns the path relative to the folder.
 */
export function storeSignature(
  dataDir: string,
  ticketNumber: string,
  at: number,
  png: Buffer,
): string {
  const dir = path.join(dataDir, 'signatures');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${ticketNumber.replace(/[^\w-]/g, '_')}-${at}.png`;
  fs.writeFileSync(path.join(dir, name), png, { mode: 0o600 });
  return `signatures/${name}`;
}
