import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Photos are stored once per content under <dataDir>/photos/ab/<sha256>: a retried upload or
 * the same picture on two tickets costs nothing extra, and a file never changes once written. */
export function photoPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'photos', sha256.slice(0, 2), sha256);
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Written to a temp name, fsynced, then renamed, so a crash never leaves half a photo under
 * its final name. Runs before the row is committed: an orphan file is harmless, a row without
 * its file is not. */
export function storePhoto(dataDir: string, bytes: Buffer): string {
  const sha = sha256Of(bytes);
  const final = photoPath(dataDir, sha);
  if (fs.existsSync(final)) return sha;
  fs.mkdirSync(path.dirname(final), { recursive: true });
  const tmp = `${final}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, final);
  return sha;
}

export function readPhoto(dataDir: string, sha256: string): Buffer | null {
  try {
    return fs.readFileSync(photoPath(dataDir, sha256));
  } catch {
    return null;
  }
}
