import type { SheetClock } from './sheet-time';
import { formatCents as money } from '../../../api/schemas/money';


/**
 * One exportable table: its columns, a count and ONE statement over [from, to) (parameters
 * from, to) that walks an indexed time column in order, and how a raw row (an array, in the
 * statement's column order) becomes the cells of a line.
 */
export interface ExportSource {
  columns: string[];
  countSql: string;
  sql: string;
  cells(row: unknown[], clock: SheetClock): unknown[];
}

export const ticketExport: ExportSource = {
  columns: [
    'number',
    'received',
    'status',
    'category',
    'priority',
    'service_mode',
    'customer',
    'phone',
    'device_type',
    'brand',
    'model',
    'serial',
    'imei',
    'problem',
    'warranty',
    'repeat_of',
    'estimate',
    'deposit',
    'promised',
    'completed',
    'collected',
    'technician',
    'cause',
  ],
  countSql: 'SELECT count(*) AS n FROM ticket WHERE received_at >= ? AND received_at < ?',
  sql: `SELECT t.number, t.received_at, t.status, t.category, t.priority, t.service_mode, c.name, c.phone,
               d.type, d.brand, d.model, d.serial, d.imei, t.problem, t.warranty, r.number,
               t.estimate_cents, t.deposit_cents, t.promised_at, t.completed_at, t.collected_at, s.name, t.cause
        FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id
        LEFT JOIN staff s ON s.id = t.assigned_to LEFT JOIN ticket r ON r.id = t.repeat_of_id
        WHERE t.received_at >= ? AND t.received_at < ? ORDER BY t.received_at, t.id`,
  cells(r, clock) {
    r[1] = clock.format(r[1] as number);
    r[16] = money(r[16] as number);
    r[17] = money(r[17] as number);
    r[18] = clock.format(r[18] as number);
    r[19] = clock.format(r[19] as number | null);
    r[20] = clock.format(r[20] as number | null);
    return r;
  },
};

export const customerExport: ExportSource = {
  columns: ['name', 'phone', 'email', 'channel', 'created', 'tickets', 'last_visit'],
  countSql: 'SELECT count(*) AS n FROM customer WHERE created_at >= ? AND created_at < ?',
  sql: `SELECT c.name, c.phone, c.email, c.channel, c.created_at,
               (SELECT count(*) FROM ticket t WHERE t.customer_id = c.id),
               (SELECT max(received_at) FROM ticket t WHERE t.customer_id = c.id)
        FROM customer c WHERE c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.id`,
  cells(r, clock) {
    r[4] = clock.format(r[4] as number);
    r[6] = clock.format(r[6] as number | null);
    return r;
  },
};

export const EXPORT_SOURCES = { tickets: ticketExport, customers: customerExport };
