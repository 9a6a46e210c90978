import { Between, Like } from 'typeorm';
import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import type { DailyReport } from '../api/contract';
import { KbArticle, Ticket } from '../db/entities';
import { dailyPdf } from '../domain/reports/daily/daily-pdf';
import { dailyReport } from '../domain/reports/daily/daily-report';
import { shopTimeZone } from '../domain/calendar/shop-calendar';
import { dayRange, isoDay } from '../domain/reports/day-range';
import { waitForExport } from '../domain/reports/export/export-jobs';
import { kpiDashboard } from '../domain/reports/kpi-dashboard';
import { articleHits } from '../domain/knowledge/kb-articles';
import { articlesForModels, pgKbSearch, sqliteKbSearch } from '../domain/knowledge/kb-search';
import type { Sql } from '../db/sql';
import { sectionCall } from './bench-ctx';
import { measure, type BenchLine } from './bench-measure';
import type { RawDb } from './bench-raw-db';
import { mulberry32 } from './seed';
import { CATALOG, PROBLEMS } from './seed-data';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  n: number;
  warm: number;
  want: (name: string) => boolean;
  print: (line: BenchLine | Record<string, unknown>) => void;
}

const KB_ARTICLES = 10_000;

/**
 * Reports and knowledge: `report.daily` (data), `report.dailyPdf`, `kpi.dashboard30d`,
 * `export.tickets1M` (one run: wall time and peak resident memory) and `kb.search` at 10k
 * articles (added to the data folder when it has fewer). Baselines: `raw` is the hand-written
 * core query on the bare connection (better-sqlite3 handle or `pg` client); `naive` loads the rows through TypeORM and counts
 * in JS, which is what "not loading every row into JS" avoids.
 */
export async function benchReports({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  want,
  print,
}: Ctx): Promise<void> {
  const raw = rawDb.sql;
  const ds = ws.services.dataSource;
  const call = sectionCall(ws, meta);
  const last =
    (await raw.get<{ t: number | null }>('SELECT max(received_at) AS t FROM ticket'))?.t ??
    Date.now();
  const rand = mulberry32(7);
  const zone = shopTimeZone(ws.services.settings);
  // Recent days: the report a manager prints is today's or yesterday's.
  const dates = Array.from({ length: n + warm }, () =>
    isoDay(last - Math.floor(rand() * 30) * 86_400_000, zone),
  );

  const rawEm = rawDb.em;
  const { settings } = ws.services;
  /** A plain TypeORM day: the day's tickets loaded through a repository and counted in JS. */
  const naiveDay = async (date: string) => {
    const r = dayRange(date, zone);
    const rows = await ds
      .getRepository(Ticket)
      .find({ where: { receivedAt: Between(r.from, r.to - 1) } });
    return rows.reduce(
      (m, t) => m.set(t.category, (m.get(t.category) ?? 0) + 1),
      new Map<string, number>(),
    );
  };

  if (want('report.daily')) {
    print(
      await measure('report.daily', n, warm, {
        app: (i) => () => call('report.daily', { date: dates[i] }),
        // raw: every section's own SQL, on the bare handle.
        raw: (i) => () => dailyReport(rawEm, settings, dates[i], Date.now()),
        naive: (i) => () => naiveDay(dates[i]),
      }),
    );
  }

  if (want('report.dailyPdf')) {
    const pdfN = Math.max(5, Math.min(20, Math.ceil(n / 10)));
    const lang = (i: number) => (i % 2 ? 'en' : 'zh');
    // The naive version lays out the same content (its own counts do not fill a report).
    const content = new Map<string, DailyReport>();
    for (const d of dates.slice(0, pdfN + 2))
      content.set(d, await dailyReport(rawEm, settings, d, Date.now()));
    print(
      await measure('report.dailyPdf', pdfN, 2, {
        app: (i) => () => call('report.dailyPdf', { date: dates[i], lang: lang(i) }),
        // Both baselines do the whole job, data and layout, on this thread: raw with the app's
        // SQL on the bare handle, naive with the TypeORM day above.
        raw: (i) => async () =>
          dailyPdf(await dailyReport(rawEm, settings, dates[i], Date.now()), lang(i)),
        naive: (i) => async () => {
          await naiveDay(dates[i]);
          return dailyPdf(content.get(dates[i])!, lang(i));
        },
      }),
    );
  }

  if (want('kpi.dashboard30d')) {
    const to = isoDay(last, zone);
    const from = isoDay(dayRange(to, zone).from - 29 * 86_400_000, zone);
    const span = { from: dayRange(from, zone).from, to: dayRange(to, zone).to };
    print(
      await measure('kpi.dashboard30d', n, warm, {
        app: () => () => call('kpi.dashboard', { from, to }),
        // raw: the dashboard's twelve statements on the bare handle. (It used to be one count
        // and average: about 5% of the work, hence "30x" at 1M tickets.)
        raw: () => () => kpiDashboard(rawEm, from, to, zone),
        naive: () => async () => {
          const rows = await ds
            .getRepository(Ticket)
            .find({ where: { completedAt: Between(span.from, span.to - 1) } });
          const d = rows.map((t) => (t.completedAt ?? 0) - t.receivedAt).sort((a, b) => a - b);
          return [d[Math.floor(d.length / 2)], d[Math.floor(d.length * 0.9)]];
        },
      }),
    );
  }

  if (want('kb.search')) {
    const added = await ensureArticles(raw, KB_ARTICLES);
    if (added) console.error(`bench: added ${added} knowledge articles`);
    const qs = kbQueries(n + warm, rand);
    const repo = ds.getRepository(KbArticle);
    /** The handler's steps (model articles first, FTS5 for long words, LIKE for two-character
     * ones such as 黑屏, then the hits) with the app's SQL on the bare handle. */
    const rawSearch = async ({ q, model }: { q: string; model?: string }, limit = 20) => {
      const byModel = model ? await articlesForModels(rawEm, [model], 200) : [];
      const modelIds = new Set(byModel);
      const kb = rawDb.engine === 'postgres' ? pgKbSearch : sqliteKbSearch;
      const found = q || !model ? await kb.search(rawEm, q, limit * 2) : byModel;
      const ids = [
        ...found.filter((id) => modelIds.has(id)),
        ...found.filter((id) => !modelIds.has(id)),
      ];
      return articleHits(rawEm, ids.slice(0, limit), modelIds);
    };
    print(
      await measure('kb.search', n, warm, {
        app: (i) => () => call('kb.search', qs[i]),
        raw: (i) => () => rawSearch(qs[i]),
        naive: (i) => () =>
          repo.find({
            where: [{ title: Like(`%${qs[i].q}%`) }, { symptoms: Like(`%${qs[i].q}%`) }],
            take: 20,
          }),
      }),
    );
  }

  if (want('export.tickets1M')) {
    const span = (await raw.get<{ a: number; b: number }>(
      'SELECT min(received_at) AS a, max(received_at) AS b FROM ticket',
    ))!;
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = process.hrtime.bigint();
    const started = (await call('export.start', {
      kind: 'tickets',
      from: isoDay(span.a, zone),
      to: isoDay(span.b, zone),
    })) as { jobId: string };
    const job = await waitForExport(started.jobId);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    clearInterval(timer);
    print({
      name: 'export.tickets1M',
      n: 1,
      rows: job.done,
      ms: Math.round(ms),
      rows_per_s: Math.round(job.done / (ms / 1000)),
      rss_peak_mb: Math.round(peak / 2 ** 20),
      state: job.state,
    });
  }
}

/** Knowledge articles in the shop's own words: the seeded problems of each catalogue model. */
async function ensureArticles(raw: Sql, want: number): Promise<number> {
  const have = Number((await raw.get<{ n: number }>('SELECT count(*) AS n FROM kb_article'))!.n);
  if (have >= want) return 0;
  const author = (await raw.get<{ id: number }>(
    "SELECT id FROM staff WHERE role IN ('technician', 'manager', 'admin') ORDER BY id LIMIT 1",
  ))!.id;
  const rand = mulberry32(99);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)];
  const ins = `INSERT INTO kb_article (title, symptoms, cause, steps, models, tags, author_id, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`;
  const model =
    'INSERT INTO kb_article_model (article_id, model_norm) VALUES (?, ?) ON CONFLICT DO NOTHING';
  const causes = [
    '排线松动',
    'loose connector',
    '主板腐蚀',
    'corroded board',
    '电池老化',
    'worn battery',
    '软件故障',
    'firmware fault',
  ];
  const now = Date.now();
  await raw.run('BEGIN');
  try {
    for (let i = have; i < want; i++) {
      const m = pick(CATALOG);
      const problem = pick(rand() < 0.8 ? PROBLEMS[m.type] : PROBLEMS.any);
      const label = `${m.brand} ${m.model}`;
      const id = Number(
        (await raw.get<{ id: number }>(
          ins,
          `${m.model}: ${problem} #${i}`,
          `${problem}; ${pick(PROBLEMS.any)}`,
          pick(causes),
          JSON.stringify(['检查 / inspect', '更换 / replace', '测试 / test']),
          JSON.stringify([label]),
          JSON.stringify([m.type]),
          author,
          now - i * 60_000,
          now - i * 60_000,
        ))!.id,
      );
      await raw.run(model, id, m.model.toLowerCase());
      await raw.run(model, id, label.toLowerCase());
    }
    await raw.run('COMMIT');
  } catch (err) {
    await raw.run('ROLLBACK');
    throw err;
  }
  return want - have;
}

/** What people type: Chinese two- and four-character symptoms, English words, with a model. */
function kbQueries(count: number, rand: () => number): Array<{ q: string; model?: string }> {
  const words = [
    '黑屏',
    '进水',
    '充电',
    '屏幕闪烁',
    '无法开机',
    'battery',
    'screen',
    'not charging',
    'keeps restarting',
    '发热',
  ];
  return Array.from({ length: count }, () => {
    const q = words[Math.floor(rand() * words.length)];
    return rand() < 0.5 ? { q, model: CATALOG[Math.floor(rand() * CATALOG.length)].model } : { q };
  });
}
