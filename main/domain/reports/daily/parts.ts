import { sqlOf } from '../../../db/sql';
import type { DailySection } from './section';

const n = (v: unknown) => Number(v ?? 0);

/** Parts fitted this day (consumed lines by the time they were fitted), per part, with the
 * cost they were taken out of stock at and the price charged. */
export const partsSection: DailySection<'parts'> = {
  key: 'parts',
  async build(s) {
    const rows: Array<{ sku: string; name: string; qty: number; cost: number; price: number }> =
      await sqlOf(s.em).all(
        `SELECT p.sku, p.name, sum(tp.qty) AS qty, sum(tp.qty * coalesce(tp.cost_cents, 0)) AS cost,
                sum(tp.qty * tp.price_cents) AS price
           FROM ticket_part tp JOIN part p ON p.id = tp.part_id
          WHERE tp.state = 'consumed' AND tp.updated_at >= ? AND tp.updated_at < ?
          GROUP BY p.id, p.sku, p.name ORDER BY price DESC, p.sku`,
        s.from,
        s.to,
      );
    const list = rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      qty: n(r.qty),
      costCents: n(r.cost),
      priceCents: n(r.price),
      marginCents: n(r.price) - n(r.cost),
    }));
    const total = (k: 'qty' | 'costCents' | 'priceCents' | 'marginCents') =>
      list.reduce((a, r) => a + r[k], 0);
    const priceCents = total('priceCents');
    const marginCents = total('marginCents');
    return {
      rows: list,
      qty: total('qty'),
      costCents: total('costCents'),
      priceCents,
      marginCents,
      marginPct: priceCents > 0 ? Math.round((marginCents / priceCents) * 1000) / 10 : null,
    };
  },
};
