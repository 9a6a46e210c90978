import { sqlOf } from '../../../db/sql';
import { dayTakings } from '../day-close/takings';
import type { DailySection } from './section';

const n = (v: unknown) => Number(v ?? 0);

/** The day's money: payments by method (one indexed read of payment.at), deposits taken at
 * intake, refunds (correction invoices) and discounts, each with the manager who approved. */
export const paymentsSection: DailySection<'payments'> = {
  key: 'payments',
  async build(s) {
    const { takings } = await dayTakings(s.em, s.from, s.to);
    const [dep]: Array<{ count: number; cents: number | null }> = await sqlOf(s.em).all(
      `SELECT count(*) AS count, sum(deposit_cents) AS cents FROM ticket
         WHERE received_at >= ? AND received_at < ? AND deposit_cents > 0`,
      s.from,
      s.to,
    );
    const refunds: Array<{
      invoice: string;
      corrects: string | null;
      ticket: string;
      cents: number;
      reason: string | null;
      approved_by: string | null;
    }> = await sqlOf(s.em).all(
      `SELECT i.number AS invoice, o.number AS corrects, t.number AS ticket, -i.total_cents AS cents,
              i.reason, a.name AS approved_by
         FROM invoice i JOIN ticket t ON t.id = i.ticket_id
         LEFT JOIN invoice o ON o.id = i.corrects_id LEFT JOIN staff a ON a.id = i.approved_by
        WHERE i.created_at >= ? AND i.created_at < ? AND i.kind = 'correction' ORDER BY i.created_at, i.id`,
      s.from,
      s.to,
    );
    const discounts: Array<{
      invoice: string;
      ticket: string;
      cents: number;
      reason: string | null;
      given_by: string;
      approved_by: string | null;
    }> = await sqlOf(s.em).all(
      `SELECT i.number AS invoice, t.number AS ticket, i.discount_cents AS cents, i.reason,
              g.name AS given_by, a.name AS approved_by
         FROM invoice i JOIN ticket t ON t.id = i.ticket_id JOIN staff g ON g.id = i.created_by
         LEFT JOIN staff a ON a.id = i.approved_by
        WHERE i.created_at >= ? AND i.created_at < ? AND i.kind = 'invoice' AND i.discount_cents > 0
        ORDER BY i.created_at, i.id`,
      s.from,
      s.to,
    );
    const [closed]: Array<{ counted: number; variance: number; name: string }> = await sqlOf(
      s.em,
    ).all(
      `SELECT c.counted_cents AS counted, c.variance_cents AS variance, st.name FROM day_close c
         JOIN staff st ON st.id = c.closed_by WHERE c.business_date = ?`,
      s.date,
    );
    const sum = (l: Array<{ cents: number }>) => l.reduce((a, r) => a + n(r.cents), 0);
    const inCents = takings.reduce((a, r) => a + r.inCents, 0);
    const outCents = takings.reduce((a, r) => a + r.outCents, 0);
    return {
      takings,
      inCents,
      outCents,
      netCents: inCents - outCents,
      deposits: { count: n(dep.count), cents: n(dep.cents) },
      refunds: refunds.map((r) => ({
        invoice: r.invoice,
        corrects: r.corrects,
        ticket: r.ticket,
        cents: n(r.cents),
        reason: r.reason,
        approvedBy: r.approved_by,
      })),
      refundsCents: sum(refunds),
      discounts: discounts.map((d) => ({
        invoice: d.invoice,
        ticket: d.ticket,
        cents: n(d.cents),
        reason: d.reason,
        givenBy: d.given_by,
        approvedBy: d.approved_by,
      })),
      discountsCents: sum(discounts),
      closed: closed
        ? {
            countedCents: n(closed.counted),
            varianceCents: n(closed.variance),
            closedBy: closed.name,
          }
        : null,
    };
  },
};
