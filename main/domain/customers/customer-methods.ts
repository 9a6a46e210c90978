import type { CustomerDto, DeviceDto } from '../../api/contract';
import { notFound } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { byId, customerSearchSchema, modelSearchSchema } from '../../api/schemas/misc';
import { Customer, Device } from '../../db/entities';
import { ticketSummaries } from '../tickets/ticket-queries';
import { customerPage } from './customer-search';
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

export const customerMethods = [
  defineMethod('customers.search', {
    input: customerSearchSchema,
    access: 'customer.read',
    write: false,
    async handler({ q, limit }, ctx) {
      return customerPage(ctx.em, q, limit);
    },
  }),

  defineMethod('customers.get', {
    input: byId,
    access: 'customer.read',
    write: false,
    async handler({ id }, ctx) {
      const customer = await ctx.em.findOne(Customer, { where: { id } });
      if (!customer) throw notFound('Customer');
      const devices = await ctx.em.find(Device, {
        where: { customerId: id },
        order: { id: 'DESC' },
      });
      const tickets = await ticketSummaries(
        ctx.em,
        't.customer_id = ?',
        [id],
        'ORDER BY t.received_at DESC LIMIT 50',
      );
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
      const rows: Array<{ type: string; brand: string; model: string; uses: number }> =
        await ctx.em.query(
          `SELECT type, brand, model, uses FROM device_model ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY uses DESC, model LIMIT ?`,
          [...params, limit],
        );
      return rows;
    },
  }),
];
