import { crashDrill } from '../safety/drills/crash';
import { fuzzDrill } from '../safety/drills/fuzz';
import { passcodeDrill } from '../safety/drills/passcode-grep';
import { restoreDrill } from '../safety/drills/restore';
import { tamperDrill } from '../safety/drills/tamper';
import { stationsDrill } from '../safety/drills/stations';
import { ArgsError, parseFlags } from './args';
import { DB_FLAG, DB_USAGE, printEngineError } from './db-option';
import { checkPgUrl, requireSqlite } from '../db/engine';

/** Full counts on demand; CI runs the same drills with small counts (test/integration/drills).
 * `pgUrl`: crash, fuzz and tamper run on that server (each in a scratch database of its own).
 * restore and passcode stay on SQLite: they are about files (restore: the backup file copied
 * into a fresh folder, compared page by page; passcode: grepping the bytes of the database
 * file, its WAL, backups, exports and logs), and on PostgreSQL the backup is pg_dump's, checked with
 * pg_restore --list, and the table files belong to the server, not to this PC. */
const DRILLS = {
  crash: {
    full: 200,
    postgres: true,
    run: (count: number, _seed?: number, pgUrl?: string) =>
      crashDrill({ count, pgUrl, log: (s) => process.stderr.write(`${s}\n`) }),
  },
  fuzz: {
    full: 10_000,
    postgres: true,
    run: (count: number, seed?: number, pgUrl?: string) => fuzzDrill({ count, seed, pgUrl }),
  },
  restore: { full: 2_000, run: (count: number) => restoreDrill({ count }) },
  tamper: {
    full: 200,
    postgres: true,
    run: (count: number, seed?: number, pgUrl?: string) => tamperDrill({ count, seed, pgUrl }),
  },
  passcode: { full: 100, run: (count: number) => passcodeDrill({ count }) },
  /** `count`: how many stations, 3 minutes each, on the server only (many writers at once). */
  stations: {
    full: 10,
    postgres: true,
    onlyPostgres: true,
    run: (count: number, _seed?: number, pgUrl?: string) =>
      stationsDrill({ pgUrl: pgUrl!, stations: count, log: (s) => process.stderr.write(`${s}\n`) }),
  },
} as const;
type DrillName = keyof typeof DRILLS;

/** Why a drill refuses `--db`, in the words the refusal prints. */
const FILE_DRILLS: Partial<Record<DrillName, string>> = {
  restore:
    'it restores a SQLite backup file into a fresh folder and compares the files; a PostgreSQL backup is a pg_dump file, checked with pg_restore --list when it is made',
  passcode:
    "it greps the bytes of the SQLite file, its WAL, backups, exports and logs on this PC; a PostgreSQL server's table files are not on this PC",
};

const USAGE = `npm run drill -- ${Object.keys(DRILLS).join('|')}|all [--count N] [--seed S] ${DB_USAGE}
Prints one JSON line per drill; exits 1 when a drill found a problem.`;

/** What counts as a failed drill, in one place, for the CLI's exit code. */
function failed(r: Awaited<ReturnType<(typeof DRILLS)[DrillName]['run']>>): boolean {
  switch (r.drill) {
    case 'crash':
      return r.missing > 0 || r.integrityFailures > 0 || r.auditBreaks > 0 || r.ledgerBreaks > 0;
    case 'fuzz':
      return (
        r.internal + r.crashes + r.unclearRejections + r.rejectedButChanged + r.loggedErrors > 0 ||
        Object.values(r.ruleViolations).some((n) => n > 0) ||
        r.integrity !== 'ok' ||
        r.foreignKeyViolations > 0 ||
        !r.auditChainOk
      );
    case 'restore':
      return !r.countsMatch || !r.checksumsMatch || r.missingBeforeBackup > 0 || !r.auditChainOk;
    case 'tamper':
      return r.missed > 0;
    case 'passcode':
      return r.hits.length > 0 || !r.controlFound;
    case 'stations':
      return (
        r.errors.length > 0 ||
        r.lost + r.unacknowledged + r.negativeStock + r.ledgerBreaks > 0 ||
        !r.ticketNumbersGapFree ||
        !r.auditOk
      );
  }
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || !(name === 'all' || name in DRILLS))
    throw new ArgsError(`Which drill? Got "${name ?? ''}"`);
  const flags = parseFlags(rest, { count: 'number', seed: 'number', ...DB_FLAG });
  const pgUrl = flags.db ? checkPgUrl(flags.db) : undefined;
  const onServer = (n: DrillName) => 'postgres' in DRILLS[n];
  const all = Object.keys(DRILLS) as DrillName[];
  // `all` on a server runs the drills that have a PostgreSQL body; one named drill that is about
  // the SQLite file refuses in plain words.
  const onlyServer = (n: DrillName) => 'onlyPostgres' in DRILLS[n];
  const names =
    name === 'all'
      ? all.filter((n) => (pgUrl ? onServer(n) : !onlyServer(n)))
      : [name as DrillName];
  if (!pgUrl && onlyServer(names[0]))
    throw new ArgsError(
      `The ${names[0]} drill is about several stations on one database server: give it --db URL.`,
    );
  if (pgUrl && !onServer(names[0])) {
    requireSqlite(
      { engine: 'postgres', url: pgUrl, from: 'option' },
      `The ${names[0]} drill (${FILE_DRILLS[names[0]] ?? 'about the SQLite file'}; on PostgreSQL: ${all.filter(onServer).join(', ')})`,
    );
  }
  let bad = false;
  for (const n of names) {
    const result = await DRILLS[n].run(flags.count ?? DRILLS[n].full, flags.seed, pgUrl);
    console.log(JSON.stringify(result));
    bad ||= failed(result);
  }
  process.exitCode = bad ? 1 : 0;
}

main().catch((err: unknown) => {
  if (printEngineError(err)) process.exit(1);
  if (err instanceof ArgsError) console.error(`${err.message}\n\n${USAGE}`);
  else console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
