import type BetterSqlite3 from 'better-sqlite3';

/** Synchronous statements on the shop's one connection (the same one TypeORM uses, so they
 * join the dispatcher's transaction). Prepared statements are cached per database. */
export interface Q {
  all<T>(sql: string, ...params: unknown[]): T[];
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  run(sql: string, ...params: unknown[]): { changes: number; id: number };
  iterate<T>(sql: string, ...params: unknown[]): IterableIterator<T>;
}

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function q(db: BetterSqlite3.Database): Q {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const c = cache;
  const st = (sql: string) => {
    let s = c.get(sql);
    if (!s) c.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    all: <T>(sql: string, ...p: unknown[]) => st(sql).all(...p) as T[],
    get: <T>(sql: string, ...p: unknown[]) => st(sql).get(...p) as T | undefined,
    run: (sql: string, ...p: unknown[]) => {
      const r = st(sql).run(...p);
      return { changes: r.changes, id: Number(r.lastInsertRowid) };
    },
    iterate: <T>(sql: string, ...p: unknown[]) => st(sql).iterate(...p) as IterableIterator<T>,
  };
}

export const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
