import path from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import { redact } from '../db/engine';
import { EngineStartError } from '../db/engine-errors';
import { MoveError } from '../db/move/move-error';
import { moveShop, type MoveResult } from '../db/move/move';
import type { MoveVerification } from '../db/move/verify';
import { ArgsError, parseFlags } from './args';
import { printEngineError } from './db-option';

const USAGE =
  'usage: npm run db:move -- --data DIR --to postgres://user:password@host:5432/database [--json]\n' +
  "  copies the shop's SQLite file in DIR (read-only) into an EMPTY PostgreSQL database, verifies\n" +
  '  it there, then writes DIR/database.json so this station opens PostgreSQL. Stop the\n' +
  '  workstation first: what it writes during the move stays in the SQLite file only.';

/** The verification as a person reads it: one line per check, then the verdict. */
export function verificationText(v: MoveVerification): string {
  const w = Math.max(...v.checks.map((c) => c.what.length));
  const lines = v.checks.map(
    (c) =>
      `  ${c.ok ? 'ok ' : 'BAD'}  ${c.what.padEnd(w)}  ${c.source}${c.ok ? '' : ` ≠ ${c.target}`}`,
  );
  const a = v.audit;
  lines.push(
    `  ${a.source.ok && a.target.ok ? 'ok ' : 'BAD'}  audit chain verifies: file ${a.source.ok ? 'yes' : 'NO'}, target ${a.target.ok ? 'yes' : 'NO'}`,
  );
  return lines.join('\n');
}

function summary(r: MoveResult, url: string): string {
  return [
    `Verification on ${redact(url)}:`,
    verificationText(r.verification),
    `Moved ${r.rows} rows in ${r.tables.length} tables in ${(r.ms / 1000).toFixed(1)} s; ${r.sequences} sequences continue after the copied ids.`,
    `Verification passed: ${r.configFile} now points this station at PostgreSQL (the SQLite file is untouched).`,
  ].join('\n');
}

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    to: 'string',
    json: 'boolean',
  });
  if (!flags.data || !flags.to) throw new ArgsError('--data DIR and --to URL are required');
  const dataDir = path.resolve(flags.data);
  const bars = new MultiBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} rows | {table}',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !flags.json,
      notTTYSchedule: 5_000,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const all = bars.create(1, 0, { table: 'all tables' });
  const table = bars.create(1, 0, { table: '' });
  const result = await moveShop({
    dataDir,
    url: flags.to,
    onStart: (t) => {
      all.setTotal(
        Math.max(
          1,
          t.reduce((n, x) => n + x.rows, 0),
        ),
      );
    },
    onProgress: (p) => {
      all.update(p.done, { table: `all tables (${p.total})` });
      // an empty table leaves the bar on the last table that had rows
      if (p.tableTotal === 0) return;
      table.setTotal(p.tableTotal);
      table.update(p.tableDone, { table: p.table });
    },
  }).finally(() => bars.stop());
  if (flags.json) {
    console.log(JSON.stringify({ ...result, url: redact(flags.to) }));
  } else console.log(summary(result, flags.to));
}

main().catch((err) => {
  if (err instanceof ArgsError) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(64);
  }
  if (err instanceof EngineStartError && printEngineError(err)) process.exit(1);
  if (err instanceof MoveError) {
    const v = (err as MoveError & { verification?: MoveVerification }).verification;
    if (v) console.error(verificationText(v));
    console.error(err.message);
    process.exit(err.code === 'MOVE_MISMATCH' ? 3 : 2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
