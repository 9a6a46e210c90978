import type { EntityManager } from 'typeorm';
import { ApiError } from '../api/errors';
import { csvCell } from '../domain/reports/export/csv-cell';
import { OPEN_STATUSES } from '../api/schemas/common';

/**
 * One customer's personal data, section by section. Areas that store more about a customer
 * (payments, callbacks) add a section here; a section whose table does not exist is skipped.
 */
export const PERSONAL_DATA_SECTIONS: ReadonlyArray<{ name: string; table: string; sql: string }> = [
  {
    name: 'customer',
    table: 'customer',
    sql: 'SELECT id, name, phone, email, channel, created_at, updated_at FROM customer WHERE id = ?',
  },
  {
    name: 'devices',
    table: 'device',
    sql: `SELECT id, type, brand, model, serial, imei, purchase_date, proof, created_at
          FROM device WHERE customer_id = ? ORDER BY id`,
  },
  {
    name: 'tickets',
    table: 'ticket',
    // The device passcode stays encrypted and is never exported: it says only whether one exists.
    sql: `SELECT id, number, status, category, priority, service_mode, problem, accessories,
            condition_notes, warranty, warranty_until, estimate_cents, deposit_cents, promised_at,
            received_at, completed_at, collected_at,
            CASE WHEN passcode_enc IS NULL THEN 'no' ELSE 'yes (kept encrypted, not exported)' END
              AS passcode_on_file
          FROM ticket WHERE customer_id = ? ORDER BY id`,
  },
  {
    name: 'ticket_events',
    table: 'ticket_event',
    sql: `SELECT e.ticket_id, e.kind, e.from_status, e.to_status, e.note, e.at
          FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
          WHERE t.customer_id = ? ORDER BY e.id`,
  },
  {
    name: 'messages',
    table: 'message',
    sql: `SELECT id, ticket_id, event, channel, language, recipient, subject, body, state, created_at,
            sent_at FROM message WHERE customer_id = ? ORDER BY id`,
  },
];

type Row = Record<string, unknown>;

async function customerOrThrow(em: EntityManager, id: number) {
  const rows = (await em.query('SELECT id, erased_at FROM customer WHERE id = ?', [id])) as Array<{
    id: number;
    erased_at: number | null;
  }>;
  if (!rows.length) {
    throw new ApiError('NOT_FOUND', 'Customer not found.', {
      key: 'errors.notFound',
      params: { what: 'Customer' },
    });
  }
  return rows[0];
}

export async function collectPersonalData(em: EntityManager, customerId: number) {
  await customerOrThrow(em, customerId);
  const tables = new Set(
    ((await em.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as Row[]).map(
      (r) => r.name as string,
    ),
  );
  const out: Record<string, Row[]> = {};
  for (const s of PERSONAL_DATA_SECTIONS) {
    if (tables.has(s.table)) out[s.name] = (await em.query(s.sql, [customerId])) as Row[];
  }
  return out;
}

/** Long format (section, row, field, value): one valid CSV whatever the sections hold. */
export function personalDataCsv(data: Record<string, Row[]>): string {
  const lines = ['section,row,field,value'];
  for (const [section, rows] of Object.entries(data)) {
    rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) {
        lines.push([section, i + 1, field, value].map(csvCell).join(','));
      }
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Erasure on request keeps the shop's records whole (tickets, payments, stock and the audit
 * chain stay, with their amounts and dates) but removes who the person was: name, phone,
 * e-mail, the device identifiers and any stored passcode. A customer with a device still in
 * the shop cannot be erased: the shop needs the contact to give it back.
 */
export async function eraseCustomer(em: EntityManager, customerId: number, now: number) {
  const c = await customerOrThrow(em, customerId);
  if (c.erased_at !== null) {
    throw new ApiError('CONFLICT', 'This customer was already erased.', {
      key: 'safety.errors.alreadyErased',
    });
  }
  const open = (await em.query(
    `SELECT count(*) AS n FROM ticket WHERE customer_id = ? AND status IN (${OPEN_STATUSES.map(() => '?').join(',')})`,
    [customerId, ...OPEN_STATUSES],
  )) as Array<{ n: number }>;
  if (open[0].n > 0) {
    throw new ApiError(
      'CONFLICT',
      'This customer still has a device in the shop. Erase after it is collected or cancelled.',
      { key: 'safety.errors.openTickets', params: { count: open[0].n } },
    );
  }
  await em.query(
    `UPDATE customer SET name = ?, name_norm = '', phone = '', phone_digits = '', phone_rev = '',
       email = NULL, erased_at = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    [`Erased customer #${customerId}`, now, now, customerId],
  );
  await em.query(
    `UPDATE device SET serial = NULL, imei = NULL, updated_at = ?, version = version + 1
     WHERE customer_id = ?`,
    [now, customerId],
  );
  const tickets = (await em.query('SELECT count(*) AS n FROM ticket WHERE customer_id = ?', [
    customerId,
  ])) as Array<{ n: number }>;
  await em.query('UPDATE ticket SET passcode_enc = NULL WHERE customer_id = ?', [customerId]);
  // Messages keep their counts (reports) but no longer say who they went to or what they said;
  // anything still waiting is not sent.
  await em.query(
    `UPDATE message SET recipient = '', subject = NULL, body = '', updated_at = ?,
       state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
       cancel_reason = CASE WHEN state = 'queued' THEN 'erased' ELSE cancel_reason END
     WHERE customer_id = ?`,
    [now, customerId],
  );
  return { customerId, tickets: tickets[0].n };
}
