import path from 'node:path';
import { DB_FILE, type DatabaseTarget } from '../db/engine';

/** The data folder's own SQLite file: where the seeders write, on either engine. */
export const sqliteTarget = (dataDir: string): DatabaseTarget => ({
  engine: 'sqlite',
  file: path.join(dataDir, DB_FILE),
});
