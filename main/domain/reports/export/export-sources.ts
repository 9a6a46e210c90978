import type BetterSqlite3 from 'better-sqlite3';

/** A value as a spreadsheet shows it: local time text, money in yuan with two decimals. */
const pad = (n: number) => String(n).padStart(2, '0');
export function sheetTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
const money = (cents: number) => (cents / 100).toFixed(2);

/**
 * One exportable table: its columns, a count, and a keyset-paged read ordered by an indexed
 * time column then id, so each page is an index range scan and memory stays flat.
 */
export interface ExportSource {
  columns: string[];
  count(db: BetterSqlite3.Database, from: number, to: number): number;
  page(
    db: BetterSqlite3.Database,
    from: number,
    to: number,
    after: Cursor | null,
    limit: number,
  ): {
    rows: string[][];
    last: Cursor | null;
  };
}
export interface Cursor {
  at: number;
  id: number;
}

interface TicketRow {
  id: number;
  number: string;
  received_at: number;
  status: string;
  category: string;
  priority: string;
  service_mode: string;
  customer: string;
  phone: string;
  type: string;
  brand: string;
  model: string;
  serial: string | null;
  imei: string | null;
  problem: string;
  warranty: string;
  repeat_of: string | null;
  estimate_cents: number;
  deposit_cents: number;
  promised_at: number;
  completed_at: number | null;
  collected_at: number | null;
  technician: string | null;
  cause: string | null;
}

function paged<R extends { id: number }>(
  sql: (where: string) => string,
  timeCol: string,
  toRow: (r: R) => string[],
  atOf: (r: R) => number,
): ExportSource['page'] {
  const cache = new WeakMap<
    BetterSqlite3.Database,
    { first: BetterSqlite3.Statement; next: BetterSqlite3.Statement }
  >();
  return (db, from, to, after, limit) => {
    let st = cache.get(db);
    if (!st) {
      st = {
        first: db.prepare(sql(`${timeCol} >= ? AND ${timeCol} < ?`)),
        // The lower bound keeps each page an index range that starts at the cursor.
        next: db.prepare(sql(`${timeCol} >= ? AND ${timeCol} < ? AND (${timeCol} > ? OR id > ?)`)),
      };
      cache.set(db, st);
    }
    const raw = (
      after ? st.next.all(after.at, to, after.at, after.id, limit) : st.first.all(from, to, limit)
    ) as R[];
    const tail = raw[raw.length - 1];
    return { rows: raw.map(toRow), last: tail ? { at: atOf(tail), id: tail.id } : null };
  };
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
  count: (db, from, to) =>
    (
      db
        .prepare('SELECT count(*) AS n FROM ticket WHERE received_at >= ? AND received_at < ?')
        .get(from, to) as { n: number }
    ).n,
  page: paged<TicketRow>(
    (where) => `WITH page AS (SELECT id FROM ticket WHERE ${where} ORDER BY received_at, id LIMIT ?)
      SELECT t.id, t.number, t.received_at, t.status, t.category, t.priority, t.service_mode, c.name AS customer,
             c.phone, d.type, d.brand, d.model, d.serial, d.imei, t.problem, t.warranty, r.number AS repeat_of,
             t.estimate_cents, t.deposit_cents, t.promised_at, t.completed_at, t.collected_at,
             s.name AS technician, t.cause
      FROM page JOIN ticket t ON t.id = page.id JOIN customer c ON c.id = t.customer_id
      JOIN device d ON d.id = t.device_id LEFT JOIN staff s ON s.id = t.assigned_to
      LEFT JOIN ticket r ON r.id = t.repeat_of_id ORDER BY t.received_at, t.id`,
    'received_at',
    (t) => [
      t.number,
      sheetTime(t.received_at),
      t.status,
      t.category,
      t.priority,
      t.service_mode,
      t.customer,
      t.phone,
      t.type,
      t.brand,
      t.model,
      t.serial ?? '',
      t.imei ?? '',
      t.problem,
      t.warranty,
      t.repeat_of ?? '',
      money(t.estimate_cents),
      money(t.deposit_cents),
      sheetTime(t.promised_at),
      sheetTime(t.completed_at),
      sheetTime(t.collected_at),
      t.technician ?? '',
      t.cause ?? '',
    ],
    (t) => t.received_at,
  ),
};

interface CustomerRow {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  channel: string;
  created_at: number;
  tickets: number;
  last_visit: number | null;
}

export const customerExport: ExportSource = {
  columns: ['name', 'phone', 'email', 'channel', 'created', 'tickets', 'last_visit'],
  count: (db, from, to) =>
    (
      db
        .prepare('SELECT count(*) AS n FROM customer WHERE created_at >= ? AND created_at < ?')
        .get(from, to) as { n: number }
    ).n,
  page: paged<CustomerRow>(
    (where) => `SELECT c.id, c.name, c.phone, c.email, c.channel, c.created_at,
        (SELECT count(*) FROM ticket t WHERE t.customer_id = c.id) AS tickets,
        (SELECT max(received_at) FROM ticket t WHERE t.customer_id = c.id) AS last_visit
      FROM customer c WHERE ${where} ORDER BY c.created_at, c.id LIMIT ?`,
    'created_at',
    (c) => [
      c.name,
      c.phone,
      c.email ?? '',
      c.channel,
      sheetTime(c.created_at),
      String(c.tickets),
      sheetTime(c.last_visit),
    ],
    (c) => c.created_at,
  ),
};

export const EXPORT_SOURCES = { tickets: ticketExport, customers: customerExport };
