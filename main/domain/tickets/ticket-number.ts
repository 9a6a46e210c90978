import { sqlOf } from '../../db/sql';
import type { EntityManager } from 'typeorm';

export function formatTicketNumber(prefix: string, digits: number, seq: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** Next number of a named sequence, inside the caller's transaction (gap-free per shop). One
 * statement (upsert … RETURNING, on both engines): each round trip counts on a server. */
export async function nextSequence(em: EntityManager, name: string): Promise<number> {
  const row = await sqlOf(em).get<{ value: number | string }>(
    'INSERT INTO sequence (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1 RETURNING value',
    name,
  );
  return Number(row!.value);
}
/** Accepts what a person types or a scanner sends: "R-000123", "r123", "123". */
export function parseTicketNumber(input: string, prefix: string, digits: number): string | null {
  const m = /^\s*([A-Za-z]*-?)?0*(\d{1,12})\s*$/.exec(input);
  if (!m) return null;
  const given = (m[1] ?? '').toUpperCase();
  if (given && given.replace('-', '') !== prefix.toUpperCase().replace('-', '')) return null;
  return formatTicketNumber(prefix, digits, Number(m[2]));
}
