import fs from 'node:fs';
import path from 'node:path';
import { createWorkstation } from '../app';
import { isoDate } from '../api/schemas/common';
import { dailyPdf } from '../domain/reports/daily/daily-pdf';
import { dailyReport } from '../domain/reports/daily/daily-report';
import { shopTimeZone } from '../domain/calendar/shop-calendar';
import { isoDay } from '../domain/reports/day-range';
import { ArgsError, parseFlags } from './args';
import { cliDatabase, DB_FLAG, DB_USAGE, printEngineError } from './db-option';

const USAGE = `usage: npm run report -- daily --date YYYY-MM-DD --data DIR --out FILE.pdf [--lang en|zh] ${DB_USAGE}`;

/** `npm run report -- daily ...`: the manager's daily report as a PDF, without the app open. */
export async function reportCli(argv: readonly string[]): Promise<string> {
  const [kind, ...rest] = argv;
  if (kind !== 'daily') throw new ArgsError(USAGE);
  const flags = parseFlags(rest, {
    date: 'string',
    data: 'string',
    out: 'string',
    lang: 'string',
    ...DB_FLAG,
  });
  if (flags.date !== undefined && !isoDate.safeParse(flags.date).success)
    throw new ArgsError(`--date must be YYYY-MM-DD, got "${flags.date}"`);
  if (!flags.data || !flags.out) throw new ArgsError(USAGE);
  if (flags.lang && flags.lang !== 'en' && flags.lang !== 'zh')
    throw new ArgsError('--lang must be en or zh');
  const dataDir = path.resolve(flags.data);
  const database = cliDatabase(dataDir, flags.db);
  if (database.engine === 'sqlite' && !fs.existsSync(database.file))
    throw new ArgsError(`No shop data in ${dataDir}`);
  const ws = await createWorkstation({ dataDir, database });
  try {
    const { settings } = ws.services;
    // Without --date: today in the shop's time zone.
    const date = flags.date ?? isoDay(ws.services.now(), shopTimeZone(settings));
    const report = await dailyReport(
      ws.services.dataSource.manager,
      settings,
      date,
      ws.services.now(),
    );
    const lang = (flags.lang as 'en' | 'zh' | undefined) ?? settings.get('print.language');
    const out = path.resolve(flags.out);
    fs.writeFileSync(out, await dailyPdf(report, lang));
    return out;
  } finally {
    await ws.close();
  }
}

// Run only as the CLI entry point, not when imported (tests import reportCli()).
const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (/[\\/]main[\\/]cli[\\/]report\.[cm]?[tj]s$/.test(entry)) {
  reportCli(process.argv.slice(2))
    .then((out) => console.log(out))
    .catch((err: unknown) => {
      if (printEngineError(err)) process.exit(1);
      console.error(err instanceof Error ? err.message : err);
      process.exit(err instanceof ArgsError ? 2 : 1);
    });
}
