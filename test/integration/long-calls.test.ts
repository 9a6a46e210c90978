import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dispatcher } from '../../main/api/dispatcher';
import { defineMethod, type MethodDef } from '../../main/api/method';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

// Long work runs outside the dispatcher's queue: other calls are answered while it runs,
// its audit entry follows, and it cannot reach the shared connection except through a slice.

let shop: TestShop;
let manager: string;
let number: string;
beforeAll(async () => {
  shop = await openTestShop();
  manager = await shop.as('manager');
  const counter = await shop.as('counter');
  const t = (await shop.call(counter, 'intake.commit', validWalkIn())) as {
    ticket: { number: string };
  };
  number = t.ticket.number;
});
afterAll(() => shop.close());

const csv = (rows: number, prefix: string) =>
  [
    'sku,barcodes,name,category,models,bin,cost,price,reorder_point,reorder_qty',
    ...Array.from({ length: rows }, (_, i) => `${prefix}-${i},,配件 ${i},Misc,,L-1,1.00,2.00,0,0`),
  ].join('\n');

describe('long calls', () => {
  it('a lookup issued after an import started is answered before the import ends', async () => {
    const order: string[] = [];
    const importing = shop
      .call(manager, 'parts.import', { csv: csv(4000, 'LONG'), mode: 'all' })
      .then(() => order.push('import'));
    // Let the import get going (it was checked and left the queue), then ask for a ticket.
    await new Promise((r) => setTimeout(r, 20));
    await shop.call(manager, 'tickets.progress', { number }).then(() => order.push('lookup'));
    await importing;
    expect(order).toEqual(['lookup', 'import']);
    expect(shop.count('part')).toBe(4000);
  });

  it('an export, a PDF, a backup and a chain check run together beside lookups, each audited', async () => {
    const heavy = Promise.all([
      shop.call(manager, 'parts.export', { what: 'parts' }),
      shop.call(manager, 'report.dailyPdf', { date: '2026-11-23', lang: 'zh' }),
      shop.call(manager, 'safety.backupNow', {}),
      shop.call(manager, 'audit.verify', {}),
    ]);
    let lookups = 0;
    let done = false;
    void heavy.finally(() => (done = true));
    while (!done) {
      await shop.call(manager, 'tickets.progress', { number });
      lookups++;
      // A client's next request arrives later (over IPC or HTTP), never in the same tick.
      await new Promise((r) => setTimeout(r, 5));
    }
    const [exp, pdf, backup, verify] = (await heavy) as [
      { rows: number },
      { base64: string },
      { file: string },
      { ok: boolean },
    ];
    expect(exp.rows).toBe(4000);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(backup.file).toMatch(/manual\.(sqlite|pgdump)$/);
    expect(verify.ok).toBe(true);
    expect(lookups).toBeGreaterThan(1);
    const audited = (
      await shop.sql.all<{ action: string }>(
        `SELECT action FROM audit_entry WHERE outcome = 'success' AND action IN
         ('parts.export', 'report.dailyPdf', 'safety.backupNow', 'audit.verify', 'parts.import')`,
      )
    ).map((r) => r.action);
    expect(new Set(audited)).toEqual(
      new Set([
        'parts.import',
        'parts.export',
        'report.dailyPdf',
        'safety.backupNow',
        'audit.verify',
      ]),
    );
  }, 120_000);

  it('a long method that touches ctx.em outside a slice fails loudly; through a slice it works', async () => {
    const errors: unknown[] = [];
    const def = (name: string, useSlice: boolean) =>
      defineMethod(name as 'audit.verify', {
        input: z.object({}),
        access: 'audit.read',
        write: false,
        long: true,
        async handler(_i, ctx) {
          const read = (em: typeof ctx.em) => em.query('SELECT count(*) AS n FROM ticket');
          return (useSlice ? await ctx.slice(read) : await read(ctx.em)) as never;
        },
      }) as MethodDef;
    const d = new Dispatcher(shop.ws.services, [def('t.bad', false), def('t.good', true)], {
      error: (_m, e) => errors.push(e),
    });
    const meta = { token: manager, origin: 'test' };
    const bad = await d.call('t.bad', {}, meta);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(String(errors[0])).toMatch(/use ctx\.slice/);
    const good = await d.call('t.good', {}, meta);
    expect(good).toEqual({ ok: true, result: [{ n: 1 }] });
    await d.idle();
  });
});
