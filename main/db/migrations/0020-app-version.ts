import type { Migration } from './types';

/**
 * Several stations on one PostgreSQL database may run different app versions. `app_version`
 * keeps, per key, one row the stations read:
 * - 'migrated': the app version (and its schema level, the highest migration id it knows) that
 *   last migrated this database. A station older than it refuses to write ("update this PC").
 * - 'upgrade': a newer station announced that it is about to migrate the shared database (an
 *   admin confirmed it); the other stations show "update this PC" from then on.
 * Portable DDL: the same body on both engines.
 */
export const m0020: Migration = {
  id: 20,
  name: 'app-version',
  sql: [
    `CREATE TABLE app_version (
      key VARCHAR(20) PRIMARY KEY,
      app_version VARCHAR(40) NOT NULL,
      schema_level INTEGER NOT NULL,
      station VARCHAR(120),
      recorded_at BIGINT NOT NULL
    )`,
    `CREATE TABLE shop_key (
      id INTEGER PRIMARY KEY,
      wrapped TEXT NOT NULL,
      created_at BIGINT NOT NULL
    )`,
  ],
};
