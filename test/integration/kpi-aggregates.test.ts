import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, at, buildReportDay, type FixtureIds } from '../fixtures/report-day';
import { openTestShop, type TestShop } from '../helpers/workstation';

/** The dashboard's day aggregates (migration 0009 triggers) always equal a recount from the
 * tickets, whatever happens to the tickets and devices. */
let shop: TestShop;
let ids: FixtureIds;

const recount = () => ({
  faults: shop.ws.services.raw
    .prepare(
      `SELECT date(t.received_at / 1000, 'unixepoch', 'localtime') AS day, d.brand, d.model, t.problem, count(*) AS count
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.category = 'fault'
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all(),
  done: shop.ws.services.raw
    .prepare(
      `SELECT id AS ticket_id, date(completed_at / 1000, 'unixepoch', 'localtime') AS day, completed_at - received_at AS ms
       FROM ticket WHERE completed_at IS NOT NULL ORDER BY id`,
    )
    .all(),
});
const kept = () => ({
  faults: shop.ws.services.raw
    .prepare(
      'SELECT day, brand, model, problem, count FROM kpi_fault_day WHERE count > 0 ORDER BY 1, 2, 3, 4',
    )
    .all(),
  done: shop.ws.services.raw
    .prepare('SELECT ticket_id, day, ms FROM kpi_done ORDER BY ticket_id')
    .all(),
});

beforeAll(async () => {
  shop = await openTestShop({ start: NOW });
  ids = await buildReportDay(shop.sql);
});
afterAll(() => shop.close());

describe('dashboard day aggregates', () => {
  it('are filled as tickets arrive, on the local day (23:59:59 and 00:00 fall apart)', () => {
    expect(kept()).toEqual(recount());
    const days = (kept().faults as Array<{ day: string; problem: string }>).map((f) => [
      f.day,
      f.problem,
    ]);
    expect(days).toContainEqual(['2026-11-20', 'Strap broken']); // T6 at 23:59:59
    expect(days).toContainEqual(['2026-11-21', 'Battery drains']); // T7 at 00:00
  });

  it('follow edits, completions, reopenings, renamed devices and deletions', () => {
    const raw = shop.ws.services.raw;
    const t = ids.tickets;
    raw.prepare("UPDATE ticket SET category = 'consultation' WHERE id = ?").run(t.T4);
    raw.prepare("UPDATE ticket SET problem = 'Screen dead' WHERE id = ?").run(t.T1);
    raw.prepare("UPDATE ticket SET category = 'fault' WHERE id = ?").run(t.T2);
    raw
      .prepare('UPDATE ticket SET completed_at = ? WHERE id = ?')
      .run(at('2026-11-22T09:00:00'), t.T10);
    raw.prepare('UPDATE ticket SET completed_at = NULL WHERE id = ?').run(t.T9);
    raw
      .prepare('UPDATE ticket SET received_at = ? WHERE id = ?')
      .run(at('2026-11-19T08:00:00'), t.T3);
    raw
      .prepare(
        "UPDATE device SET brand = 'Honor', model = 'Magic 6' WHERE id = (SELECT device_id FROM ticket WHERE id = ?)",
      )
      .run(t.T3);
    raw.prepare('DELETE FROM ticket WHERE id = ?').run(t.T7);
    expect(kept()).toEqual(recount());
  });
});
