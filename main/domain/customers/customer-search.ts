import type { EntityManager } from 'typeorm';
import type { CustomerSummary } from '../../api/contract';
import { phoneDigits } from '../../api/schemas/common';
import { pgPreparedAll, sqlOf } from '../../db/sql';
import { likePattern } from '../knowledge/kb-text';
import {
  customerSummaries,
  rankedSummarySql,
  toCustomerSummary,
  type CustomerSummaryRow,
} from './customer-summaries';
import { normalizeName, prefixEnd, queryDigits } from './normalize';

/**
 * Finds customer ids for what counter staff type: phone digits (start or end of the number)
 * or a name. SQLite answers substrings with an FTS5 trigram index; the PostgreSQL twin is a
 * pg_trgm GIN index on name and email (`ILIKE '%q%'`) with the same interface.
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
 * index holds them; substrings are `ILIKE '%text%'` (trigram GIN index customer_trgm, or the
 * primary key walked in id order when matches are common), in id order as FTS5 returns them.
 *
 * Both steps go in ONE statement (one round trip instead of two: on a busy server each round
 * trip waits for the backend to be scheduled, which cost more than the SQL). The second step
 * sits under a one-time filter on the first's row count, so PostgreSQL runs it only when the
 * first left the page short, as the SQLite code decides between its two statements.
 */
export const pgCustomerSearch: CustomerTextSearch = {
  async findIds(em, q, limit) {
    const [sql, params] = pgLookupPage(q, limit);
    return (await sqlOf(em).all<{ id: number }>(sql, ...params)).map((r) => r.id);
  },
};

/** The first `limit` customers whose `col` starts with `key` as (id, ord). Ties (two customers
 * named alike) by id as SQLite's (key, rowid) index has them; the first `limit` keys bound the
 * range first, so the sort never sees more than the page. */
const prefixPage = (col: string, key: string, limit: number): [string, unknown[]] => [
  `SELECT id, row_number() OVER (ORDER BY ${col} COLLATE "C", id) AS ord FROM customer
   WHERE ${col} COLLATE "C" >= ? AND ${col} COLLATE "C" <= (
     SELECT max(k) FROM (SELECT ${col} COLLATE "C" AS k FROM customer
       WHERE ${col} COLLATE "C" >= ? AND ${col} COLLATE "C" < ? ORDER BY ${col} COLLATE "C" LIMIT ?) page)
   ORDER BY ${col} COLLATE "C", id LIMIT ?`,
  [key, key, prefixEnd(key), limit, limit],
];

/**
 * The lookup's page as one statement yielding (id, rn), in rn order: the two steps' rows in
 * their order, each customer once (where it first shows), the first `limit` — what the SQLite
 * code's loop keeps. A statement of its own (findIds), or the inside of customerPage's, so the
 * page and what the lookup box shows of it come back in one round trip.
 */
export function pgLookupPage(q: string, limit: number): [string, unknown[]] {
  let first: [string, unknown[]];
  let second: [string, unknown[]] | null = null;
  if (looksLikePhone(q)) {
    const digits = queryDigits(q);
    first = prefixPage('phone_digits', digits, limit);
    second = prefixPage('phone_rev', [...digits].reverse().join(''), limit);
  } else {
    const norm = normalizeName(q);
    first = prefixPage('name_norm', norm, limit);
    if ([...norm].length >= 3) {
      const like = likePattern(q.trim());
      second = [
        'SELECT id, 0 AS ord FROM customer WHERE name ILIKE ? OR email ILIKE ? ORDER BY id LIMIT ?',
        [like, like, limit * 2],
      ];
    }
  }
  // one step: its ids are distinct and at most `limit`
  if (!second) return [`SELECT id, ord AS rn FROM (${first[0]}) one ORDER BY ord`, first[1]];
  return [
    `SELECT id, min(rn) AS rn FROM (
       WITH one AS MATERIALIZED (${first[0]})
       SELECT id, row_number() OVER (ORDER BY step, ord, id) AS rn FROM (
         SELECT 1 AS step, id, ord FROM one
         UNION ALL
         SELECT 2, id, ord FROM (${second[0]}) two WHERE (SELECT count(*) FROM one) < ?) steps
     ) hits GROUP BY id ORDER BY min(rn) LIMIT ?`,
    [...first[1], ...second[1], limit, limit],
  ];
}

/** What the lookup box shows for `q`: the page's customers with their visit counts. On
 * PostgreSQL one statement (page and summaries), on SQLite the page, then its summaries. */
export async function customerPage(
  em: EntityManager,
  q: string,
  limit: number,
): Promise<CustomerSummary[]> {
  if (em.connection.options.type !== 'postgres')
    return customerSummaries(em, await sqliteCustomerSearch.findIds(em, q, limit));
  const [page, params] = pgLookupPage(q, limit);
  const rows = await pgPreparedAll<CustomerSummaryRow>(em, rankedSummarySql(page), params);
  return rows.map(toCustomerSummary);
}

/** The customer search of `em`'s engine. */
export const customerSearchFor = (em: EntityManager): CustomerTextSearch =>
  em.connection.options.type === 'postgres' ? pgCustomerSearch : sqliteCustomerSearch;

/** Either engine's, chosen per call by the manager it is given. */
export const customerSearch: CustomerTextSearch = {
  findIds: (em, q, limit) => customerSearchFor(em).findIds(em, q, limit),
};
