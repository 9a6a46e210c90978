import { expect } from 'vitest';
import type { Workstation } from '../../main/app';
import type { SeedStaff } from '../../main/cli/seed';

const DAY = 86_400_000;

/** The calls the shop's screens make (ticket list, ticket by id and by number, the global
 * search, the daily report of four days up to `now`), signed in as the seeded manager, as JSON:
 * two shops that hold the same data answer them equally on either engine. */
export async function shopAnswers(
  ws: Workstation,
  staff: SeedStaff[],
  now: number,
): Promise<Record<string, unknown>> {
  const manager = staff.find((s) => s.role === 'manager' && s.pin)!;
  const meta = { token: null, origin: 'test' };
  const { token } = (await ws.call(
    'auth.login',
    { name: manager.name, pin: manager.pin },
    meta,
  )) as {
    token: string;
  };
  const as = { token, origin: 'test' };
  const list = (await ws.call('tickets.list', { limit: 50 }, as)) as {
    rows: Array<{ id: number; number: string }>;
  };
  const some = list.rows.slice(0, 5);
  const out: Record<string, unknown> = { list };
  for (const t of some) {
    out[`get ${t.number}`] = await ws.call('tickets.get', { id: t.id }, as);
    out[`progress ${t.number}`] = await ws.call('tickets.progress', { number: t.number }, as);
  }
  for (const t of some) {
    out[`search ${t.number}`] = await ws.call('search.global', { q: t.number }, as);
  }
  for (const q of ['iPhone', 'Samsung', 'screen', 'battery', '138']) {
    out[`search ${q}`] = await ws.call('search.global', { q }, as);
  }
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  for (let d = 0; d < 4; d++) {
    out[`report ${date(now - d * DAY)}`] = await ws.call(
      'report.daily',
      { date: date(now - d * DAY) },
      as,
    );
  }
  // kpi.dashboard is left out: on this base its day list still compares bigint with text on
  // PostgreSQL (i-sqlrest converts it); it joins the comparison when that lands.
  // the comparison means something only if the shop answered with its tickets
  expect(JSON.stringify(out[`search ${some[0].number}`])).toContain(some[0].number);
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}
