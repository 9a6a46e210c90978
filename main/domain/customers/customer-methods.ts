import type { EntityManager } from 'typeorm';
import type { CustomerDto, CustomerSummary, DeviceDto } from '../../api/contract';
import { notFound } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { byId, customerSearchSchema, modelSearchSchema } from '../../api/schemas/misc';
import { Customer, Device } from '../../db/entities';
import { marks } from '../../db/sql';
import { ticketSummaries } from '../tickets/ticket-queries';
import { customerSearch } from './customer-search';
import { normalizeName, prefixEnd } from './normalize';

export const toCustomerDto = (c: Customer): CustomerDto => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  email: c.email,
  channel: c.channel,
  createdAt: c.createdAt,
});

export const toDeviceDto = (d: Device): DeviceDto => ({
  id: d.id,
  customerId: d.customerId,
  type: d.type,
  brand: d.brand,
  model: d.model,
  serial: d.serial,
  imei: d.imei,
  purchaseDate: d.purchaseDate,
  proof: d.proof,
});

interface SummaryRow {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  channel: string;
  created_at: number;
  ticket_count: number;
  last_visit_at: number | null;
}

/** `n` customers by id with their visit counts: one walk of the (customer_id, received_at)
 * index per customer gives both the count and the last visit. */
export const customerSummarySql = (n: number) =>
  `SELECT c.id, c.name, c.phone, c.email, c.channel, c.created_at,
          count(t.customer_id) AS ticket_count, max(t.received_at) AS last_visit_at
   FROM customer c LEFT JOIN ticket t ON t.customer_id = c.id
   WHERE c.id IN (${marks(n)})
   GROUP BY c.id, c.name, c.phone, c.email, c.channel, c.created_at`;

/** Customers by id, in the given order, with their visit counts. */
export async function customerSummaries(em: EntityManager, ids: number[]): Promise<CustomerSummary[]> {
  if (ids.length === 0) return [];
  const rows: SummaryRow[] = await em.query(customerSummarySql(ids.length), ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            id: r.id,
            name: r.name,
            phone: r.phone,
            email: r.email,
            channel: r.channel,
            createdAt: r.created_at,
            ticketCount: r.ticket_count,
            lastVisitAt: r.last_visit_at,
          },
        ]
      : [];
  });
}

export const customerMethods = [
  defineMethod('customers.search', {
    input: customerSearchSchema,
    access: 'customer.read',
    write: false,
    async handler({ q, limit }, ctx) {
      const ids = await customerSearch.findIds(ctx.em, q, limit);
      return customerSummaries(ctx.em, ids);
    },
  }),

  defineMethod('customers.get', {
    input: byId,
    access: 'customer.read',
    write: false,
    async handler({ id }, ctx) {
      const customer = await ctx.em.findOne(Customer, { where: { id } });
      if (!customer) throw notFound('Customer');
      const devices = await ctx.em.find(Device, { where: { customerId: id }, order: { id: 'DESC' } });
      const tickets = await ticketSummaries(ctx.em, 't.customer_id = ?', [id], 'ORDER BY t.received_at DESC LIMIT 50');
      return { customer: toCustomerDto(customer), devices: devices.map(toDeviceDto), tickets };
    },
  }),

  defineMethod('devices.models', {
    input: modelSearchSchema,
    access: 'customer.read',
    write: false,
    async handler({ q, type, brand, limit }, ctx) {
      const norm = normalizeName(q);
      const where: string[] = [];
      const params: unknown[] = [];
      if (type) {
        where.push('type = ?');
        params.push(type);
      }
      if (brand) {
        where.push('lower(brand) = ?');
        params.push(normalizeName(brand));
      }
      if (norm) {
        // model_norm is "brand model": match the start of either.
        where.push('((model_norm >= ? AND model_norm < ?) OR model_norm LIKE ?)');
        params.push(norm, prefixEnd(norm), `% ${norm.replace(/[%_]/g, '')}%`);
      }
      const rows: Array<{ type: string; brand: string; model: string; uses: number }> = await ctx.em.query(
        `SELECT type, brand, model, uses FROM device_model ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY uses DESC, model LIMIT ?`,
        [...params, limit],
      );
      return rows;
    },
  }),
];
