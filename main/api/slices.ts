import Database from 'better-sqlite3';

/** How long one piece of long work may hold the event loop before it lets others run. */
export const SLICE_MS = 4;

/**
 * Returns `pace()`: cheap to call after every row; once `budgetMs` have passed since the last
 * pause it waits one turn of the event loop (setImmediate: timers, I/O and queued calls run),
 * so long work never blocks the app for more than about one budget.
 */
export function pacer(budgetMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

/**
 * A private read-only connection to the shop's file, for long reads outside the dispatcher's
 * queue: WAL lets it read beside the app's connection, and `snapshot` pins one consistent view
 * (a read transaction) until the caller closes it.
 */
export function openReader(file: string, opts: { snapshot?: boolean } = {}): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('cache_size = -16000');
  if (opts.snapshot) {
    db.exec('BEGIN');
    // A read transaction starts at its first read: take the snapshot now.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  }
  return db;
}

export function closeReader(db: Database.Database): void {
  if (db.inTransaction) db.exec('COMMIT');
  db.close();
}
