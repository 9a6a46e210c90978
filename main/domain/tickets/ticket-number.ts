import type { EntityManager } from 'typeorm';

export function formatTicketNumber(prefix: string, digits: number, seq: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** Next number of a named sequence, inside the caller's transaction (gap-free per shop). */
export async function nextSequence(em: EntityManager, name: string): Promise<number> {
  await em.query(
    'INSERT INTO sequence (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1',
    [name],
  );
  const rows: Array<{ value: number }> = await em.query('SELECT value FROM sequence WHERE name = ?', [name]);
  return rows[0].value;
}

/** Accepts what a person types or a scanner sends: "R-000123", "r123", "123". */
export function parseTicketNumber(input: string, prefix: string, digits: number): string | null {
  const m = /^\s*([A-Za-z]*-?)?0*(\d{1,12})\s*$/.exec(input);
  if (!m) return null;
  const given = (m[1] ?? '').toUpperCase();
  if (given && given.replace('-', '') !== prefix.toUpperCase().replace('-', '')) return null;
  return formatTicketNumber(prefix, digits, Number(m[2]));
}
