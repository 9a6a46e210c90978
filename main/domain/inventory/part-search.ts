import type { Sql } from '../../db/sql';
import { likePattern } from '../knowledge/kb-text';
import { modelKey } from './part-rows';
import type { Q } from './sql';

/**
 * Finds part ids for what staff type or scan: exact barcode or SKU, SKU prefix, or any 3+
 * character piece of SKU, name (Chinese too) or compatible model. SQLite answers substrings
 * with an FTS5 trigram index; the PostgreSQL twin is a pg_trgm GIN index with the same interface.
 */
export interface PartTextSearch {
  findIds(db: Q, q: string, limit: number, opts?: { activeOnly?: boolean }): number[];
  count(db: Q, q: string): number;
}

const ftsPhrase = (q: string) => `"${q.replace(/"/g, '""')}"`;
const prefixEnd = (s: string) =>
  s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);

export const sqlitePartSearch: PartTextSearch = {
  findIds(db, q, limit) {
    const text = q.trim();
    const ids: number[] = [];
    const add = (rows: Array<{ id: number }>) => {
      for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
    };
    add(db.all('SELECT part_id AS id FROM part_barcode WHERE code = ?', text));
    add(
      db.all(
        'SELECT id FROM part WHERE sku >= ? AND sku < ? ORDER BY sku LIMIT ?',
        text.toUpperCase(),
        prefixEnd(text.toUpperCase()),
        limit,
      ),
    );
    if (ids.length < limit) {
      const key = modelKey(text);
      if (key)
        add(
          db.all('SELECT part_id AS id FROM part_model WHERE model_norm = ? LIMIT ?', key, limit),
        );
    }
    if (ids.length < limit && [...text].length >= 3) {
      add(
        db.all(
          'SELECT rowid AS id FROM part_fts WHERE part_fts MATCH ? ORDER BY rank LIMIT ?',
          ftsPhrase(text),
          limit * 2,
        ),
      );
    }
    // Two-character Chinese words (电池, 屏幕) are too short for trigrams: scan the names.
    if (ids.length < limit && [...text].length < 3 && /[\u0080-\uffff]/.test(text)) {
      add(
        db.all(
          "SELECT id FROM part WHERE name LIKE '%' || ? || '%' ORDER BY sku LIMIT ?",
          text,
          limit,
        ),
      );
    }
    return ids;
  },
  count(db, q) {
    const text = q.trim();
    if ([...text].length < 3) return this.findIds(db, q, 1000).length;
    const n =
      db.get<{ n: number }>(
        'SELECT count(*) AS n FROM part_fts WHERE part_fts MATCH ?',
        ftsPhrase(text),
      )?.n ?? 0;
    return Math.max(n, this.findIds(db, q, 1).length);
  },
};

/**
 * The same search on either engine, asynchronous over `Sql` (what callers get from
 * `sqlOf(em)`): SQLite runs exactly the statements above; PostgreSQL compares SKUs in code-point
 * order (`COLLATE "C"`, index part_sku_c) and finds substrings with `ILIKE '%text%'` on the
 * trigram GIN index part_trgm. FTS5's bm25 rank is not available there: trigram hits come by the
 * number of columns they match, then SKU. The same parts are found.
 */
export interface PartSearch {
  findIds(sql: Sql, q: string, limit: number): Promise<number[]>;
  count(sql: Sql, q: string): Promise<number>;
}

interface PartDialect {
  skuPrefix: string;
  /** Ids of 3+ character substring hits, best first; `?` = the text, then the limit. */
  substring(text: string): { sql: string; params: unknown[] };
  substringCount(text: string): { sql: string; params: unknown[] };
  shortName: string;
}

const sqliteDialect: PartDialect = {
  skuPrefix: 'SELECT id FROM part WHERE sku >= ? AND sku < ? ORDER BY sku LIMIT ?',
  substring: (text) => ({
    sql: 'SELECT rowid AS id FROM part_fts WHERE part_fts MATCH ? ORDER BY rank LIMIT ?',
    params: [ftsPhrase(text)],
  }),
  substringCount: (text) => ({
    sql: 'SELECT count(*) AS n FROM part_fts WHERE part_fts MATCH ?',
    params: [ftsPhrase(text)],
  }),
  shortName: "SELECT id FROM part WHERE name LIKE '%' || ? || '%' ORDER BY sku LIMIT ?",
};

const PG_HIT = '(sku ILIKE ? OR name ILIKE ? OR models ILIKE ?)';
const pgDialect: PartDialect = {
  skuPrefix: `SELECT id FROM part WHERE sku COLLATE "C" >= ? AND sku COLLATE "C" < ?
    ORDER BY sku COLLATE "C" LIMIT ?`,
  substring: (text) => ({
    sql: `SELECT id FROM part WHERE ${PG_HIT} ORDER BY
      (CASE WHEN sku ILIKE ? THEN 1 ELSE 0 END) + (CASE WHEN name ILIKE ? THEN 1 ELSE 0 END)
      + (CASE WHEN models ILIKE ? THEN 1 ELSE 0 END) DESC, sku COLLATE "C" LIMIT ?`,
    params: Array(6).fill(likePattern(text)),
  }),
  substringCount: (text) => ({
    sql: `SELECT count(*)::int AS n FROM part WHERE ${PG_HIT}`,
    params: Array(3).fill(likePattern(text)),
  }),
  shortName: `SELECT id FROM part WHERE name ILIKE '%' || ? || '%' ORDER BY sku COLLATE "C" LIMIT ?`,
};

function partSearchIn(d: PartDialect): PartSearch {
  return {
    async findIds(sql, q, limit) {
      const text = q.trim();
      const ids: number[] = [];
      const add = (rows: Array<{ id: number }>) => {
        for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
      };
      add(await sql.all('SELECT part_id AS id FROM part_barcode WHERE code = ?', text));
      const sku = text.toUpperCase();
      add(await sql.all(d.skuPrefix, sku, prefixEnd(sku), limit));
      if (ids.length < limit) {
        const key = modelKey(text);
        if (key)
          add(
            await sql.all(
              'SELECT part_id AS id FROM part_model WHERE model_norm = ? LIMIT ?',
              key,
              limit,
            ),
          );
      }
      if (ids.length < limit && [...text].length >= 3) {
        const s = d.substring(text);
        add(await sql.all(s.sql, ...s.params, limit * 2));
      }
      // Two-character Chinese words (电池, 屏幕) are too short for trigrams: scan the names.
      if (ids.length < limit && [...text].length < 3 && /[\u0080-\uffff]/.test(text)) {
        add(await sql.all(d.shortName, text, limit));
      }
      return ids;
    },
    async count(sql, q) {
      const text = q.trim();
      if ([...text].length < 3) return (await this.findIds(sql, q, 1000)).length;
      const c = d.substringCount(text);
      const n = (await sql.get<{ n: number }>(c.sql, ...c.params))?.n ?? 0;
      return Math.max(n, (await this.findIds(sql, q, 1)).length);
    },
  };
}

export const sqlitePartSearchAsync = partSearchIn(sqliteDialect);
export const pgPartSearch = partSearchIn(pgDialect);

/** Either engine's, chosen per call by the `Sql` it is given. */
export const partSearch: PartSearch = {
  findIds: (sql, q, limit) =>
    (sql.engine === 'postgres' ? pgPartSearch : sqlitePartSearchAsync).findIds(sql, q, limit),
  count: (sql, q) =>
    (sql.engine === 'postgres' ? pgPartSearch : sqlitePartSearchAsync).count(sql, q),
};
