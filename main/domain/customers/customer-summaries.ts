import type { EntityManager } from 'typeorm';
import type { CustomerSummary } from '../../api/contract';
import { marks } from '../../db/sql';

export interface CustomerSummaryRow {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  channel: string;
  created_at: number;
  ticket_count: number;
  last_visit_at: number | null;
}

/** A customer `c` with its visit count and last visit, over its tickets `t`: one walk of the
 * (customer_id, received_at) index per customer gives both. */
const COLUMNS = `c.id, c.name, c.phone, c.email, c.channel, c.created_at,
  count(t.customer_id) AS ticket_count, max(t.received_at) AS last_visit_at`;
const GROUP = 'c.id, c.name, c.phone, c.email, c.channel, c.created_at';

/** `n` customers by id (`?` each), in no particular order. */
export const customerSummarySql = (n: number) =>
  `SELECT ${COLUMNS} FROM customer c LEFT JOIN ticket t ON t.customer_id = c.id
   WHERE c.id IN (${marks(n)}) GROUP BY ${GROUP}`;

/** The customers a statement ranks (it yields `id, rn`), in rank order, as one statement. */
export const rankedSummarySql = (ranked: string) =>
  `SELECT ${COLUMNS}, f.rn FROM (${ranked}) f JOIN customer c ON c.id = f.id
   LEFT JOIN ticket t ON t.customer_id = c.id GROUP BY f.rn, ${GROUP} ORDER BY f.rn`;

export const toCustomerSummary = (r: CustomerSummaryRow): CustomerSummary => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  channel: r.channel,
  createdAt: r.created_at,
  ticketCount: r.ticket_count,
  lastVisitAt: r.last_visit_at,
});

/** Customers by id, in the given order, with their visit counts. */
export async function customerSummaries(
  em: EntityManager,
  ids: number[],
): Promise<CustomerSummary[]> {
  if (ids.length === 0) return [];
  const rows: CustomerSummaryRow[] = await em.query(customerSummarySql(ids.length), ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toCustomerSummary(r)] : [];
  });
}
