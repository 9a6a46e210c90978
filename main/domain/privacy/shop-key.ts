import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from '../../db/sql';
import type { Sealer } from '../messages/channels/secret-store';

/**
 * The passcode key is the shop's, not the PC's: a passcode taken at the counter must be
 * revealable at the bench. The database holds the key only WRAPPED by a join secret the admin
 * chooses (scrypt → AES-256-GCM), so a database dump or backup alone never reveals passcodes.
 * A joining station unwraps it with the secret the admin types there, then keeps it like its own
 * key (a 0600 file, or the OS keychain in the app).
 */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** The one row of `shop_key` (migration 0020). */
const ROW_ID = 1;

export class ShopKeyError extends Error {
  constructor(
    readonly code: 'SHOP_KEY_SECRET_WRONG' | 'SHOP_KEY_NONE' | 'SHOP_KEY_SECRET_SHORT',
    message: string,
  ) {
    super(message);
    this.name = 'ShopKeyError';
  }
}

/** A join secret shorter than this is refused: it guards every device passcode of the shop. */
export const JOIN_SECRET_MIN = 8;

const kek = (secret: string, salt: Buffer) => scryptSync(secret, salt, 32, SCRYPT);

export function wrapKey(key: Buffer, secret: string): string {
  if (secret.length < JOIN_SECRET_MIN) {
    throw new ShopKeyError(
      'SHOP_KEY_SECRET_SHORT',
      `The join secret needs ${JOIN_SECRET_MIN} characters or more.`,
    );
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek(secret, salt), iv);
  const ct = Buffer.concat([c.update(key), c.final()]);
  return `v1:${Buffer.concat([salt, iv, c.getAuthTag(), ct]).toString('base64')}`;
}

export function unwrapKey(wrapped: string, secret: string): Buffer {
  const buf = Buffer.from(wrapped.replace(/^v1:/, ''), 'base64');
  const d = createDecipheriv('aes-256-gcm', kek(secret, buf.subarray(0, 16)), buf.subarray(16, 28));
  d.setAuthTag(buf.subarray(28, 44));
  try {
    return Buffer.concat([d.update(buf.subarray(44)), d.final()]);
  } catch {
    throw new ShopKeyError('SHOP_KEY_SECRET_WRONG', 'The join secret does not open the shop key.');
  }
}

/** Puts this station's passcode key in the shop's database, wrapped by the admin's join secret
 * (replacing an earlier wrapping: the admin may change the secret; the key stays). */
export async function publishShopKey(
  sql: Sql,
  key: Buffer,
  secret: string,
  now: number,
): Promise<void> {
  const wrapped = wrapKey(key, secret);
  await sql.run(
    `INSERT INTO shop_key (id, wrapped, created_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET wrapped = excluded.wrapped, created_at = excluded.created_at`,
    ROW_ID,
    wrapped,
    now,
  );
}

/** The shop's passcode key, unwrapped by the join secret; refuses a wrong secret or a shop
 * whose key was never shared. */
export async function fetchShopKey(sql: Sql, secret: string): Promise<Buffer> {
  const row = await sql.get<{ wrapped: string }>(
    'SELECT wrapped FROM shop_key WHERE id = ?',
    ROW_ID,
  );
  if (!row) throw new ShopKeyError('SHOP_KEY_NONE', 'No station has shared the shop key yet.');
  return unwrapKey(row.wrapped, secret);
}

/** The harness's keys are 0600 files as they are; the app seals them with the OS keychain. */
export const plainSealer: Sealer = {
  seal: (s) => Buffer.from(s, 'utf8'),
  open: (b) => b.toString('utf8'),
};

/** Keeps the shop key as this station's passcode key (the file FileKeyProvider reads), 0600,
 * written whole then renamed. A different key already there is refused: passcodes this PC
 * encrypted with it would become unreadable. */
export function adoptShopKey(file: string, key: Buffer, sealer: Sealer = plainSealer): void {
  if (fs.existsSync(file)) {
    const mine = Buffer.from(sealer.open(fs.readFileSync(file)).trim(), 'base64');
    if (mine.equals(key)) return;
    throw new Error(`${file} already holds another passcode key; move it away before joining.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, sealer.seal(key.toString('base64')), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
