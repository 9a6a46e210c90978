import path from 'node:path';
import type pg from 'pg';
import { DATABASE_CONFIG_FILE, DB_FILE, checkPgUrl, redact } from '../engine';
import { copyTable } from './copy';
import { MoveError } from './move-error';
import { copyPlan, type CopyStep } from './plan';
import { checkSourceMigrated, openSource, quoteIdent, sourceSequences } from './source';
import {
  connectTarget,
  dependencyOrder,
  migrateTarget,
  refuseNonEmpty,
  WRITTEN_AT_OPEN,
  resetSequences,
  targetTables,
} from './target';
import { verifyMove, type MoveVerification } from './verify';
import { writeFileDurably } from '../../safety/files';

export interface MoveProgress {
  table: string;
  tableDone: number;
  tableTotal: number;
  done: number;
  total: number;
}

export interface MoveOptions {
  dataDir: string;
  url: string;
  now?: number;
  onStart?: (tables: Array<{ table: string; rows: number }>) => void;
  onProgress?: (p: MoveProgress) => void;
  /** Writes what makes the data folder open the server (default: database.json with the URL,
   * as `npm run db:move` does); the station move stores the password sealed, as Setup does. */
  saveConfig?: (dataDir: string, url: string) => string;
}

export interface MoveResult {
  tables: Array<{ table: string; rows: number }>;
  rows: number;
  sequences: number;
  ms: number;
  verification: MoveVerification;
  /** The data folder's database.json, written once the verification passed. */
  configFile: string;
  /** How the historical rows got past the target's triggers. */
  triggers: 'replica' | 'disabled';
}

/**
 * The target's own triggers must not judge history: the day-close lock refuses payments on
 * closed days, the day aggregates would count every ticket a second time (they are copied as
 * they are), and the FTS twin would be refilled. As a superuser, replica mode silences them
 * (and the foreign keys) for this transaction only; otherwise the owner disables the user
 * triggers of each table inside the transaction (rolled back with it on failure).
 */
async function silenceTriggers(
  client: pg.ClientBase,
  tables: string[],
): Promise<'replica' | 'disabled'> {
  await client.query('SAVEPOINT replica');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('RELEASE SAVEPOINT replica');
    return 'replica';
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT replica');
    for (const t of tables) await client.query(`ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
    return 'disabled';
  }
}

async function restoreTriggers(
  client: pg.ClientBase,
  mode: 'replica' | 'disabled',
  tables: string[],
): Promise<void> {
  if (mode === 'replica') await client.query('SET LOCAL session_replication_role = origin');
  else
    for (const t of tables) await client.query(`ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
}

/**
 * `npm run db:move`: the shop's SQLite file (opened read-only, one snapshot) into an empty
 * PostgreSQL database. The target is migrated first; the copy, the sequences and the
 * verification run in ONE transaction, so a failure or a mismatch leaves the target without a
 * single copied row. Only a verified move points the data folder at the target.
 */
export async function moveShop(opts: MoveOptions): Promise<MoveResult> {
  const started = Date.now();
  const url = checkPgUrl(opts.url);
  const src = openSource(path.join(opts.dataDir, DB_FILE));
  try {
    checkSourceMigrated(src);
    const client = await connectTarget(url);
    try {
      await refuseNonEmpty(client);
      await migrateTarget(client, opts.now ?? Date.now());
      const target = await targetTables(client);
      const order = await dependencyOrder(client, [...target.keys()].sort());
      const steps = copyPlan(src, target, order);
      const tables = steps.map((s) => ({
        table: s.table,
        rows: Number(src.prepare(s.count).pluck().get()),
      }));
      opts.onStart?.(tables);
      const total = tables.reduce((n, t) => n + t.rows, 0);
      await client.query('BEGIN');
      let verification: MoveVerification;
      let sequences = 0;
      let mode: 'replica' | 'disabled';
      try {
        const names = steps.map((s) => s.table);
        mode = await silenceTriggers(client, names);
        // a station that opened the empty target wrote its zone spans; the source's replace them
        for (const t of names.filter((n) => WRITTEN_AT_OPEN.has(n)))
          await client.query(`DELETE FROM ${t}`);
        let done = 0;
        for (const [i, step] of steps.entries()) {
          let tableDone = 0;
          opts.onProgress?.({
            table: step.table,
            tableDone,
            tableTotal: tables[i].rows,
            done,
            total,
          });
          await copyTable(src, client, step, (n) => {
            tableDone += n;
            done += n;
            opts.onProgress?.({
              table: step.table,
              tableDone,
              tableTotal: tables[i].rows,
              done,
              total,
            });
          });
        }
        await restoreTriggers(client, mode, names);
        sequences = await resetSequences(client, sourceSequences(src));
        verification = await verifyMove(src, client, steps);
        if (!verification.ok) {
          await client.query('ROLLBACK');
          throw Object.assign(
            new MoveError(
              `Verification FAILED on ${redact(url)}: ${describeMismatch(verification)}. Nothing was kept on the target; the shop stays on its SQLite file.`,
              'MOVE_MISMATCH',
            ),
            { verification },
          );
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      // the planner's statistics for the copied tables, before the first station opens them
      await client.query('ANALYZE');
      const configFile = (opts.saveConfig ?? writeDatabaseConfig)(opts.dataDir, url);
      return {
        tables,
        rows: total,
        sequences,
        ms: Date.now() - started,
        verification,
        configFile,
        triggers: mode,
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    if (src.inTransaction) src.exec('COMMIT');
    src.close();
  }
}

function describeMismatch(v: MoveVerification): string {
  const bad = v.checks.filter((c) => !c.ok).map((c) => `${c.what}: ${c.source} ≠ ${c.target}`);
  if (!v.audit.target.ok) bad.push('the audit chain does not verify on the target');
  if (!v.audit.source.ok) bad.push('the audit chain does not verify in the shop file');
  return bad.slice(0, 5).join('; ');
}

/** database.json: this data folder's station now opens the shop on PostgreSQL. Written
 * durably (never half a file), 0600 since the URL may hold a password. */
export function writeDatabaseConfig(dataDir: string, url: string): string {
  const file = path.join(dataDir, DATABASE_CONFIG_FILE);
  writeFileDurably(file, `${JSON.stringify({ engine: 'postgres', url }, null, 2)}\n`);
  return file;
}

export type { CopyStep };
