/**
 * The portable DDL of a migration as PostgreSQL writes it. Our `sql` lists are spelled for
 * SQLite; the only spelling PostgreSQL refuses is the rowid alias `INTEGER PRIMARY KEY
 * AUTOINCREMENT`, which becomes `SERIAL PRIMARY KEY` (an integer with its own sequence: what
 * TypeORM's `@PrimaryGeneratedColumn()` expects). Everything else (BIGINT epoch-ms, VARCHAR,
 * TEXT, REAL, CHECK, expression and partial indexes) means the same on both engines.
 *
 * FROZEN: a PostgreSQL checksum covers the statements this returns, so changing this function
 * refuses every PostgreSQL shop (MIGRATION_EDITED). Add a new function for new migrations.
 */
export const pgDdl = (statements: readonly string[]): string[] =>
  statements.map((s) => s.replace(/INTEGER PRIMARY KEY AUTOINCREMENT/g, 'SERIAL PRIMARY KEY'));

/**
 * SQLite's `BEFORE UPDATE/DELETE … RAISE(ABORT, message)` pair as one PL/pgSQL function and its
 * triggers, with the same message. PostgreSQL also has TRUNCATE, which skips row triggers: it is
 * refused too. FROZEN like `pgDdl`.
 */
export const pgRefuse = (name: string, table: string, events: string, message: string) => [
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION '${message}'; END $$`,
  `CREATE TRIGGER ${name} BEFORE ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  ...(events.includes('DELETE')
    ? [`CREATE TRIGGER ${name}_truncate BEFORE TRUNCATE ON ${table} EXECUTE FUNCTION ${name}()`]
    : []),
];
