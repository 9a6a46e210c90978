import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../main/api/contract';
import { waitForExport } from '../../main/domain/reports/export/export-jobs';
import { NOW, buildReportDay } from '../fixtures/report-day';
import { openTestShop, type TestShop } from '../helpers/workstation';

let shop: TestShop;
let manager: string;
const TRICKY = 'Zhang, "Big" 张\n三; 100% \r\n=SUM(A1)';

beforeAll(async () => {
  shop = await openTestShop({ start: NOW });
  const ids = await buildReportDay(shop.sql);
  await shop.sql.run('UPDATE ticket SET problem = ? WHERE id = ?', TRICKY, ids.tickets.T1);
  manager = await shop.as('manager');
});
afterAll(() => shop.close());

async function exportAll(kind: string, from: string, to: string) {
  const progress: ExportJob[] = [];
  const off = shop.ws.events.subscribe((m) => {
    if (m.name === 'export.progress') progress.push(m.payload as ExportJob);
  });
  const started = (await shop.call(manager, 'export.start', { kind, from, to })) as ExportJob;
  const job = await waitForExport(started.jobId);
  off();
  const bytes = fs.readFileSync(job.path);
  return { job, bytes, progress };
}

describe('CSV export', () => {
  it('tickets of a date range round-trip commas, quotes, newlines and Chinese; UTF-8 with a BOM', async () => {
    const { job, bytes, progress } = await exportAll('tickets', '2026-11-19', '2026-11-20');
    expect(job).toMatchObject({
      state: 'done',
      total: 6,
      done: 6,
      fileName: 'tickets-2026-11-19-to-2026-11-20.csv',
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    // In received order; the day's bounds are local: 23:59:59 is in, 00:00 the next day is out.
    expect(rows.map((r) => r.number)).toEqual([
      'R-000005',
      'R-000010',
      'R-000001',
      'R-000002',
      'R-000003',
      'R-000006',
    ]);
    const t1 = rows.find((r) => r.number === 'R-000001')!;
    expect(t1.problem).toBe(TRICKY);
    expect(t1.customer).toBe('Zhang, "Big" Wei');
    expect(t1.received).toBe('2026-11-20 09:30:00');
    expect(rows.find((r) => r.number === 'R-000002')!.problem).toBe('How to back up\nphotos');
    expect(rows.find((r) => r.number === 'R-000003')!).toMatchObject({
      customer: '张伟',
      repeat_of: 'R-000000',
    });
    expect(rows.find((r) => r.number === 'R-000006')!.received).toBe('2026-11-20 23:59:59');
    expect(progress.at(-1)).toMatchObject({ state: 'done', done: 6 });
  });

  it('customers created in the range', async () => {
    const { bytes } = await exportAll('customers', '2026-11-20', '2026-11-20');
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.name)).toEqual(['Zhang, "Big" Wei', '李娜', '张伟', '刘洋']);
    expect(rows[0]).toMatchObject({ tickets: '1', last_visit: '2026-11-20 09:30:00' });
  });

  it('pages through more rows than one page holds', async () => {
    const raw = shop.ws.services.raw;
    const t = raw
      .prepare('SELECT customer_id, device_id, created_by FROM ticket LIMIT 1')
      .get() as Record<string, number>;
    const ins = raw.prepare(
      `INSERT INTO ticket (number, customer_id, device_id, status, category, priority, service_mode, problem, accessories,
         condition_notes, backup_ack, warranty, estimate_cents, deposit_cents, promised_at, received_at, created_by, updated_at)
       VALUES (?, ?, ?, 'received', 'fault', 'normal', 'carry_in', 'x', '[]', '', 1, 'unknown', 0, 0, ?, ?, ?, ?)`,
    );
    const base = Date.parse('2026-10-01T09:00:00+08:00');
    // 4500 tickets, many at the same millisecond: the keyset cursor must not skip or repeat.
    raw.transaction(() => {
      for (let i = 0; i < 4500; i++)
        ins.run(
          `P-${i}`,
          t.customer_id,
          t.device_id,
          base,
          base + Math.floor(i / 7),
          t.created_by,
          NOW,
        );
    })();
    const { job, bytes } = await exportAll('tickets', '2026-10-01', '2026-10-01');
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(job.total).toBe(4500);
    expect(new Set(rows.map((r) => r.number)).size).toBe(4500);
  });

  it('cells that a spreadsheet would run as formulas get a leading apostrophe (OWASP)', async () => {
    const raw = shop.ws.services.raw;
    const t2 = raw
      .prepare("SELECT id, customer_id, device_id FROM ticket WHERE number = 'R-000002'")
      .get() as Record<string, number>;
    raw
      .prepare('UPDATE customer SET name = ? WHERE id = ?')
      .run('=HYPERLINK("http://evil","x")', t2.customer_id);
    raw
      .prepare('UPDATE device SET model = ?, serial = ? WHERE id = ?')
      .run('@SUM(A1)', '\tcmd', t2.device_id);
    raw.prepare('UPDATE ticket SET problem = ?, cause = ? WHERE id = ?').run('+1+1', '-2+3', t2.id);
    const { bytes } = await exportAll('tickets', '2026-11-20', '2026-11-20');
    const rows = parse(bytes, { bom: true, columns: true, relax_quotes: false }) as Array<
      Record<string, string>
    >;
    expect(rows.find((r) => r.number === 'R-000002')).toMatchObject({
      customer: `'=HYPERLINK("http://evil","x")`,
      model: "'@SUM(A1)",
      serial: "'\tcmd",
      problem: "'+1+1",
      cause: "'-2+3",
    });
    // Ordinary values are left alone.
    expect(rows.find((r) => r.number === 'R-000001')).toMatchObject({
      problem: TRICKY,
      estimate: '0.00',
    });
  });

  it('customers are personal data: only a manager may export them', async () => {
    for (const role of ['counter', 'technician', 'inspector'] as const) {
      const err = await shop.fail(await shop.as(role), 'export.start', {
        kind: 'customers',
        from: '2026-11-20',
        to: '2026-11-20',
      });
      expect([role, err.code]).toEqual([role, 'FORBIDDEN']);
    }
  });

  it('needs a manager; counter staff are refused and the refusal is audited', async () => {
    const err = await shop.fail(await shop.as('counter'), 'export.start', {
      kind: 'tickets',
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(err.code).toBe('FORBIDDEN');
    const audited = shop.ws.services.raw
      .prepare("SELECT outcome FROM audit_entry WHERE action = 'export.start' ORDER BY id")
      .all() as Array<{ outcome: string }>;
    expect(audited.map((a) => a.outcome)).toContain('denied');
    expect(audited.map((a) => a.outcome)).toContain('success');
  });
});
