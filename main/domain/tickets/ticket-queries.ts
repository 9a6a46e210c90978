import type { EntityManager } from 'typeorm';
import type { TicketSummary, WarrantyStatus } from '../../api/contract';
import type { Customer, Device, Ticket } from '../../db/entities';
import { preparedAll } from '../../db/sql';

/** One select for every list of tickets, so each screen shows the same fields. */
export const TICKET_SUMMARY_SELECT = `
  SELECT t.id, t.number, t.status, t.category, t.priority, t.service_mode, t.warranty,
         t.repeat_of_id, t.customer_id, t.device_id, c.name AS customer_name, c.phone AS customer_phone,
         d.brand, d.model, t.problem, t.received_at, t.promised_at, t.updated_at
  FROM ticket t
  JOIN customer c ON c.id = t.customer_id
  JOIN device d ON d.id = t.device_id`;

export interface TicketSummaryRow {
  id: number;
  number: string;
  status: string;
  category: string;
  priority: string;
  service_mode: string;
  warranty: string;
  repeat_of_id: number | null;
  customer_id: number;
  device_id: number;
  customer_name: string;
  customer_phone: string;
  brand: string;
  model: string;
  problem: string;
  received_at: number;
  promised_at: number;
  updated_at: number;
}

/** The summary of a ticket this call has just written, from the rows it wrote (a read-back
 * would be one more round trip inside the transaction). */
export function summaryOfWritten(
  t: Pick<
    Ticket,
    | 'id'
    | 'number'
    | 'status'
    | 'category'
    | 'priority'
    | 'serviceMode'
    | 'warranty'
    | 'repeatOfId'
    | 'problem'
    | 'receivedAt'
    | 'promisedAt'
    | 'updatedAt'
  >,
  c: Pick<Customer, 'id' | 'name' | 'phone'>,
  d: Pick<Device, 'id' | 'brand' | 'model'>,
): TicketSummary {
  return toTicketSummary({
    id: t.id,
    number: t.number,
    status: t.status,
    category: t.category,
    priority: t.priority,
    service_mode: t.serviceMode,
    warranty: t.warranty,
    repeat_of_id: t.repeatOfId,
    customer_id: c.id,
    device_id: d.id,
    customer_name: c.name,
    customer_phone: c.phone,
    brand: d.brand,
    model: d.model,
    problem: t.problem,
    received_at: t.receivedAt,
    promised_at: t.promisedAt,
    updated_at: t.updatedAt,
  });
}

export const deviceLabel = (brand: string, model: string) =>
  model.toLowerCase().startsWith(brand.toLowerCase()) ? model : `${brand} ${model}`;

export function toTicketSummary(r: TicketSummaryRow): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    category: r.category,
    priority: r.priority,
    serviceMode: r.service_mode,
    warranty: r.warranty as WarrantyStatus,
    isRepeat: r.repeat_of_id !== null,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    deviceId: r.device_id,
    deviceLabel: deviceLabel(r.brand, r.model),
    problem: r.problem,
    receivedAt: r.received_at,
    promisedAt: r.promised_at,
    updatedAt: r.updated_at,
  };
}

export async function ticketSummaries(
  em: EntityManager,
  where: string,
  params: unknown[],
  tail = '',
  opts: { prepared?: boolean } = {},
): Promise<TicketSummary[]> {
  const sql = `${TICKET_SUMMARY_SELECT} WHERE ${where} ${tail}`;
  const rows = opts.prepared
    ? await preparedAll<TicketSummaryRow>(em, sql, params)
    : ((await em.query(sql, params)) as TicketSummaryRow[]);
  return rows.map(toTicketSummary);
}

/** The statement `pagedTicketRows` runs. */
export function pagedTicketSql(select: string, idQuery: string, order: string): string {
  const sql = select.replace('FROM ticket t', 'FROM page JOIN ticket t ON t.id = page.id');
  return `WITH page AS (${idQuery}) ${sql} ORDER BY ${order}`;
}

/**
 * A page of tickets: the ids are picked from an index first, then only that page is joined.
 * Joining every open ticket before sorting took ~220 ms at 1M tickets; this takes < 1 ms.
 * `idQuery` must select `t.id` from `ticket t` (plus any joins it filters on) in page order,
 * and `order` repeats that order for the outer query.
 */
export async function pagedTicketRows<R>(
  em: EntityManager,
  select: string,
  idQuery: string,
  params: unknown[],
  order: string,
  opts: { prepared?: boolean } = {},
): Promise<R[]> {
  const text = pagedTicketSql(select, idQuery, order);
  return opts.prepared ? preparedAll<R>(em, text, params) : em.query(text, params);
}
