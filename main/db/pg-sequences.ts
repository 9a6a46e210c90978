import type pg from 'pg';

/**
 * After rows were written with their ids given (a shop moved from SQLite, a seeder), each SERIAL
 * column's sequence still starts at 1 and the next insert would collide: move every sequence of
 * the current schema to just past its column's largest id. Returns how many were set.
 */
export async function syncPgSequences(client: pg.ClientBase): Promise<number> {
  const serials = (
    await client.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.table_name AS tbl, c.column_name AS col,
              pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
       FROM information_schema.columns c
       WHERE c.table_schema = current_schema() AND c.column_default LIKE 'nextval(%'`,
    )
  ).rows.filter((r) => r.seq);
  for (const { tbl, col, seq } of serials) {
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${quote(col)}) FROM ${quote(tbl)}), 0) + 1, false)`,
      [seq],
    );
  }
  return serials.length;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
