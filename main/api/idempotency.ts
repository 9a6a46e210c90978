import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { driverFault } from '../db/driver-fault';
import { sqlOf } from '../db/sql';
import { ApiError } from './errors';

/**
 * One mechanism for every write a station may have to send twice (issue 15, network blips): a
 * method marked `idempotent` takes an optional `idempotencyKey` beside its input. The key, the
 * method and the answer are stored in the write's own transaction (table `idempotent_write`,
 * migration 0019), so either both the write and its key are there or neither is; a retry with
 * the same key finds the key and gets the first answer back without running anything again.
 */

export const KEY_FIELD = 'idempotencyKey';
const KEY_SHAPE = /^[A-Za-z0-9._:-]{8,80}$/;

export interface StoredWrite {
  method: string;
  input_hash: string;
  result: string;
}

/** Takes the key out of a raw input (the method's own schema never sees it). A key of the
 * wrong shape is a validation error, not silently ignored: the caller relies on it. */
export function splitKey(input: unknown): { key: string | null; rest: unknown } {
  if (typeof input !== 'object' || input === null || !(KEY_FIELD in input))
    return { key: null, rest: input };
  const { [KEY_FIELD]: key, ...rest } = input as Record<string, unknown>;
  if (key === undefined || key === null) return { key: null, rest };
  if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
    throw new ApiError('VALIDATION', 'The idempotency key is not valid.', {
      key: 'errors.validation',
      issues: [{ path: KEY_FIELD, key: 'errors.field.invalid', message: 'invalid key' }],
      field: KEY_FIELD,
    });
  }
  return { key, rest };
}

export const inputHash = (input: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(input ?? null))
    .digest('hex');

export async function findWrite(em: EntityManager, key: string): Promise<StoredWrite | undefined> {
  return sqlOf(em).get<StoredWrite>(
    'SELECT method, input_hash, result FROM idempotent_write WHERE idem_key = ?',
    key,
  );
}

/** A key sent again for a different change (`method`: the one the key was first used for). */
export const keyReused = (method: string): ApiError =>
  new ApiError(
    'CONFLICT',
    'This request key was already used for a different change. Nothing was saved.',
    { key: 'errors.idempotencyReused', params: { method } },
  );

/** The stored answer for a retry, or CONFLICT when the key was used for something else. */
export function replay(stored: StoredWrite, method: string, hash: string): unknown {
  if (stored.method !== method || stored.input_hash !== hash) throw keyReused(stored.method);
  return JSON.parse(stored.result) as unknown;
}

export async function storeWrite(
  em: EntityManager,
  row: {
    key: string;
    method: string;
    staffId: number | null;
    hash: string;
    result: unknown;
    at: number;
  },
): Promise<void> {
  await sqlOf(em).run(
    'INSERT INTO idempotent_write (idem_key, method, staff_id, input_hash, result, at) VALUES (?, ?, ?, ?, ?, ?)',
    row.key,
    row.method,
    row.staffId,
    row.hash,
    JSON.stringify(row.result ?? null),
    row.at,
  );
}

/** A unique violation whose message names `where` (PostgreSQL names the constraint,
 * `<table>_<column>_key`; SQLite the column, `<table>.<column>`). */
export function isUniqueViolation(err: unknown, where: RegExp): boolean {
  const { code, message } = driverFault(err);
  return (
    (code === '23505' || /SQLITE_CONSTRAINT/.test(code) || /UNIQUE/i.test(message)) &&
    where.test(message)
  );
}

/** A unique violation on the key: another call with the same key committed first (two
 * transports, or two processes of one station, racing the same retry). */
export const isKeyRace = (err: unknown): boolean => isUniqueViolation(err, /idempotent_write/);

/** How long a key is kept: a station retries within seconds or, after the server was away,
 * hours; a month covers a long weekend with the server off many times over. */
export const KEEP_KEYS_MS = 30 * 86_400_000;

/** Forgets keys older than KEEP_KEYS_MS (the hourly sweep); returns how many. */
export async function pruneWrites(em: EntityManager, now: number): Promise<number> {
  return (await sqlOf(em).run('DELETE FROM idempotent_write WHERE at < ?', now - KEEP_KEYS_MS))
    .changes;
}
