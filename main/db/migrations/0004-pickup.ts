import { pgDdl, pgRefuse } from './pg-ddl';
import type { Migration } from './types';

/** Pickup and after-sales (issue 6): invoices and their payments (append-only), the pickup
 * record with signature and repair warranty, callbacks, manager tasks, complaints, returns
 * (RMA) and the record of what customers were told. */
const sql = [
  `CREATE TABLE invoice (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      number VARCHAR(20) NOT NULL UNIQUE,
      kind VARCHAR(12) NOT NULL,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      corrects_id INTEGER REFERENCES invoice (id),
      lines TEXT NOT NULL,
      labour_cents INTEGER NOT NULL,
      parts_cents INTEGER NOT NULL,
      other_cents INTEGER NOT NULL,
      covered_cents INTEGER NOT NULL,
      discount_cents INTEGER NOT NULL,
      net_cents INTEGER NOT NULL,
      tax_rate_bp INTEGER NOT NULL,
      tax_inclusive INTEGER NOT NULL,
      tax_cents INTEGER NOT NULL,
      total_cents INTEGER NOT NULL,
      deposit_cents INTEGER NOT NULL,
      due_cents INTEGER NOT NULL,
      paid_cents INTEGER NOT NULL,
      change_cents INTEGER NOT NULL,
      credit_cents INTEGER NOT NULL,
      return_cents INTEGER NOT NULL,
      reason TEXT,
      approved_by INTEGER REFERENCES staff (id),
      created_by INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL
    )`,
  `CREATE INDEX invoice_ticket ON invoice (ticket_id)`,
  `CREATE TABLE payment (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      invoice_id INTEGER NOT NULL REFERENCES invoice (id),
      method VARCHAR(16) NOT NULL,
      amount_cents INTEGER NOT NULL,
      reference VARCHAR(80),
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX payment_invoice ON payment (invoice_id)`,
  `CREATE INDEX payment_at ON payment (at)`,
  `CREATE TABLE customer_credit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      invoice_id INTEGER REFERENCES invoice (id),
      amount_cents INTEGER NOT NULL,
      note TEXT,
      at BIGINT NOT NULL
    )`,
  `CREATE TABLE pickup (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL UNIQUE REFERENCES ticket (id),
      invoice_id INTEGER NOT NULL REFERENCES invoice (id),
      kind VARCHAR(20) NOT NULL,
      signature_file VARCHAR(200),
      repair_warranty_until VARCHAR(10),
      passcode_erase_at BIGINT,
      passcode_erased_at BIGINT,
      idempotency_key VARCHAR(80) NOT NULL UNIQUE,
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX pickup_erase ON pickup (passcode_erased_at, passcode_erase_at)`,
  `CREATE TABLE callback (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL UNIQUE REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      due_at BIGINT NOT NULL,
      status VARCHAR(12) NOT NULL,
      attempts INTEGER NOT NULL,
      last_attempt_at BIGINT,
      satisfaction VARCHAR(20),
      attitude INTEGER,
      speed INTEGER,
      competence INTEGER,
      nps INTEGER,
      comments TEXT,
      leftover TEXT,
      follow_up_ticket_id INTEGER REFERENCES ticket (id),
      staff_id INTEGER REFERENCES staff (id),
      done_at BIGINT,
      version INTEGER NOT NULL
    )`,
  `CREATE INDEX callback_due ON callback (status, due_at)`,
  `CREATE TABLE manager_task (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind VARCHAR(16) NOT NULL,
      callback_id INTEGER REFERENCES callback (id),
      complaint_id INTEGER,
      ticket_id INTEGER REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      summary TEXT NOT NULL,
      due_at BIGINT NOT NULL,
      status VARCHAR(12) NOT NULL,
      plan TEXT,
      outcome TEXT,
      done_by INTEGER REFERENCES staff (id),
      done_at BIGINT,
      created_at BIGINT NOT NULL,
      version INTEGER NOT NULL
    )`,
  `CREATE INDEX manager_task_open ON manager_task (status, due_at)`,
  `CREATE TABLE complaint (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      type VARCHAR(20) NOT NULL,
      severity VARCHAR(12) NOT NULL,
      description TEXT NOT NULL,
      cause TEXT,
      owner_id INTEGER REFERENCES staff (id),
      status VARCHAR(12) NOT NULL,
      resolution VARCHAR(20),
      compensation VARCHAR(20),
      resolution_note TEXT,
      confirmed_at BIGINT,
      confirmation_channel VARCHAR(12),
      confirmation_note TEXT,
      created_by INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      closed_at BIGINT,
      version INTEGER NOT NULL
    )`,
  `CREATE INDEX complaint_status ON complaint (status)`,
  `CREATE INDEX complaint_ticket ON complaint (ticket_id)`,
  `CREATE TABLE rma (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      code VARCHAR(24) UNIQUE,
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      ticket_id INTEGER REFERENCES ticket (id),
      product VARCHAR(200) NOT NULL,
      serial VARCHAR(60),
      proof VARCHAR(20) NOT NULL,
      proof_ref VARCHAR(80),
      purchase_date VARCHAR(10),
      reason TEXT NOT NULL,
      status VARCHAR(12) NOT NULL,
      inspection TEXT,
      sound INTEGER,
      outcome VARCHAR(12),
      refund_cents INTEGER,
      exchange_serial VARCHAR(60),
      told_channel VARCHAR(12),
      told_at BIGINT,
      created_by INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL
    )`,
  `CREATE INDEX rma_status ON rma (status)`,
  `CREATE TABLE customer_message (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      template VARCHAR(24) NOT NULL,
      lang VARCHAR(4) NOT NULL,
      text TEXT NOT NULL,
      channel VARCHAR(12) NOT NULL,
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX customer_message_ticket ON customer_message (ticket_id)`,
];

export const m0004: Migration = {
  id: 4,
  name: 'pickup',
  sql,
  sqliteOnly: [
    `CREATE TRIGGER invoice_no_update BEFORE UPDATE ON invoice BEGIN
       SELECT RAISE(ABORT, 'invoices are immutable: issue a correction');
     END`,
    `CREATE TRIGGER invoice_no_delete BEFORE DELETE ON invoice BEGIN
       SELECT RAISE(ABORT, 'invoices are immutable: issue a correction');
     END`,
    `CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN
       SELECT RAISE(ABORT, 'payments are append-only');
     END`,
    `CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN
       SELECT RAISE(ABORT, 'payments are append-only');
     END`,
  ],
  postgres: [
    ...pgDdl(sql),
    ...pgRefuse(
      'invoice_no_change',
      'invoice',
      'UPDATE OR DELETE',
      'invoices are immutable: issue a correction',
    ),
    // Named to fire after payment_closed_day (0009): PostgreSQL runs a table's triggers by name,
    // SQLite the newest first, so a change on a closed day says DAY_CLOSED on both.
    ...pgRefuse('payment_no_change', 'payment', 'UPDATE OR DELETE', 'payments are append-only'),
  ],
};
