import { In, Like } from 'typeorm';
import { Customer, Device, Ticket, TicketEvent } from '../db/entities';
import type { Sql } from '../db/sql';
import { customerPage } from '../domain/customers/customer-search';
import { globalFound } from '../domain/search/global-search';
import { parseTicketNumber } from '../domain/tickets/ticket-number';
import { measure } from './bench-measure';
import type { BenchCtx } from './bench-ctx';

/**
 * The counter's lookups: `customer.lookup` (what staff type into the lookup box),
 * `ticket.byNumber` (the status screen) and `search.global` (the top bar), over a query mix
 * sampled from the data. `raw` is the same index walks on the bare handle, `naive` TypeORM
 * LIKE '%…%' queries.
 */

export interface Sampled {
  phones: string[];
  names: string[];
  numbers: string[];
  imeis: string[];
  serials: string[];
  pairs: Array<{ customerId: number; deviceId: number }>;
}

export async function sampleData(sql: Sql, count: number, rand: () => number): Promise<Sampled> {
  const maxOf = async (table: string) =>
    Number((await sql.get<{ n: number }>(`SELECT coalesce(max(id), 0) AS n FROM ${table}`))!.n);
  const maxCustomer = await maxOf('customer');
  const maxTicket = await maxOf('ticket');
  const maxDevice = await maxOf('device');
  if (maxTicket === 0) throw new Error('The data folder has no tickets: run `npm run seed` first.');
  const ids = (max: number) => Array.from({ length: count }, () => 1 + Math.floor(rand() * max));
  const s: Sampled = { phones: [], names: [], numbers: [], imeis: [], serials: [], pairs: [] };
  for (const id of ids(maxCustomer)) {
    const c = await sql.get<{ name: string; phone_digits: string }>(
      'SELECT name, phone_digits FROM customer WHERE id >= ? ORDER BY id LIMIT 1',
      id,
    );
    if (!c) continue;
    s.phones.push(c.phone_digits);
    s.names.push(c.name);
  }
  for (const id of ids(maxTicket)) {
    const t = await sql.get<{ number: string; customer_id: number; device_id: number }>(
      'SELECT number, customer_id, device_id FROM ticket WHERE id >= ? ORDER BY id LIMIT 1',
      id,
    );
    if (!t) continue;
    s.numbers.push(t.number);
    s.pairs.push({ customerId: t.customer_id, deviceId: t.device_id });
  }
  for (const id of ids(maxDevice)) {
    const d = await sql.get<{ imei: string | null; serial: string | null }>(
      'SELECT imei, serial FROM device WHERE id >= ? ORDER BY id LIMIT 1',
      id,
    );
    if (d?.imei) s.imeis.push(d.imei);
    if (d?.serial) s.serials.push(d.serial);
  }
  return s;
}

const CJK = /[\u3400-\u9fff]/;

/** What counter staff type into the lookup box: phone starts and ends, names and parts of names. */
export function lookupQueries(s: Sampled, count: number, rand: () => number): string[] {
  const pick = <T>(l: T[]) => l[Math.floor(rand() * l.length)];
  const chinese = s.names.filter((n) => CJK.test(n));
  const english = s.names.filter((n) => !CJK.test(n));
  const mainland = s.phones.filter((p) => /^1[3-9]\d{9}$/.test(p));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = rand();
    if (x < 0.35) {
      out.push(pick(mainland).slice(0, 4 + Math.floor(rand() * 4))); // phone prefix, 4-7 digits
    } else if (x < 0.55) {
      out.push(pick(s.phones).slice(-4)); // "ends in 5678"
    } else if (x < 0.85 && chinese.length) {
      const name = [...pick(chinese)];
      out.push(name.slice(0, rand() < 0.5 ? 2 : Math.min(3, name.length)).join('')); // 2-3 characters
    } else {
      const parts = pick(english.length ? english : s.names).split(' ');
      const part = pick(parts);
      out.push(part.slice(0, 3 + Math.floor(rand() * Math.max(1, part.length - 2)))); // "Thom", "smi"
    }
  }
  return out;
}

export function globalQueries(s: Sampled, count: number, rand: () => number): string[] {
  const lookups = lookupQueries(s, count, rand);
  return lookups.map((q, i) => {
    const x = rand();
    const number = s.numbers[i % s.numbers.length];
    if (x < 0.25) return number; // scanned "R-000123"
    if (x < 0.4) return String(Number(number.replace(/\D/g, ''))); // typed "123"
    if (x < 0.45 && s.imeis.length) return s.imeis[i % s.imeis.length];
    if (x < 0.5 && s.serials.length) return s.serials[i % s.serials.length];
    return q;
  });
}

export const SUMMARY_SELECT = `SELECT t.id, t.number, t.status, t.category, t.priority, t.service_mode, t.warranty,
  t.repeat_of_id, t.customer_id, t.device_id, c.name AS customer_name, c.phone AS customer_phone,
  d.brand, d.model, t.problem, t.received_at, t.promised_at, t.updated_at
  FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id`;

const PROGRESS_SQL = `SELECT t.number, t.status, t.promised_at, t.received_at, t.updated_at, d.brand, d.model,
        c.name AS customer_name, e.kind AS last_event, e.at AS last_at
 FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id
 LEFT JOIN ticket_event e ON e.id = (SELECT max(id) FROM ticket_event WHERE ticket_id = t.id)
 WHERE t.number = ?`;

export async function benchLookup(c: BenchCtx, sampled: Sampled): Promise<void> {
  const { ws, n, warm, want, print, call, rand } = c;
  const raw = c.raw;
  const ds = ws.services.dataSource;
  const { settings } = ws.services;
  const total = n + warm;
  if (want('customer.lookup')) {
    const qs = lookupQueries(sampled, total, rand);
    const customers = ds.getRepository(Customer);
    print(
      await measure('customer.lookup', n, warm, {
        app: (i) => () => call('customers.search', { q: qs[i], limit: 20 }),
        // the app's statements on the bare connection (PostgreSQL: the one statement)
        raw: (i) => () => customerPage(raw.em, qs[i], 20),
        naive: (i) => () =>
          customers.find({
            where: [{ phone: Like(`%${qs[i]}%`) }, { name: Like(`%${qs[i]}%`) }],
            take: 20,
          }),
      }),
    );
  }

  if (want('ticket.byNumber')) {
    const numbers = sampled.numbers;
    print(
      await measure('ticket.byNumber', n, warm, {
        app: (i) => () => call('tickets.progress', { number: numbers[i % numbers.length] }),
        raw: (i) => async () => {
          const row = await raw.sql.get(PROGRESS_SQL, numbers[i % numbers.length]);
          if (!row) throw new Error('raw: ticket not found');
          return row;
        },
        naive: (i) => async () => {
          const t = await ds
            .getRepository(Ticket)
            .findOneOrFail({ where: { number: numbers[i % numbers.length] } });
          const [c, d, e] = await Promise.all([
            ds.getRepository(Customer).findOneBy({ id: t.customerId }),
            ds.getRepository(Device).findOneBy({ id: t.deviceId }),
            ds
              .getRepository(TicketEvent)
              .findOne({ where: { ticketId: t.id }, order: { id: 'DESC' } }),
          ]);
          return { t, c, d, e };
        },
      }),
    );
  }

  if (want('search.global')) {
    const qs = globalQueries(sampled, total, rand);
    const prefix = settings.get('ticket.prefix');
    const digits = settings.get('ticket.digits');
    print(
      await measure('search.global', n, warm, {
        app: (i) => () => call('search.global', { q: qs[i] }),
        raw: (i) => () => {
          const q = qs[i].trim();
          return globalFound(raw.em, q, parseTicketNumber(q, prefix, digits));
        },
        naive: (i) => async () => {
          const q = qs[i].trim();
          const [tickets, customers, devices] = await Promise.all([
            ds.getRepository(Ticket).find({ where: { number: Like(`%${q}%`) }, take: 10 }),
            ds
              .getRepository(Customer)
              .find({ where: [{ phone: Like(`%${q}%`) }, { name: Like(`%${q}%`) }], take: 5 }),
            ds
              .getRepository(Device)
              .find({ where: [{ serial: Like(`%${q}%`) }, { imei: Like(`%${q}%`) }], take: 5 }),
          ]);
          const owners = [...customers.map((c) => c.id), ...devices.map((d) => d.customerId)];
          const related = owners.length
            ? await ds.getRepository(Ticket).find({
                where: { customerId: In(owners) },
                order: { receivedAt: 'DESC' },
                take: 8,
              })
            : [];
          return { tickets, customers, devices, related };
        },
      }),
    );
  }
}
