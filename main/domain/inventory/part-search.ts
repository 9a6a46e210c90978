import { modelKey } from './part-rows';
import type { Sql } from '../../db/sql';

/**
 * Finds part ids for what staff type or scan: exact barcode or SKU, SKU prefix, or any 3+
 * character piece of SKU, name (Chinese too) or compatible model. SQLite answers substrings
 * with an FTS5 trigram index; the PostgreSQL twin is a pg_trgm GIN index with the same interface.
 */
export interface PartTextSearch {
  findIds(db: Sql, q: string, limit: number, opts?: { activeOnly?: boolean }): Promise<number[]>;
  count(db: Sql, q: string): Promise<number>;
}

const ftsPhrase = (q: string) => `"${q.replace(/"/g, '""')}"`;
const prefixEnd = (s: string) =>
  s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);

export const sqlitePartSearch: PartTextSearch = {
  async findIds(db, q, limit) {
    const text = q.trim();
    const ids: number[] = [];
    const add = (rows: Array<{ id: number }>) => {
      for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
    };
    add(await db.all('SELECT part_id AS id FROM part_barcode WHERE code = ?', text));
    add(
      await db.all(
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
          await db.all('SELECT part_id AS id FROM part_model WHERE model_norm = ? LIMIT ?', key, limit),
        );
    }
    if (ids.length < limit && [...text].length >= 3) {
      add(
        await db.all(
          'SELECT rowid AS id FROM part_fts WHERE part_fts MATCH ? ORDER BY rank LIMIT ?',
          ftsPhrase(text),
          limit * 2,
        ),
      );
    }
    // Two-character Chinese words (电池, 屏幕) are too short for trigrams: scan the names.
    if (ids.length < limit && [...text].length < 3 && /[\u0080-\uffff]/.test(text)) {
      add(await db.all('SELECT id FROM part WHERE name LIKE ? ORDER BY sku LIMIT ?', `%${text}%`, limit));
    }
    return ids;
  },
  async count(db, q) {
    const text = q.trim();
    if ([...text].length < 3) return (await this.findIds(db, q, 1000)).length;
    const n =
      (await db.get<{ n: number }>(
        'SELECT count(*) AS n FROM part_fts WHERE part_fts MATCH ?',
        ftsPhrase(text),
      ))?.n ?? 0;
    return Math.max(n, (await this.findIds(db, q, 1)).length);
  },
};
