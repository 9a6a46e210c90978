import type { EntityManager } from 'typeorm';
import { phoneDigits } from '../../api/schemas/common';
import { sqlOf } from '../../db/sql';
import { likePattern } from '../knowledge/kb-text';
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

/**
 * PostgreSQL: the same steps and order. The prefix keys compare in code-point order (`COLLATE
 * "C"`, as their indexes are built, migration 0001) like SQLite's BINARY, ties by id as SQLite's
 * index holds them; substrings are `ILIKE '%text%'` on the trigram GIN index (customer_trgm),
 * in id order as FTS5 returns them.
 */
export const pgCustomerSearch: CustomerTextSearch = {
  async findIds(em, q, limit) {
    const sql = sqlOf(em);
    const ids: number[] = [];
    const add = (rows: Array<{ id: number }>) => {
      for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
    };
    // Ties (two customers named alike) by id as SQLite's (key, rowid) index has them; the
    // first `limit` keys bound the range first, so the sort never sees more than the page.
    const byPrefix = (col: string, key: string) =>
      sql.all<{ id: number }>(
        `WITH page AS (SELECT ${col} COLLATE "C" AS k FROM customer
           WHERE ${col} COLLATE "C" >= ? AND ${col} COLLATE "C" < ? ORDER BY ${col} COLLATE "C" LIMIT ?)
         SELECT id FROM customer
         WHERE ${col} COLLATE "C" >= ? AND ${col} COLLATE "C" <= (SELECT max(k) FROM page)
         ORDER BY ${col} COLLATE "C", id LIMIT ?`,
        key,
        prefixEnd(key),
        limit,
        key,
        limit,
      );
    if (looksLikePhone(q)) {
      const digits = queryDigits(q);
      add(await byPrefix('phone_digits', digits));
      if (ids.length < limit) add(await byPrefix('phone_rev', [...digits].reverse().join('')));
      return ids;
    }
    const norm = normalizeName(q);
    add(await byPrefix('name_norm', norm));
    if (ids.length < limit && [...norm].length >= 3) {
      const like = likePattern(q.trim());
      add(
        await sql.all<{ id: number }>(
          'SELECT id FROM customer WHERE name ILIKE ? OR email ILIKE ? ORDER BY id LIMIT ?',
          like,
          like,
          limit * 2,
        ),
      );
    }
    return ids;
  },
};

/** The customer search of `em`'s engine. */
export const customerSearchFor = (em: EntityManager): CustomerTextSearch =>
  em.connection.options.type === 'postgres' ? pgCustomerSearch : sqliteCustomerSearch;

/** Either engine's, chosen per call by the manager it is given. */
export const customerSearch: CustomerTextSearch = {
  findIds: (em, q, limit) => customerSearchFor(em).findIds(em, q, limit),
};
