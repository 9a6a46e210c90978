import { defineMethod } from '../../api/method';
import { globalSearchSchema } from '../../api/schemas/misc';
import { customerSummaries } from '../customers/customer-methods';
import { customerSearch } from '../customers/customer-search';
import { parseTicketNumber } from '../tickets/ticket-number';
import { ticketSummaries } from '../tickets/ticket-queries';

interface DeviceRow {
  id: number;
  customer_id: number;
  type: string;
  brand: string;
  model: string;
  serial: string | null;
  imei: string | null;
  purchase_date: string | null;
  proof: string;
  customer_name: string;
}

/** Spotlight: a ticket number, a phone, a name, a serial or an IMEI, in one box. */
export const searchMethods = [
  defineMethod('search.global', {
    input: globalSearchSchema,
    access: 'ticket.read',
    write: false,
    async handler({ q }, ctx) {
      const { em, services } = ctx;
      const { settings } = services;
      const number = parseTicketNumber(q, settings.get('ticket.prefix'), settings.get('ticket.digits'));
      // The three lookups do not depend on each other: on PostgreSQL each goes out on its own
      // pooled connection at once (one round-trip wait instead of three); SQLite runs them in turn.
      const [byNumber, customerIds, deviceRows] = await Promise.all([
        number ? ticketSummaries(em, 't.number = ?', [number]) : Promise.resolve([]),
        customerSearch.findIds(em, q, 5),
        q.length >= 5
          ? (em.query(
              `SELECT d.*, c.name AS customer_name FROM device d JOIN customer c ON c.id = d.customer_id
               WHERE d.serial = ? OR d.imei = ? LIMIT 5`,
              [q, q],
            ) as Promise<DeviceRow[]>)
          : Promise.resolve([] as DeviceRow[]),
      ]);
      const ownerIds = [...customerIds.slice(0, 3), ...deviceRows.map((d) => d.customer_id)];
      const [customers, related] = await Promise.all([
        customerSummaries(em, customerIds),
        ownerIds.length
          ? ticketSummaries(
              em,
              `t.customer_id IN (${ownerIds.map(() => '?').join(',')})`,
              ownerIds,
              'ORDER BY t.received_at DESC LIMIT 8',
            )
          : Promise.resolve([]),
      ]);
      const tickets = [...byNumber, ...related.filter((t) => !byNumber.some((b) => b.id === t.id))];
      return {
        tickets: tickets.slice(0, 10),
        customers,
        devices: deviceRows.map((d) => ({
          id: d.id,
          customerId: d.customer_id,
          type: d.type,
          brand: d.brand,
          model: d.model,
          serial: d.serial,
          imei: d.imei,
          purchaseDate: d.purchase_date,
          proof: d.proof,
          customerName: d.customer_name,
        })),
      };
    },
  }),
];
