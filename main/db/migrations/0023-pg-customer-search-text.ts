import type { Migration } from './types';

/**
 * PostgreSQL-only: the lookup box's substring step reads one lower-cased column instead of
 * `name ILIKE ? OR email ILIKE ?` (issue 14, customer.lookup p95). When a substring is common
 * ("Mart", "Jones") the step walks the primary key in id order until it has its page, and the
 * cost is the predicate per row: ILIKE lower-cases both sides of every row it looks at
 * (~350 ns a row for the two columns at 1M tickets), a plain LIKE on text lower-cased once at
 * write time costs about a fifth. `lower()` is what ILIKE applies, so the answers are the same.
 * The name and the email are joined by a newline, which a search that contains none cannot
 * match across (customer-search.ts rechecks the rare query that does).
 * The trigram index moves to the new column (pg_trgm folds case itself: the same trigrams).
 * SQLite runs nothing: its FTS5 trigram table answers the step.
 */
export const m0023: Migration = {
  id: 23,
  name: 'pg-customer-search-text',
  sql: [],
  postgres: [
    `ALTER TABLE customer ADD COLUMN search_text text
       GENERATED ALWAYS AS (lower(name) || E'\\n' || lower(coalesce(email, ''))) STORED`,
    `DROP INDEX customer_trgm`,
    `CREATE INDEX customer_trgm ON customer USING gin (search_text gin_trgm_ops)`,
    // The planner's choice (walk ids, or the trigram index) needs the new column's statistics
    // now: without them it guessed 107 rows for '%johnso%' (1,592 at 1M tickets) and fetched
    // 1,418 heap pages through the index (21 ms) instead of walking 8,700 ids (1.4 ms).
    `ANALYZE customer`,
  ],
};
