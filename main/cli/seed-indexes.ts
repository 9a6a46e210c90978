import type pg from 'pg';
import { connectTarget } from '../db/move/target';

export interface SecondaryIndex {
  name: string;
  def: string;
}

/**
 * The secondary indexes of `tables` (every index that backs no constraint: lookups, prefix
 * and trigram indexes), dropped before a bulk COPY and built again afterwards: one sort per
 * index instead of a million single-row insertions (a trigram GIN index most of all).
 * Answers their definitions, as the catalogue spells them, for `rebuildIndexes`.
 */
export async function dropSecondaryIndexes(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<SecondaryIndex[]> {
  const { rows } = await client.query<SecondaryIndex>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname, ic.relname`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
  return rows;
}

/** Builds `indexes` again, on `parallel` connections side by side, the biggest work first
 * (the order they were dropped in is by table; the server spreads the sorts). */
export async function rebuildIndexes(
  url: string,
  indexes: readonly SecondaryIndex[],
  parallel = 2,
): Promise<void> {
  const queue = [...indexes];
  const worker = async () => {
    const client = await connectTarget(url);
    try {
      await client.query("SET maintenance_work_mem = '256MB'");
      for (let ix = queue.shift(); ix; ix = queue.shift()) await client.query(ix.def);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
}
