import type { DataSource } from 'typeorm';
import type { QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Differences between the entities and the schema the migrations built, column by column, as
 * TypeORM's own schema builder judges them (`driver.findChangedColumns`: type, length, default,
 * nullability, uniqueness, primary/generated). An entity that disagrees with its table writes
 * what the table refuses (an entity without the migration's default inserts NULL into a NOT NULL
 * column) or reads what is not there.
 *
 * Engine-neutral: each engine may add a `readerQuirks` entry for what its schema reader gets
 * wrong about DDL that is right (see SQLite's below), never for a real difference.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const quirks: Quirk = readerQuirks[dataSource.options.type] ?? (() => undefined);
  const runner = dataSource.createQueryRunner();
  const out: string[] = [];
  try {
    for (const meta of dataSource.entityMetadatas) {
      const table = await runner.getTable(meta.tablePath);
      if (!table) {
        out.push(`${meta.tableName}: table missing`);
        continue;
      }
      quirks(table, await tableSql(dataSource, meta.tableName), dataSource);
      for (const c of meta.columns) {
        if (!table.columns.some((t) => t.name === c.databaseName))
          out.push(`${meta.tableName}.${c.databaseName}: column missing in the database`);
      }
      for (const t of table.columns) {
        if (!meta.columns.some((c) => c.databaseName === t.name))
          out.push(`${meta.tableName}.${t.name}: column missing in the entity`);
      }
      const driver = dataSource.driver;
      for (const c of driver.findChangedColumns(table.columns, meta.columns)) {
        const t = table.columns.find((x) => x.name === c.databaseName);
        out.push(
          `${meta.tableName}.${c.databaseName}: database ${describe(t)} / entity ${JSON.stringify({
            type: driver.normalizeType(c),
            length: c.length || undefined,
            default: driver.normalizeDefault(c),
            nullable: c.isNullable,
            unique: driver.normalizeIsUnique(c),
          })}`,
        );
      }
    }
  } finally {
    await runner.release();
  }
  return out;
}

/**
 * What TypeORM's schema builder would change to make the database match the entities (columns,
 * indexes, unique constraints, foreign keys): its `upQueries`, empty when the migrations and the
 * entities describe the same schema. Tables are read through the engine's `readerQuirks` first.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const quirks = readerQuirks[dataSource.options.type];
  if (!quirks)
    return (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
  // The schema builder takes its own runner (SQLite hands out one shared runner, PostgreSQL a
  // new one each time): patch the runners it is given, only for this call.
  const create = dataSource.createQueryRunner.bind(dataSource);
  const patched = new Map<QueryRunner, QueryRunner['getTables']>();
  dataSource.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (patched.has(runner)) return runner;
    const getTables = runner.getTables.bind(runner);
    patched.set(runner, runner.getTables);
    runner.getTables = async (names?: Array<string | Table>) => {
      const tables = await getTables(names as string[] | undefined);
      for (const t of tables) quirks(t, await tableSql(dataSource, t.name), dataSource);
      return tables;
    };
    return runner;
  };
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return log.upQueries.map((q) => q.query);
  } finally {
    Reflect.deleteProperty(dataSource, 'createQueryRunner'); // back to the class's own
    for (const [runner, getTables] of patched) {
      runner.getTables = getTables;
      if (!runner.isReleased) await runner.release();
    }
  }
}

const describe = (t: TableColumn | undefined) =>
  JSON.stringify(
    t && {
      type: t.type,
      length: t.length || undefined,
      default: t.default,
      nullable: t.isNullable,
      unique: t.isUnique,
    },
  );

async function tableSql(ds: DataSource, table: string): Promise<string> {
  if (ds.options.type !== 'better-sqlite3') return '';
  const rows = (await ds.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [
    table,
  ])) as Array<{ sql: string }>;
  return rows[0]?.sql ?? '';
}

type Quirk = (table: Table, tableSql: string, ds: DataSource) => void;

/**
 * TypeORM's SQLite reader understands the DDL TypeORM itself writes (double-quoted names, named
 * constraints); our migrations write plain SQL. Two things it misreads, both about how the DDL
 * is spelled, not what the schema is:
 * - `id INTEGER PRIMARY KEY AUTOINCREMENT`: AUTOINCREMENT is found only after a quoted name, and
 *   `notnull` comes from PRAGMA table_info, 0 for the rowid alias (which can never hold NULL):
 *   read it as the generated, non-null key it is.
 * - `col INTEGER REFERENCES t (id)`: an unnamed foreign key gets no name, so it matches no
 *   entity's; name it as TypeORM names an unnamed one when it writes it (the naming strategy).
 */
const sqliteReader: Quirk = (table, sql, ds) => {
  for (const c of table.columns) {
    if (!c.isPrimary || c.type !== 'integer') continue;
    if (!new RegExp(`(^|[(,\\s])"?${c.name}"?\\s+INTEGER\\s+PRIMARY\\s+KEY`, 'i').test(sql))
      continue;
    c.isNullable = false;
    if (/AUTOINCREMENT/i.test(sql)) {
      c.isGenerated = true;
      c.generationStrategy = 'increment';
    }
  }
  for (const fk of table.foreignKeys) {
    fk.name ??= ds.namingStrategy.foreignKeyName(
      table,
      fk.columnNames,
      fk.referencedTableName,
      fk.referencedColumnNames,
    );
  }
};

/**
 * PostgreSQL names a constraint the DDL left unnamed itself (`<table>_<columns>_fkey`, `_key`);
 * TypeORM expects its own name for an unnamed one: read PostgreSQL's default names as TypeORM's.
 * The `*_trgm` GIN indexes are the search twins of SQLite's FTS5 tables (migrations 0001, 0003,
 * 0007), and part_sku_c orders SKUs by code point for prefix search; an entity cannot declare
 * either (no operator classes or collations on an index), just as it cannot an FTS5 table.
 */
const PG_SEARCH_INDEXES = /_trgm$|^part_sku_c$/;

const postgresReader: Quirk = (table, _sql, ds) => {
  const name = table.name.split('.').pop()!;
  const byPg = (cols: string[], suffix: string) => `${name}_${cols.join('_')}_${suffix}`;
  for (const fk of table.foreignKeys) {
    if (fk.name === byPg(fk.columnNames, 'fkey'))
      fk.name = ds.namingStrategy.foreignKeyName(
        table,
        fk.columnNames,
        fk.referencedTableName,
        fk.referencedColumnNames,
      );
  }
  for (const u of table.uniques) {
    if (u.name === byPg(u.columnNames, 'key'))
      u.name = ds.namingStrategy.uniqueConstraintName(table, u.columnNames);
  }
  table.indices = table.indices.filter((i) => !PG_SEARCH_INDEXES.test(i.name ?? ''));
};

const readerQuirks: Partial<Record<string, Quirk>> = {
  'better-sqlite3': sqliteReader,
  postgres: postgresReader,
};
