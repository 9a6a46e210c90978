import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayRange } from '../../main/domain/reports/day-range';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

/**
 * The shop's days follow its time-zone setting, not the process's zone (these tests run with
 * TZ=Asia/Shanghai, vitest.config.ts), across both daylight-saving changes in Europe and North
 * America: the dashboard's per-day buckets, its day aggregates kept by triggers (faults per day,
 * turnaround per completion day), the daily report's day, and the day lengths (23 h / 25 h).
 * Tickets are taken in through the API at the given instant; completion is set directly on the
 * row (the bench workflow is not what is under test, the day a completion is filed under is).
 */
interface Case {
  zone: string;
  day: string;
  hours: number;
  /** [label, instant with its offset, the shop date it belongs to] */
  moments: Array<[string, string, string]>;
}

const CASES: Case[] = [
  {
    zone: 'Europe/Berlin',
    day: '2026-03-29', // 02:00 CET → 03:00 CEST
    hours: 23,
    moments: [
      ['before', '2026-03-28T23:30:00+01:00', '2026-03-28'],
      ['first', '2026-03-29T00:30:00+01:00', '2026-03-29'],
      ['after-gap', '2026-03-29T03:00:00+02:00', '2026-03-29'],
      ['last', '2026-03-29T23:30:00+02:00', '2026-03-29'],
      ['next', '2026-03-30T00:15:00+02:00', '2026-03-30'],
    ],
  },
  {
    zone: 'Europe/Berlin',
    day: '2026-10-25', // 03:00 CEST → 02:00 CET: 02:30 happens twice
    hours: 25,
    moments: [
      ['before', '2026-10-24T23:30:00+02:00', '2026-10-24'],
      ['first', '2026-10-25T00:30:00+02:00', '2026-10-25'],
      ['0230-summer', '2026-10-25T02:30:00+02:00', '2026-10-25'],
      ['0230-winter', '2026-10-25T02:30:00+01:00', '2026-10-25'],
      ['last', '2026-10-25T23:30:00+01:00', '2026-10-25'],
      ['next', '2026-10-26T00:15:00+01:00', '2026-10-26'],
    ],
  },
  {
    zone: 'America/New_York',
    day: '2026-03-08', // 02:00 EST → 03:00 EDT
    hours: 23,
    moments: [
      ['before', '2026-03-07T23:30:00-05:00', '2026-03-07'],
      ['first', '2026-03-08T00:30:00-05:00', '2026-03-08'],
      ['last', '2026-03-08T23:30:00-04:00', '2026-03-08'],
      ['next', '2026-03-09T00:15:00-04:00', '2026-03-09'],
    ],
  },
  {
    zone: 'America/New_York',
    day: '2026-11-01', // 02:00 EDT → 01:00 EST: 01:30 happens twice
    hours: 25,
    moments: [
      ['before', '2026-10-31T23:30:00-04:00', '2026-10-31'],
      ['first', '2026-11-01T00:30:00-04:00', '2026-11-01'],
      ['0130-summer', '2026-11-01T01:30:00-04:00', '2026-11-01'],
      ['0130-winter', '2026-11-01T01:30:00-05:00', '2026-11-01'],
      ['last', '2026-11-01T23:30:00-05:00', '2026-11-01'],
      ['next', '2026-11-02T00:15:00-05:00', '2026-11-02'],
    ],
  },
];

let shop: TestShop;
let admin: string;
const HOUR = 3_600_000;

/** One fault ticket received at `at`, completed 24 minutes later: on the same shop day, since
 * no moment is later than 23:30 (0.4 h turnaround). */
async function ticketAt(label: string, at: number): Promise<number> {
  shop.clock.now = at;
  const walkIn = validWalkIn();
  const res = (await shop.call(await shop.as('counter'), 'intake.commit', {
    ...walkIn,
    device: { ...walkIn.device, purchaseDate: '2025-06-01' },
    ticket: { ...walkIn.ticket, problem: `DST ${label}` },
  })) as { ticket: { id: number } };
  await shop.sql.run(
    'UPDATE ticket SET completed_at = ? WHERE id = ?',
    at + 24 * 60_000,
    res.ticket.id,
  );
  return res.ticket.id;
}

const faultDays = async (prefix: string) =>
  Object.fromEntries(
    (
      await shop.sql.all<{ problem: string; day: string }>(
        'SELECT problem, day FROM kpi_fault_day WHERE problem LIKE ? AND count > 0 ORDER BY problem',
        `${prefix}%`,
      )
    ).map((r) => [r.problem.replace(prefix, ''), r.day]),
  );

/** The date of `ms` in this process's zone (what an empty shop zone means). */
const localDate = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
};

beforeAll(async () => {
  shop = await openTestShop({ start: Date.parse('2026-01-05T10:00:00Z') });
  admin = await shop.as('admin');
});
afterAll(() => shop.close());

describe.each(CASES)('the shop in $zone on $day', ({ zone, day, hours, moments }) => {
  const prefix = `DST ${zone} ${day} `;

  beforeAll(async () => {
    await shop.call(admin, 'settings.update', { key: 'shop.timeZone', value: zone });
    for (const [label, at] of moments) await ticketAt(`${zone} ${day} ${label}`, Date.parse(at));
  });

  it(`has a ${hours}-hour day`, () => {
    const r = dayRange(day, zone);
    expect((r.to - r.from) / HOUR).toBe(hours);
    expect(new Date(r.from).toISOString()).toBe(
      new Date(Date.parse(moments.find((m) => m[0] === 'first')![1]) - 30 * 60_000).toISOString(),
    );
  });

  it('files each fault under the shop day it was received on', async () => {
    expect(await faultDays(prefix)).toEqual(
      Object.fromEntries(moments.map(([label, , date]) => [label, date])),
    );
  });

  it('buckets the dashboard by shop day: intake and turnaround', async () => {
    const dates = [...new Set(moments.map((m) => m[2]))];
    const dash = (await shop.call(await shop.as('manager'), 'kpi.dashboard', {
      from: dates[0],
      to: dates[dates.length - 1],
    })) as {
      intakePerDay: Array<{ date: string; count: number }>;
      turnaround: Array<{ date: string; completed: number; p50Hours: number | null }>;
      completed: number;
    };
    const expected = dates.map((date) => ({
      date,
      count: moments.filter((m) => m[2] === date).length,
    }));
    expect(dash.intakePerDay).toEqual(expected);
    expect(dash.turnaround.map((t) => ({ date: t.date, count: t.completed }))).toEqual(expected);
    expect(dash.turnaround.every((t) => t.p50Hours === 0.4)).toBe(true);
    expect(dash.completed).toBe(moments.length);
  });

  it("the daily report's day is the shop's day", async () => {
    const report = (await shop.call(await shop.as('manager'), 'report.daily', { date: day })) as {
      from: number;
      to: number;
      tickets: { received: number; completed: number };
    };
    expect(report.to - report.from).toBe(hours * HOUR);
    const onDay = moments.filter((m) => m[2] === day).length;
    expect(report.tickets.received).toBe(onDay);
    expect(report.tickets.completed).toBe(onDay);
  });
});

describe('changing the shop zone', () => {
  it('refiles the day aggregates under the new zone, and back', async () => {
    const berlinFall = CASES[1];
    const prefix = `DST ${berlinFall.zone} ${berlinFall.day} `;
    // In New York the Berlin evening of 24 Oct 23:30 (+02:00) is still 24 Oct; the Berlin
    // 00:30 of the 25th is 18:30 on the 24th.
    await shop.call(admin, 'settings.update', { key: 'shop.timeZone', value: 'America/New_York' });
    expect(await faultDays(prefix)).toMatchObject({ before: '2026-10-24', first: '2026-10-24' });
    await shop.call(admin, 'settings.update', { key: 'shop.timeZone', value: 'Europe/Berlin' });
    expect(await faultDays(prefix)).toMatchObject({ before: '2026-10-24', first: '2026-10-25' });
    // Empty means this computer's zone (here Asia/Shanghai): the same days SQLite's localtime gives.
    await shop.call(admin, 'settings.update', { key: 'shop.timeZone', value: '' });
    const done = await shop.sql.all<{ day: string; completedAt: number }>(
      `SELECT k.day, t.completed_at AS "completedAt" FROM kpi_done k JOIN ticket t ON t.id = k.ticket_id`,
    );
    expect(done.length).toBeGreaterThan(0);
    expect(done.filter((r) => r.day !== localDate(Number(r.completedAt)))).toEqual([]);
  });

  it('refuses a zone that does not exist, and changes nothing', async () => {
    const zone = () => shop.sql.get('SELECT zone FROM shop_zone_offset LIMIT 1');
    const before = await zone();
    const err = await shop.fail(admin, 'settings.update', {
      key: 'shop.timeZone',
      value: 'Mars/Olympus_Mons',
    });
    expect(err).toMatchObject({ code: 'VALIDATION', details: { key: 'errors.field.timeZone' } });
    expect(await zone()).toEqual(before);
  });
});
