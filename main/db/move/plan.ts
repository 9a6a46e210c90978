import type Database from 'better-sqlite3';
import { MoveError } from './move-error';
import { quoteIdent, sourceTables } from './source';
import type { TargetTable } from './target';

/** One table to copy: what to read from the file and where it goes. */
export interface CopyStep {
  table: string;
  columns: string[];
  /** PostgreSQL data type per column (booleans and bytea are converted on the way). */
  types: string[];
  select: string;
  count: string;
}

/**
 * PostgreSQL tables that have no SQLite table of the same name: the twin of an FTS5 table that
 * holds text as it was when written (the model named at diagnosis), read from that FTS table's
 * stored content. The other FTS5 tables index the base tables' own columns: nothing to copy.
 */
const FROM_FTS: Record<string, { from: string; columns: string[]; select: string }> = {
  ticket_fix_text: {
    from: 'ticket_fix_fts',
    columns: ['ticket_id', 'model', 'problem', 'cause'],
    select: 'SELECT rowid, model, problem, cause FROM ticket_fix_fts ORDER BY rowid',
  },
};

/** The copy, table by table, derived from both schemas; a table or column on one side only
 * (other than the FTS twins) means the two are not the same version and nothing is copied. */
export function copyPlan(
  src: Database.Database,
  target: Map<string, TargetTable>,
  order: string[],
): CopyStep[] {
  const source = new Map(sourceTables(src).map((t) => [t.name, t]));
  const steps = new Map<string, CopyStep>();
  for (const t of source.values()) {
    const tt = target.get(t.name);
    if (!tt) throw new MoveError(`Table ${t.name} of the shop's file has no place on the target.`);
    const missing = t.columns.filter((c) => !tt.types.has(c));
    if (missing.length) {
      throw new MoveError(
        `Column ${t.name}.${missing[0]} of the shop's file has no place on the target.`,
      );
    }
    const cols = t.columns.map(quoteIdent).join(', ');
    steps.set(t.name, {
      table: t.name,
      columns: t.columns,
      types: t.columns.map((c) => tt.types.get(c)!),
      select: `SELECT ${cols} FROM ${quoteIdent(t.name)}${t.rowid ? ' ORDER BY rowid' : ''}`,
      count: `SELECT count(*) FROM ${quoteIdent(t.name)}`,
    });
  }
  for (const [name, tt] of target) {
    if (name === 'schema_migration' || steps.has(name)) continue;
    const twin = FROM_FTS[name];
    if (!twin) throw new MoveError(`Table ${name} of the target has no source in the shop's file.`);
    steps.set(name, {
      table: name,
      columns: twin.columns,
      types: twin.columns.map((c) => tt.types.get(c)!),
      select: twin.select,
      count: `SELECT count(*) FROM ${twin.from}`,
    });
  }
  return order.filter((n) => steps.has(n)).map((n) => steps.get(n)!);
}
