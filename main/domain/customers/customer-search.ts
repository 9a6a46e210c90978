import type { EntityManager } from 'typeorm';
import { phoneDigits } from '../../api/schemas/common';
import { normalizeName, prefixEnd, queryDigits } from './normalize';

/**
 * Finds customer ids for what counter staff type: phone digits (start or end of the number)
 * or a name. SQLite answers substrings with an FTS5 trigram index; the PostgreSQL twin is a
 * pg_trgm GIN index on name (`name ILIKE '%q%'`) with the same interface.
 */
export interface CustomerTextSearch {
  findIds(em: EntityManager, q: string, limit: number): Promise<number[]>;
}

const looksLikePhone = (q: string) => /^[+\d\s\-().]+$/.test(q) && phoneDigits(q).length >= 3;

/** FTS5 query syntax is not for end users: quote the text as one phrase. */
const ftsPhrase = (q: string) => `"${q.replace(/"/g, '""')}"`;

export const sqliteCustomerSearch: CustomerTextSearch = {
  async findIds(em, q, limit) {
    const ids: number[] = [];
    const add = (rows: Array<{ id: number }>) => {
      for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
    };
    if (looksLikePhone(q)) {
      const digits = queryDigits(q);
      const rev = [...digits].reverse().join('');
      add(
        await em.query(
          'SELECT id FROM customer WHERE phone_digits >= ? AND phone_digits < ? ORDER BY phone_digits LIMIT ?',
          [digits, prefixEnd(digits), limit],
        ),
      );
      if (ids.length < limit) {
        add(
          await em.query(
            'SELECT id FROM customer WHERE phone_rev >= ? AND phone_rev < ? ORDER BY phone_rev LIMIT ?',
            [rev, prefixEnd(rev), limit],
          ),
        );
      }
      return ids;
    }
    const norm = normalizeName(q);
    add(
      await em.query(
        'SELECT id FROM customer WHERE name_norm >= ? AND name_norm < ? ORDER BY name_norm LIMIT ?',
        [norm, prefixEnd(norm), limit],
      ),
    );
    if (ids.length < limit && [...norm].length >= 3) {
      add(
        await em.query('SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?', [
          ftsPhrase(q.trim()),
          limit * 2,
        ]),
      );
    }
    return ids;
  },
};
