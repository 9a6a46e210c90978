import { PG_LOCK } from '../pg-locks';
import { pgDdl, pgRefuse } from './pg-ddl';
import type { Migration } from './types';

// Times are epoch milliseconds (bigint in PostgreSQL), money is integer cents,
// calendar dates are ISO 'YYYY-MM-DD' text: all portable and index-friendly.
const sql = [
  `CREATE TABLE staff (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR(80) NOT NULL UNIQUE,
      role VARCHAR(20) NOT NULL,
      pin_hash VARCHAR(128) NOT NULL,
      pin_salt VARCHAR(64) NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      failed_pins INTEGER NOT NULL DEFAULT 0,
      locked_until BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE TABLE customer (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR(120) NOT NULL,
      name_norm VARCHAR(120) NOT NULL,
      phone VARCHAR(32) NOT NULL,
      phone_digits VARCHAR(32) NOT NULL,
      phone_rev VARCHAR(32) NOT NULL,
      email VARCHAR(200),
      channel VARCHAR(20) NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX customer_phone_digits ON customer (phone_digits)`,
  `CREATE INDEX customer_phone_rev ON customer (phone_rev)`,
  `CREATE INDEX customer_name_norm ON customer (name_norm)`,
  `CREATE TABLE device (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      type VARCHAR(20) NOT NULL,
      brand VARCHAR(60) NOT NULL,
      model VARCHAR(120) NOT NULL,
      serial VARCHAR(80),
      imei VARCHAR(15),
      purchase_date VARCHAR(10),
      proof VARCHAR(20) NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX device_customer ON device (customer_id)`,
  `CREATE INDEX device_serial ON device (serial)`,
  `CREATE INDEX device_imei ON device (imei)`,
  `CREATE TABLE device_model (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      type VARCHAR(20) NOT NULL,
      brand VARCHAR(60) NOT NULL,
      model VARCHAR(120) NOT NULL,
      model_norm VARCHAR(200) NOT NULL,
      uses INTEGER NOT NULL DEFAULT 0,
      UNIQUE (type, brand, model)
    )`,
  `CREATE INDEX device_model_norm ON device_model (model_norm)`,
  `CREATE TABLE ticket (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      number VARCHAR(20) NOT NULL UNIQUE,
      intake_key VARCHAR(80) UNIQUE,
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      device_id INTEGER NOT NULL REFERENCES device (id),
      status VARCHAR(24) NOT NULL,
      category VARCHAR(16) NOT NULL,
      priority VARCHAR(12) NOT NULL,
      service_mode VARCHAR(16) NOT NULL,
      problem TEXT NOT NULL,
      accessories TEXT NOT NULL,
      condition_notes TEXT NOT NULL,
      backup_ack INTEGER NOT NULL,
      passcode_enc TEXT,
      warranty VARCHAR(20) NOT NULL,
      warranty_until VARCHAR(10),
      exclusion VARCHAR(20),
      repeat_of_id INTEGER REFERENCES ticket (id),
      estimate_cents INTEGER NOT NULL,
      deposit_cents INTEGER NOT NULL,
      promised_at BIGINT NOT NULL,
      received_at BIGINT NOT NULL,
      completed_at BIGINT,
      collected_at BIGINT,
      created_by INTEGER NOT NULL REFERENCES staff (id),
      assigned_to INTEGER REFERENCES staff (id),
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX ticket_customer ON ticket (customer_id, received_at)`,
  `CREATE INDEX ticket_device ON ticket (device_id, completed_at)`,
  `CREATE INDEX ticket_status_due ON ticket (status, promised_at)`,
  `CREATE INDEX ticket_received ON ticket (received_at)`,
  `CREATE TABLE ticket_event (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      kind VARCHAR(24) NOT NULL,
      from_status VARCHAR(24),
      to_status VARCHAR(24),
      note TEXT,
      staff_id INTEGER REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, at)`,
  `CREATE TABLE setting (
      key VARCHAR(80) PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at BIGINT NOT NULL,
      updated_by INTEGER REFERENCES staff (id)
    )`,
  `CREATE TABLE sequence (
      name VARCHAR(40) PRIMARY KEY,
      value INTEGER NOT NULL
    )`,
  `CREATE TABLE audit_entry (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at BIGINT NOT NULL,
      staff_id INTEGER,
      staff_name VARCHAR(80),
      action VARCHAR(60) NOT NULL,
      entity VARCHAR(40),
      entity_id VARCHAR(40),
      outcome VARCHAR(20) NOT NULL,
      origin VARCHAR(80) NOT NULL,
      details TEXT,
      prev_hash VARCHAR(64) NOT NULL,
      hash VARCHAR(64) NOT NULL
    )`,
  `CREATE TABLE print_job (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind VARCHAR(24) NOT NULL,
      ticket_id INTEGER REFERENCES ticket (id),
      payload TEXT NOT NULL,
      status VARCHAR(16) NOT NULL,
      idempotency_key VARCHAR(80) NOT NULL UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      printed_at BIGINT
    )`,
  `CREATE INDEX print_job_status ON print_job (status, created_at)`,
  `CREATE INDEX print_job_ticket ON print_job (ticket_id)`,
];

/** Customer lookup walks these three by prefix range (`>= q AND < q + U+FFFF`): in code-point
 * order, as SQLite's BINARY compares, whatever the database's default collation. */
const PREFIX_KEYS =
  /^CREATE INDEX (customer_(?:phone_digits|phone_rev|name_norm)) ON customer \((\w+)\)$/;

export const m0001: Migration = {
  id: 1,
  name: 'foundation',
  sql,
  sqliteOnly: [
    // Trigram FTS finds any 3+ character substring, which is how Chinese names are typed.
    `CREATE VIRTUAL TABLE customer_fts USING fts5(name, email, content='customer', content_rowid='id', tokenize='trigram')`,
    `CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN
       INSERT INTO customer_fts (rowid, name, email) VALUES (new.id, new.name, coalesce(new.email, ''));
     END`,
    `CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN
       INSERT INTO customer_fts (customer_fts, rowid, name, email) VALUES ('delete', old.id, old.name, coalesce(old.email, ''));
     END`,
    `CREATE TRIGGER customer_fts_au AFTER UPDATE OF name, email ON customer BEGIN
       INSERT INTO customer_fts (customer_fts, rowid, name, email) VALUES ('delete', old.id, old.name, coalesce(old.email, ''));
       INSERT INTO customer_fts (rowid, name, email) VALUES (new.id, new.name, coalesce(new.email, ''));
     END`,
    `CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN
       SELECT RAISE(ABORT, 'audit entries are append-only');
     END`,
    `CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN
       SELECT RAISE(ABORT, 'audit entries are append-only');
     END`,
  ],
  postgres: [
    ...pgDdl(sql).map((s) =>
      s.replace(PREFIX_KEYS, 'CREATE INDEX $1 ON customer ($2 COLLATE "C")'),
    ),
    // The twin of customer_fts: trigram GIN indexes answer `ILIKE '%text%'` (3+ characters).
    `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
    `CREATE INDEX customer_trgm ON customer USING gin (name gin_trgm_ops, email gin_trgm_ops)`,
    // The verifier reads a gap in the numbering as deleted entries. SQLite's AUTOINCREMENT takes
    // a number back when its transaction rolls back; a sequence does not: number the entries
    // here, one after the last, under the audit lock (held to commit), so they stay gap-free.
    `CREATE FUNCTION audit_entry_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_advisory_xact_lock(${PG_LOCK.audit});
       NEW.id := coalesce((SELECT max(id) FROM audit_entry), 0) + 1;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER audit_entry_next_id BEFORE INSERT ON audit_entry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_next_id()`,
    ...pgRefuse(
      'audit_entry_no_change',
      'audit_entry',
      'UPDATE OR DELETE',
      'audit entries are append-only',
    ),
  ],
};
