import type { EntityManager } from 'typeorm';
import { ftsPhrase, likePattern, looseQuery, modelKey, searchTerms } from './kb-text';

/**
 * Finds knowledge articles and past repairs. SQLite answers with FTS5 trigram indexes
 * (kb_fts, ticket_fix_fts); the PostgreSQL twin is pg_trgm GIN indexes on the same columns
 * (`ILIKE '%term%'` plus similarity() for ranking) behind this interface.
 */
export interface KbTextSearch {
  /** Article ids for a search box: every term must match; best first. */
  search(em: EntityManager, q: string, limit: number): Promise<number[]>;
  /** Article ids sharing most of a free text (a problem description); best first. */
  similar(em: EntityManager, text: string, limit: number): Promise<number[]>;
  /** Ticket ids of past repairs with a diagnosis, by model and problem text; best first. */
  similarTickets(
    em: EntityManager,
    model: string | null,
    text: string,
    limit: number,
  ): Promise<number[]>;
}

const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);
/** Title and model hits weigh most, then symptoms, tags; cause and steps least. */
const KB_RANK = 'bm25(kb_fts, 6.0, 3.0, 1.0, 1.0, 4.0, 2.0)';
const SHORT_LIKE = `(a.title LIKE ? ESCAPE '\\' OR a.symptoms LIKE ? ESCAPE '\\' OR a.tags LIKE ? ESCAPE '\\' OR a.models LIKE ? ESCAPE '\\')`;

export const sqliteKbSearch: KbTextSearch = {
  async search(em, q, limit) {
    const { long, short } = searchTerms(q);
    const shortWhere = short.map(() => SHORT_LIKE);
    const shortParams = short.flatMap((t) => Array(4).fill(likePattern(t)) as string[]);
    if (long.length) {
      return ids(
        await em.query(
          `SELECT a.id FROM kb_fts JOIN kb_article a ON a.id = kb_fts.rowid
           WHERE kb_fts MATCH ? ${shortWhere.map((w) => `AND ${w}`).join(' ')}
           ORDER BY ${KB_RANK} LIMIT ?`,
          [long.map(ftsPhrase).join(' AND '), ...shortParams, limit],
        ),
      );
    }
    // Only short terms (or nothing): a scan of the article table, newest first. Articles number
    // in the thousands, so this stays within a few milliseconds.
    return ids(
      await em.query(
        `SELECT a.id FROM kb_article a ${shortWhere.length ? `WHERE ${shortWhere.join(' AND ')}` : ''}
         ORDER BY a.updated_at DESC LIMIT ?`,
        [...shortParams, limit],
      ),
    );
  },

  async similar(em, text, limit) {
    const match = looseQuery(text);
    if (!match) return [];
    return ids(
      await em.query(
        `SELECT rowid AS id FROM kb_fts WHERE kb_fts MATCH ? ORDER BY ${KB_RANK} LIMIT ?`,
        [match, limit],
      ),
    );
  },

  async similarTickets(em, model, text, limit) {
    const loose = looseQuery(text);
    const modelTerm =
      model && [...modelKey(model)].length >= 3 ? `model : ${ftsPhrase(modelKey(model))}` : null;
    const run = async (match: string) =>
      ids(
        await em.query(
          'SELECT rowid AS id FROM ticket_fix_fts WHERE ticket_fix_fts MATCH ? ORDER BY bm25(ticket_fix_fts, 2.0, 3.0, 1.0) LIMIT ?',
          [match, limit],
        ),
      );
    if (modelTerm && loose) {
      const both = await run(`${modelTerm} AND (${loose})`);
      if (both.length) return both;
    }
    if (loose) return run(loose);
    return modelTerm ? run(modelTerm) : [];
  },
};

/** Article ids that name one of these models, newest first. */
export async function articlesForModels(
  em: EntityManager,
  models: string[],
  limit: number,
): Promise<number[]> {
  const keys = [...new Set(models.map(modelKey).filter(Boolean))];
  if (!keys.length) return [];
  return ids(
    await em.query(
      `SELECT m.article_id AS id FROM kb_article_model m JOIN kb_article a ON a.id = m.article_id
       WHERE m.model_norm IN (${keys.map(() => '?').join(',')})
       GROUP BY m.article_id ORDER BY max(a.updated_at) DESC LIMIT ?`,
      [...keys, limit],
    ),
  );
}
