import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seed } from '../../main/cli/seed';
import { seedPickup } from '../../main/cli/seed-pickup';
import { moveShop } from '../../main/db/move/move';
import { freshPgDatabase, testOnPostgres } from '../helpers/pg-test-db';
import { openTestShop } from '../helpers/workstation';

const NOW = Date.parse('2026-11-23T16:00:00+08:00');

describe('pickup demo data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-seed-pickup-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('collects and bills ready tickets through the API, with callbacks done and due, a complaint and returns', async () => {
    const shop = await seed({ dataDir, tickets: 1500, seed: 3, now: NOW });
    const res = await seedPickup({ dataDir, staff: shop.staff, now: NOW, seed: 3 });
    expect(res).not.toBeNull();
    expect(res!.pickups).toBeGreaterThanOrEqual(4);

    // PostgreSQL: the seeders write the folder's SQLite file; the shop moves as `npm run seed
    // -- --db URL` moves it (db:move's copy and verification).
    const dbUrl = testOnPostgres ? await freshPgDatabase() : undefined;
    if (dbUrl) await moveShop({ dataDir, url: dbUrl, now: NOW });
    const t = await openTestShop({ dataDir, start: NOW, dbUrl });
    try {
      const q = <T>(sql: string) => t.sql.all<T>(sql);
      // Every pickup has an invoice whose payments settle it, and its ticket is collected.
      const invoices = await q<{ due: number; paid: number; status: string; lines: number }>(
        `SELECT i.due_cents AS due, coalesce(sum(p.amount_cents), 0) AS paid, t.status,
           (SELECT count(*) FROM estimate_line e WHERE e.ticket_id = t.id) AS lines
         FROM invoice i JOIN ticket t ON t.id = i.ticket_id LEFT JOIN payment p ON p.invoice_id = i.id
         GROUP BY i.id, i.due_cents, t.status, t.id`,
      );
      expect(invoices).toHaveLength(res!.pickups);
      for (const inv of invoices) {
        expect(inv.status).toBe('collected');
        expect(inv.paid).toBe(Math.max(0, inv.due));
      }
      // Mostly paid repairs (a warranty repair is a zero invoice).
      expect(invoices.filter((i) => i.due > 0 && i.lines > 0).length).toBeGreaterThanOrEqual(
        res!.pickups / 2,
      );
      expect(
        (await q<{ n: number }>('SELECT count(DISTINCT method) AS n FROM payment'))[0].n,
      ).toBeGreaterThan(1);
      const callbacks = await q<{ status: string; n: number }>(
        'SELECT status, count(*) AS n FROM callback GROUP BY status ORDER BY status',
      );
      expect(callbacks.find((c) => c.status === 'done')?.n).toBe(res!.callbacksDone);
      expect(res!.callbacksDone).toBeGreaterThanOrEqual(2);
      expect(res!.callbacksDue).toBeGreaterThanOrEqual(2);
      // Some callbacks are already due at "now" (picked up days ago), not only in the future.
      const dueNow = await q<{ n: number }>(
        `SELECT count(*) AS n FROM callback WHERE status = 'due' AND due_at <= ${NOW}`,
      );
      expect(dueNow[0].n).toBeGreaterThan(0);
      expect((await q<{ n: number }>('SELECT count(*) AS n FROM manager_task'))[0].n).toBe(1);
      expect((await q<{ n: number }>('SELECT count(*) AS n FROM complaint'))[0].n).toBe(1);
      expect(await q<{ status: string }>('SELECT status FROM rma ORDER BY id')).toEqual([
        { status: 'received' },
        { status: 'requested' },
      ]);
      // The daily report of "today" counts the devices collected today.
      const admin = await t.as('admin');
      const report = (await t.call(admin, 'report.daily', { date: '2026-11-23' })) as {
        tickets: { collected: number };
      };
      const today = (
        await q<{ n: number }>(
          `SELECT count(*) AS n FROM pickup WHERE at >= ${Date.parse('2026-11-23T00:00:00+08:00')}`,
        )
      )[0].n;
      expect(today).toBeGreaterThan(0);
      expect(report.tickets.collected).toBeGreaterThanOrEqual(today);
    } finally {
      await t.ws.close();
    }
  });
});
