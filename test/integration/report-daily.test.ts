import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, KpiDashboard } from '../../main/api/contract';
import { DAY, EXPECTED, NOW, buildReportDay, type FixtureIds } from '../fixtures/report-day';
import { EXPECTED_MONEY, addMoneyDay } from '../fixtures/report-day-money';
import { openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;
let ids: FixtureIds;
let report: DailyReport;

beforeAll(async () => {
  shop = await openTestShop({ start: NOW });
  ids = await buildReportDay(shop.sql);
  await addMoneyDay(shop.sql, ids);
  manager = await shop.as('manager');
  report = (await shop.call(manager, 'report.daily', { date: DAY })) as DailyReport;
});
afterAll(() => shop.close());

const counts = (rows: Array<{ key: string; count: number }>) =>
  Object.fromEntries(rows.map((r) => [r.key, r.count]));

describe('the daily report of a hand-built day', () => {
  it('counts tickets received, completed and collected within the local day', () => {
    expect(report.tickets.received).toBe(EXPECTED.received);
    expect(report.tickets.completed).toBe(EXPECTED.completed);
    expect(report.tickets.collected).toBe(EXPECTED.collected);
    expect(report.tickets.repeats).toBe(EXPECTED.repeats);
    expect(counts(report.tickets.receivedByCategory)).toEqual(EXPECTED.byCategory);
    expect(counts(report.tickets.receivedByDeviceType)).toEqual(EXPECTED.receivedByType);
    expect(counts(report.tickets.collectedByDeviceType)).toEqual({ phone: 1 });
  });

  it('lists overdue and near-due tickets as of the end of the day', () => {
    const d = report.deadlines;
    expect(d.asOf).toBe(Date.parse('2026-11-21T00:00:00+08:00'));
    expect(
      d.rows
        .filter((r) => r.overdue)
        .map((r) => r.number)
        .sort(),
    ).toEqual(EXPECTED.overdue);
    expect(d.rows.filter((r) => !r.overdue).map((r) => r.number)).toEqual(EXPECTED.nearDue);
    expect([d.overdue, d.nearDue]).toEqual([EXPECTED.overdue.length, EXPECTED.nearDue.length]);
    // Overdue first, the longest overdue at the top.
    expect(d.rows[0].number).toBe('R-000004');
  });

  it('sums quality checks, and lists the failed one with its feedback', () => {
    const { failed, ...q } = report.quality;
    expect(q).toEqual(EXPECTED.qc);
    expect(failed).toEqual([
      { number: 'R-000010', total: 60, inspector: '质检 李', feedback: 'Speaker still crackles' },
    ]);
  });

  it('per technician: completed, minutes within the day (split at midnight), QC average', () => {
    const byId = new Map(report.technicians.map((t) => [t.staffId, t]));
    expect(byId.get(ids.techA)).toMatchObject(EXPECTED.techA);
    expect(byId.get(ids.techB)).toMatchObject(EXPECTED.techB);
    expect(report.technicians).toHaveLength(2);
  });

  it('no section waits for another area any more', () => {
    expect(report.pending).toEqual([]);
  });

  it('the next day gets the midnight pickup, the other half of the timer and the 00:00 intake', async () => {
    const next = (await shop.call(manager, 'report.daily', { date: '2026-11-21' })) as DailyReport;
    expect(next.tickets.collected).toBe(1);
    expect(next.tickets.received).toBe(1);
    expect(next.technicians.find((t) => t.staffId === ids.techA)?.minutes).toBe(30);
  });

  it('is for managers: a counter clerk is refused', async () => {
    const err = await shop.fail(await shop.as('counter'), 'report.daily', { date: DAY });
    expect(err.code).toBe('FORBIDDEN');
  });
});

describe('money, parts and follow-up of the same day', () => {
  const byMethod = () =>
    Object.fromEntries(report.payments.takings.map(({ method, ...r }) => [method, r]));

  it('takings by payment method: the split payment, the change and the refund; the 00:05 pickup is not in', () => {
    const p = report.payments;
    expect(byMethod()).toEqual(EXPECTED_MONEY.takings);
    expect([p.inCents, p.outCents, p.netCents]).toEqual([
      EXPECTED_MONEY.inCents,
      EXPECTED_MONEY.outCents,
      EXPECTED_MONEY.netCents,
    ]);
    expect(p.deposits).toEqual(EXPECTED_MONEY.deposits);
    expect(p.closed).toBeNull();
  });

  it('refunds and discounts name the manager who approved them', () => {
    const p = report.payments;
    expect(p.refunds).toEqual([
      {
        invoice: 'INV-000003',
        corrects: 'INV-000001',
        ticket: 'R-000000',
        cents: 3000,
        reason: 'Screen protector not fitted',
        approvedBy: '店长 周',
      },
    ]);
    expect(p.discounts).toEqual([
      {
        invoice: 'INV-000002',
        ticket: 'R-000001',
        cents: 2000,
        reason: 'Loyal customer',
        givenBy: 'Counter Bo',
        approvedBy: '店长 周',
      },
    ]);
    expect([p.refundsCents, p.discountsCents]).toEqual([
      EXPECTED_MONEY.refundsCents,
      EXPECTED_MONEY.discountsCents,
    ]);
  });

  it('parts fitted that day with cost, price and margin', () => {
    const x = report.parts;
    const e = EXPECTED_MONEY.parts;
    expect([x.qty, x.costCents, x.priceCents]).toEqual([e.qty, e.costCents, e.priceCents]);
    expect(x.marginCents).toBe(e.priceCents - e.costCents);
    expect(x.marginPct).toBe(Math.round(((e.priceCents - e.costCents) / e.priceCents) * 1000) / 10);
    expect(x.rows.map((r) => [r.sku, r.qty, r.marginCents])).toEqual([
      ['SCR-13', 1, 13000],
      ['BAT-S23', 2, 14000],
    ]);
  });

  it('callbacks due and done, the unhappy customer, manager tasks open at the end of the day', () => {
    const f = report.followup;
    const e = EXPECTED_MONEY.followup;
    expect([f.callbacksDue, f.callbacksDone]).toEqual([e.callbacksDue, e.callbacksDone]);
    expect(f.callbacksOpen.map((c) => c.ticket)).toEqual(e.open);
    expect(f.unhappy).toEqual([
      {
        ticket: 'R-000000',
        customer: '张伟',
        satisfaction: 'dissatisfied',
        nps: 3,
        comments: '屏幕又闪了',
      },
    ]);
    expect(f.openTasks.map((m) => m.summary).sort()).toEqual([
      'Slow repair',
      'dissatisfied · 屏幕又闪了',
    ]);
    expect(f.openTasks.find((m) => m.summary === 'Slow repair')?.overdue).toBe(true);
  });

  it("the next day has the midnight pickup's card payment", async () => {
    const next = (await shop.call(manager, 'report.daily', { date: '2026-11-21' })) as DailyReport;
    expect(next.payments.takings).toEqual([
      { method: 'card', inCents: 45000, outCents: 0, netCents: 45000, payments: 1 },
    ]);
    expect(next.parts.qty).toBe(1);
  });
});

describe('the dashboard over the same day', () => {
  let k: KpiDashboard;
  beforeAll(async () => {
    k = (await shop.call(manager, 'kpi.dashboard', { from: DAY, to: DAY })) as KpiDashboard;
  });

  it('rates: SLA compliance, first-time fix, repeat repairs, QC', () => {
    expect(k.completed).toBe(3);
    expect(k.slaCompliance).toBe(66.7); // T5 finished after its promise
    expect(k.firstTimeFix).toBe(50); // T5 failed QC the day before
    expect(k.repeatRate).toBe(33.3); // T3 of three faults received
    expect(k.qc).toEqual({ count: 3, average: 75.7, failRate: 33.3 });
  });

  it('intake per day and turnaround median / 90th percentile', () => {
    expect(k.intakePerDay).toEqual([{ date: DAY, count: 4 }]);
    expect(k.turnaround).toEqual([{ date: DAY, completed: 3, p50Hours: 5.5, p90Hours: 34 }]);
  });

  it('backlog by status right now', () => {
    expect(counts(k.backlog)).toEqual({ in_repair: 4, ready: 2, received: 2, awaiting_parts: 1 });
  });

  it('per technician and top faults per model', () => {
    const a = k.technicians.find((t) => t.staffId === ids.techA);
    const b = k.technicians.find((t) => t.staffId === ids.techB);
    expect(a).toMatchObject({
      completed: 2,
      medianHours: 5.5,
      qcAverage: 92,
      qcFails: 0,
      minutes: 90,
    });
    expect(b).toMatchObject({
      completed: 1,
      medianHours: 1,
      qcAverage: 67.5,
      qcFails: 1,
      minutes: 60,
    });
    expect(k.topFaults).toContainEqual({
      model: 'Huawei Mate 60 Pro',
      problem: '屏幕闪烁，又坏了',
      count: 1,
    });
    expect(k.topFaults.reduce((n, f) => n + f.count, 0)).toBe(3);
  });

  it('satisfaction and NPS from the callbacks done', () => {
    expect(k.satisfaction).toEqual(EXPECTED_MONEY.satisfaction);
  });

  it('refuses a range that ends before it starts', async () => {
    const err = await shop.fail(manager, 'kpi.dashboard', { from: DAY, to: '2026-11-01' });
    expect(err.code).toBe('VALIDATION');
  });
});
