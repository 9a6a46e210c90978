import pg from 'pg';
import { redact } from '../engine';
import { runPgMigrations } from '../migrate-pg';
import { migrations } from '../migrations';
import { pgClientConfig } from '../open-postgres';
import { MoveError } from './move-error';
import { quoteIdent } from './source';

export interface TargetTable {
  name: string;
  /** column → PostgreSQL data type */
  types: Map<string, string>;
}

/** A client on the target with the app's number parsing (int8/numeric as numbers). */
export async function connectTarget(url: string): Promise<pg.Client> {
  const client = new pg.Client(pgClientConfig(url));
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new MoveError(
      `Cannot connect to ${redact(url)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return client;
}

const baseTables = async (client: pg.ClientBase): Promise<string[]> =>
  (
    await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows.map((r) => r.table_name);

/** Rows the app writes when it opens any database, from the shop's settings (the shop zone's
 * day spans): not a shop. The copy replaces them with the source's. */
export const WRITTEN_AT_OPEN = new Set(['shop_zone_offset']);

/**
 * The target must hold no shop yet: no table at all, or this app's schema with no row in any
 * table (a database someone migrated and never used). Anything else is refused before a single
 * statement writes to it.
 */
export async function refuseNonEmpty(client: pg.ClientBase): Promise<void> {
  const tables = await baseTables(client);
  if (tables.length === 0) return;
  if (!tables.includes('schema_migration')) {
    throw new MoveError(
      `The target database is not empty: it holds tables of another application (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). Move into a new, empty database.`,
    );
  }
  for (const t of tables) {
    if (t === 'schema_migration' || WRITTEN_AT_OPEN.has(t)) continue;
    const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(t)} LIMIT 1`);
    if (rows.length) {
      throw new MoveError(
        `The target database is not empty: table ${t} already has rows (a shop lives there). Move into a new, empty database.`,
      );
    }
  }
}

/** This version's PostgreSQL schema on the target (the same runner the app starts with). */
export async function migrateTarget(client: pg.ClientBase, now: number): Promise<void> {
  await runPgMigrations(client, migrations, now);
}

/** The target's tables and their column types, from its catalogue. */
export async function targetTables(client: pg.ClientBase): Promise<Map<string, TargetTable>> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const out = new Map<string, TargetTable>();
  for (const r of rows) {
    const t = out.get(r.table_name) ?? { name: r.table_name, types: new Map() };
    t.types.set(r.column_name, r.data_type);
    out.set(r.table_name, t);
  }
  return out;
}

/**
 * `names` in an order where every table comes after the tables its foreign keys point at
 * (from pg_constraint), so the copy holds even where the foreign keys stay checked.
 */
export async function dependencyOrder(client: pg.ClientBase, names: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const strip = (s: string) => s.replace(/^"|"$/g, '');
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of rows) {
    const child = strip(r.child);
    const parent = strip(r.parent);
    if (child !== parent && parents.has(child) && parents.has(parent))
      parents.get(child)!.add(parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)),
    );
    // a cycle (none today): take the rest as they come; the copy then relies on replica mode
    const next = ready.length ? ready : names.filter((n) => !placed.has(n));
    for (const n of ready.length ? next : next.slice(0, 1)) {
      order.push(n);
      placed.add(n);
    }
  }
  return order;
}

/** Every serial/identity sequence continues after the highest id copied (or handed out: the
 * SQLite AUTOINCREMENT high-water mark). */
export async function resetSequences(
  client: pg.ClientBase,
  highWater: Map<string, number>,
): Promise<number> {
  const { rows } = await client.query<{ table_name: string; column_name: string; seq: string }>(
    `SELECT table_name, column_name,
            pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  for (const r of rows) {
    const max = (
      await client.query<{ m: number | null }>(
        `SELECT max(${quoteIdent(r.column_name)}) AS m FROM ${quoteIdent(r.table_name)}`,
      )
    ).rows[0].m;
    const next = Math.max(Number(max ?? 0), highWater.get(r.table_name) ?? 0) + 1;
    await client.query('SELECT setval($1, $2, false)', [r.seq, next]);
  }
  return rows.length;
}
