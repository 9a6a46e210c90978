import { sqlOf } from '../../../db/sql';
import type { EntityManager } from 'typeorm';
import type { CashFigures, TakingsRow } from '../../../api/contract';

/**
 * A day's payments by method, one indexed read of `payment.at`. Payments are append-only and
 * money handed back is recorded as negative payments (change, refunds, returned deposits), so
 * the cash rows add up to what the till should hold.
 */
export async function dayTakings(
  em: EntityManager,
  from: number,
  to: number,
): Promise<{ takings: TakingsRow[]; cash: CashFigures }> {
  const rows: Array<{ method: string; in_c: number; out_c: number; change_c: number; n: number }> =
    await sqlOf(em).all(
      `SELECT method,
              sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS in_c,
              -sum(CASE WHEN amount_cents < 0 THEN amount_cents ELSE 0 END) AS out_c,
              -sum(CASE WHEN amount_cents < 0 AND reference = 'change' THEN amount_cents ELSE 0 END) AS change_c,
              count(*) AS n
         FROM payment WHERE at >= ? AND at < ? GROUP BY method ORDER BY in_c DESC, method`,
      from,
      to,
    );
  const takings = rows.map((r) => ({
    method: r.method,
    inCents: Number(r.in_c),
    outCents: Number(r.out_c),
    netCents: Number(r.in_c) - Number(r.out_c),
    payments: Number(r.n),
  }));
  const c = rows.find((r) => r.method === 'cash');
  const inCents = Number(c?.in_c ?? 0);
  const changeCents = Number(c?.change_c ?? 0);
  const refundsCents = Number(c?.out_c ?? 0) - changeCents;
  return {
    takings,
    cash: {
      inCents,
      changeCents,
      refundsCents,
      expectedCents: inCents - changeCents - refundsCents,
    },
  };
}
