import type { EntityManager } from 'typeorm';
import { sqlOf } from '../../db/sql';
import { ftsPhrase, likePattern, looseQuery, looseTerms, modelKey, searchTerms } from './kb-text';

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
    await sqlOf(em).all(
      `SELECT m.article_id AS id FROM kb_article_model m JOIN kb_article a ON a.id = m.article_id
       WHERE m.model_norm IN (${keys.map(() => '?').join(',')})
       GROUP BY m.article_id ORDER BY max(a.updated_at) DESC LIMIT ?`,
      ...keys,
      limit,
    ),
  );
}

/**
 * PostgreSQL: the same matching on the trigram GIN indexes (kb_article_trgm,
 * ticket_fix_text_trgm): a term matches a column when it is a substring of it, case-insensitive,
 * as an FTS5 trigram phrase does. Ranking differs: bm25 (term rarity, frequency, length) is not
 * available, so a document scores the column weights of every term it matches (the same weights
 * as bm25's); among equals the shorter document first (bm25 favours it too), then by id. The same documents are found; their order can differ among near-equals.
 */
const KB_COLUMNS: ReadonlyArray<[string, number]> = [
  ['title', 6],
  ['symptoms', 3],
  ['cause', 1],
  ['steps', 1],
  ['models', 4],
  ['tags', 2],
];
const FIX_COLUMNS: ReadonlyArray<[string, number]> = [
  ['model', 2],
  ['problem', 3],
  ['cause', 1],
];

/** `term` in any of `columns`: the SQL and its parameters. */
const anyColumn = (columns: ReadonlyArray<[string, number]>, term: string) => ({
  sql: `(${columns.map(([c]) => `${c} ILIKE ?`).join(' OR ')})`,
  params: columns.map(() => likePattern(term)),
});
/** The weighted count of matched terms, bm25's stand-in. */
const score = (columns: ReadonlyArray<[string, number]>, terms: string[]) => ({
  sql: terms.length
    ? terms
        .flatMap(() => columns.map(([c, w]) => `(CASE WHEN ${c} ILIKE ? THEN ${w} ELSE 0 END)`))
        .join(' + ')
    : '0',
  params: terms.flatMap((t) => columns.map(() => likePattern(t))),
});
const KB_LENGTH = `length(a.title) + length(a.symptoms) + length(a.cause) + length(a.steps)
  + length(a.models) + length(a.tags)`;
const FIX_LENGTH = 'length(model) + length(problem) + length(cause)';
const PG_SHORT = `(a.title ILIKE ? OR a.symptoms ILIKE ? OR a.tags ILIKE ? OR a.models ILIKE ?)`;

export const pgKbSearch: KbTextSearch = {
  async search(em, q, limit) {
    const sql = sqlOf(em);
    const { long, short } = searchTerms(q);
    const where = [...long.map((t) => anyColumn(KB_COLUMNS, t))];
    for (const t of short) where.push({ sql: PG_SHORT, params: Array(4).fill(likePattern(t)) });
    const w = where.length ? `WHERE ${where.map((x) => x.sql).join(' AND ')}` : '';
    const params = where.flatMap((x) => x.params);
    if (long.length) {
      const rank = score(KB_COLUMNS, long);
      return ids(
        await sql.all(
          `SELECT a.id FROM kb_article a ${w} ORDER BY ${rank.sql} DESC, ${KB_LENGTH}, a.id LIMIT ?`,
          ...params,
          ...rank.params,
          limit,
        ),
      );
    }
    return ids(
      await sql.all(
        `SELECT a.id FROM kb_article a ${w} ORDER BY a.updated_at DESC LIMIT ?`,
        ...params,
        limit,
      ),
    );
  },

  async similar(em, text, limit) {
    const terms = looseTerms(text);
    if (!terms.length) return [];
    const any = terms.map((t) => anyColumn(KB_COLUMNS, t));
    const rank = score(KB_COLUMNS, terms);
    return ids(
      await sqlOf(em).all(
        `SELECT a.id FROM kb_article a WHERE ${any.map((x) => x.sql).join(' OR ')}
         ORDER BY ${rank.sql} DESC, ${KB_LENGTH}, a.id LIMIT ?`,
        ...any.flatMap((x) => x.params),
        ...rank.params,
        limit,
      ),
    );
  },

  async similarTickets(em, model, text, limit) {
    const sql = sqlOf(em);
    const terms = looseTerms(text);
    const key = model ? modelKey(model) : '';
    const byModel =
      [...key].length >= 3 ? { sql: 'model ILIKE ?', params: [likePattern(key)] } : null;
    const run = async (conds: Array<{ sql: string; params: string[] }>, rankTerms: string[]) => {
      const rank = score(FIX_COLUMNS, rankTerms);
      return ids(
        await sql.all(
          `SELECT ticket_id AS id FROM ticket_fix_text WHERE ${conds.map((c) => c.sql).join(' AND ')}
           ORDER BY ${rank.sql} DESC, ${FIX_LENGTH}, ticket_id LIMIT ?`,
          ...conds.flatMap((c) => c.params),
          ...rank.params,
          limit,
        ),
      );
    };
    const loose = terms.length
      ? (() => {
          const any = terms.map((t) => anyColumn(FIX_COLUMNS, t));
          return {
            sql: `(${any.map((x) => x.sql).join(' OR ')})`,
            params: any.flatMap((x) => x.params),
          };
        })()
      : null;
    if (byModel && loose) {
      const both = await run([byModel, loose], [key, ...terms]);
      if (both.length) return both;
    }
    if (loose) return run([loose], terms);
    return byModel ? run([byModel], [key]) : [];
  },
};

/** The knowledge search of `em`'s engine. */
export const kbSearchFor = (em: EntityManager): KbTextSearch =>
  em.connection.options.type === 'postgres' ? pgKbSearch : sqliteKbSearch;

/** Either engine's, chosen per call by the manager it is given. */
export const kbSearch: KbTextSearch = {
  search: (em, q, limit) => kbSearchFor(em).search(em, q, limit),
  similar: (em, text, limit) => kbSearchFor(em).similar(em, text, limit),
  similarTickets: (em, model, text, limit) =>
    kbSearchFor(em).similarTickets(em, model, text, limit),
};
