import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, at, buildReportDay, type FixtureIds } from '../fixtures/report-day';
import { shopTimeZone } from '../../main/domain/calendar/shop-calendar';
import { isoDay } from '../../main/domain/reports/day-range';
import { openTestShop, type TestShop } from '../helpers/workstation';

/** The dashboard's day aggregates (migration 0009 triggers) always equal a recount from the
 * tickets, whatever happens to the tickets and devices. */
let shop: TestShop;
let ids: FixtureIds;

/** The shop's day of an instant, as the aggregates' triggers file it. */
const dayOf = (ms: number) => isoDay(ms, shopTimeZone(shop.ws.services.settings));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The same figures recounted from the tickets (days worked out here, not by the database). */
const recount = async () => {
  const tickets = await shop.sql.all<{
    received_at: number;
    brand: string;
    model: string;
    problem: string;
  }>(
    `SELECT t.received_at, d.brand, d.model, t.problem
     FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'`,
  );
  const faults = new Map<
    string,
    { day: string; brand: string; model: string; problem: string; count: number }
  >();
  for (const t of tickets) {
    const row = { day: dayOf(t.received_at), brand: t.brand, model: t.model, problem: t.problem };
    const key = JSON.stringify(row);
    const known = faults.get(key);
    if (known) known.count++;
    else faults.set(key, { ...row, count: 1 });
  }
  const done = await shop.sql.all<{ ticket_id: number; completed_at: number; ms: number }>(
    `SELECT id AS ticket_id, completed_at, completed_at - received_at AS ms
     FROM ticket WHERE completed_at IS NOT NULL ORDER BY id`,
  );
  return {
    faults: [...faults.values()].sort(
      (a, b) =>
        byText(a.day, b.day) ||
        byText(a.brand, b.brand) ||
        byText(a.model, b.model) ||
        byText(a.problem, b.problem),
    ),
    done: done.map((r) => ({ ticket_id: r.ticket_id, day: dayOf(r.completed_at), ms: r.ms })),
  };
};
const kept = async () => {
  const faults = await shop.sql.all<{
    day: string;
    brand: string;
    model: string;
    problem: string;
    count: number;
  }>('SELECT day, brand, model, problem, count FROM kpi_fault_day WHERE count > 0');
  return {
    faults: faults.sort(
      (a, b) =>
        byText(a.day, b.day) ||
        byText(a.brand, b.brand) ||
        byText(a.model, b.model) ||
        byText(a.problem, b.problem),
    ),
    done: await shop.sql.all('SELECT ticket_id, day, ms FROM kpi_done ORDER BY ticket_id'),
  };
};

beforeAll(async () => {
  shop = await openTestShop({ start: NOW });
  ids = await buildReportDay(shop.sql);
});
afterAll(() => shop.close());

describe('dashboard day aggregates', () => {
  it('are filled as tickets arrive, on the local day (23:59:59 and 00:00 fall apart)', async () => {
    expect(await kept()).toEqual(await recount());
    const days = (await kept()).faults.map((f) => [f.day, f.problem]);
    expect(days).toContainEqual(['2026-11-20', 'Strap broken']); // T6 at 23:59:59
    expect(days).toContainEqual(['2026-11-21', 'Battery drains']); // T7 at 00:00
  });

  it('follow edits, completions, reopenings, renamed devices and deletions', async () => {
    const sql = shop.sql;
    const t = ids.tickets;
    await sql.run("UPDATE ticket SET category = 'consultation' WHERE id = ?", t.T4);
    await sql.run("UPDATE ticket SET problem = 'Screen dead' WHERE id = ?", t.T1);
    await sql.run("UPDATE ticket SET category = 'fault' WHERE id = ?", t.T2);
    await sql.run(
      'UPDATE ticket SET completed_at = ? WHERE id = ?',
      at('2026-11-22T09:00:00'),
      t.T10,
    );
    await sql.run('UPDATE ticket SET completed_at = NULL WHERE id = ?', t.T9);
    await sql.run(
      'UPDATE ticket SET received_at = ? WHERE id = ?',
      at('2026-11-19T08:00:00'),
      t.T3,
    );
    await sql.run(
      "UPDATE device SET brand = 'Honor', model = 'Magic 6' WHERE id = (SELECT device_id FROM ticket WHERE id = ?)",
      t.T3,
    );
    await sql.run('DELETE FROM ticket WHERE id = ?', t.T7);
    expect(await kept()).toEqual(await recount());
  });
});
