import type BetterSqlite3 from 'better-sqlite3';
import type { EntityManager } from 'typeorm';

/**
 * The app's own SQL on the bare better-sqlite3 handle: an `EntityManager` stand-in whose only
 * method is `query`, backed by cached prepared statements. Report code that reads through
 * `em.query` runs unchanged on it, so a `raw` baseline does exactly the app's statements,
 * minus TypeORM and the dispatcher (validation, session, audit), which is what it measures.
 * Code that reads through `sqlOf(em)` finds the same handle behind `connection`.
 */
export function rawQueryManager(db: BetterSqlite3.Database): EntityManager {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const query = async (sql: string, params: unknown[] = []) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare(sql)));
    return st.reader ? st.all(...params) : st.run(...params);
  };
  const connection = { options: { type: 'better-sqlite3' }, driver: { databaseConnection: db } };
  return { query, connection } as unknown as EntityManager;
}
