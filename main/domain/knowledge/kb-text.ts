import { normalizeName } from '../customers/normalize';

/**
 * Turns what people type into FTS5 trigram terms. Latin words and runs of Chinese characters
 * of 3+ characters become quoted phrases (FTS5 syntax is not for end users); shorter ones
 * (Chinese symptoms are often two characters: 黑屏, 进水) cannot use a trigram index and are
 * returned apart, for a LIKE filter.
 */
export interface SearchTerms {
  long: string[];
  short: string[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+(?:[.'+-][\p{L}\p{N}]+)*/gu;

export function searchTerms(text: string, max = 12): SearchTerms {
  const long: string[] = [];
  const short: string[] = [];
  for (const token of normalizeName(text).match(TOKEN) ?? []) {
    const list = [...token].length >= 3 ? long : short;
    if (!list.includes(token)) list.push(token);
  }
  return { long: long.slice(0, max), short: short.slice(0, max) };
}

export const ftsPhrase = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * For free text (a problem description): every Latin word, and every 3-character window of a
 * Chinese run, OR-ed, so bm25 ranks the documents sharing most of the text first.
 */
export function looseQuery(text: string, max = 24): string | null {
  const grams = looseTerms(text, max);
  return grams.length ? grams.map(ftsPhrase).join(' OR ') : null;
}

/** The terms of `looseQuery`, unquoted (PostgreSQL matches each with ILIKE). */
export function looseTerms(text: string, max = 24): string[] {
  const grams: string[] = [];
  for (const token of normalizeName(text).match(TOKEN) ?? []) {
    const chars = [...token];
    if (CJK.test(token) && chars.length > 3) {
      for (let i = 0; i + 3 <= chars.length; i++) grams.push(chars.slice(i, i + 3).join(''));
    } else if (chars.length >= 3) grams.push(token);
  }
  return [...new Set(grams)].slice(0, max);
}

/** Models compare case- and width-insensitively: "iPhone 13" = "IPHONE 13". */
export const modelKey = (model: string) => normalizeName(model);

/** LIKE patterns need their wildcards escaped (ESCAPE '\'). */
export const likePattern = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
