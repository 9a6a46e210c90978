import type { DataSource } from 'typeorm';
import type { TableColumn } from 'typeorm';

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
  const quirks = readerQuirks[dataSource.options.type] ?? (() => undefined);
  const runner = dataSource.createQueryRunner();
  const out: string[] = [];
  try {
    for (const meta of dataSource.entityMetadatas) {
      const table = await runner.getTable(meta.tablePath);
      if (!table) {
        out.push(`${meta.tableName}: table missing`);
        continue;
      }
      const sql = await tableSql(dataSource, meta.tableName);
      for (const c of table.columns) quirks(c, sql);
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

type Quirk = (c: TableColumn, tableSql: string) => void;

/** TypeORM's SQLite reader finds AUTOINCREMENT only after a double-quoted name, and takes
 * `notnull` from PRAGMA table_info, which is 0 for an `INTEGER PRIMARY KEY` (the rowid alias,
 * which can never hold NULL). Our migrations write `id INTEGER PRIMARY KEY AUTOINCREMENT`:
 * read that as the generated, non-null key it is. */
const sqliteRowid: Quirk = (c, sql) => {
  if (!c.isPrimary || c.type !== 'integer') return;
  if (!new RegExp(`(^|[(,\\s])"?${c.name}"?\\s+INTEGER\\s+PRIMARY\\s+KEY`, 'i').test(sql)) return;
  c.isNullable = false;
  if (/AUTOINCREMENT/i.test(sql)) {
    c.isGenerated = true;
    c.generationStrategy = 'increment';
  }
};

const readerQuirks: Partial<Record<string, Quirk>> = {
  'better-sqlite3': sqliteRowid,
};
