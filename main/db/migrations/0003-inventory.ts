import { pgDdl, pgRefuse } from './pg-ddl';
import type { Migration } from './types';

/** Spare parts: catalogue, the append-only stock ledger with its cached balance, serial units,
 * parts on tickets, suppliers and purchase orders, stock counts. */
const sql = [
  `CREATE TABLE supplier (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR(120) NOT NULL UNIQUE,
      phone VARCHAR(40),
      email VARCHAR(200),
      lead_days INTEGER NOT NULL DEFAULT 3,
      active INTEGER NOT NULL DEFAULT 1,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE TABLE part (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      sku VARCHAR(40) NOT NULL UNIQUE,
      name VARCHAR(200) NOT NULL,
      category VARCHAR(60) NOT NULL,
      models TEXT NOT NULL,
      bin VARCHAR(40) NOT NULL,
      cost_cents INTEGER NOT NULL,
      price_cents INTEGER NOT NULL,
      reorder_point INTEGER NOT NULL,
      reorder_qty INTEGER NOT NULL,
      supplier_id INTEGER REFERENCES supplier (id),
      serial_tracked INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX part_bin ON part (bin, sku)`,
  `CREATE INDEX part_category ON part (category, sku)`,
  `CREATE INDEX part_low ON part (active, reorder_point)`,
  `CREATE TABLE part_barcode (
      code VARCHAR(64) PRIMARY KEY,
      part_id INTEGER NOT NULL REFERENCES part (id)
    )`,
  `CREATE INDEX part_barcode_part ON part_barcode (part_id)`,
  `CREATE TABLE part_model (
      part_id INTEGER NOT NULL REFERENCES part (id),
      model_norm VARCHAR(120) NOT NULL,
      PRIMARY KEY (part_id, model_norm)
    )`,
  `CREATE INDEX part_model_norm ON part_model (model_norm, part_id)`,
  `CREATE TABLE stock_balance (
      part_id INTEGER PRIMARY KEY REFERENCES part (id),
      on_hand INTEGER NOT NULL DEFAULT 0,
      reserved INTEGER NOT NULL DEFAULT 0,
      avg_cost_cents INTEGER NOT NULL DEFAULT 0,
      reorder_point INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1,
      last_movement_id INTEGER,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  // The low-stock list reads this index in order (most short first) and stops at its limit;
  // reorder point and active are copied from the part so the whole test is one row.
  `CREATE INDEX stock_balance_low ON stock_balance ((on_hand - reserved - reorder_point), part_id)
       WHERE reorder_point > 0 AND active = 1`,
  `CREATE TABLE stock_movement (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      part_id INTEGER NOT NULL REFERENCES part (id),
      kind VARCHAR(20) NOT NULL,
      qty INTEGER NOT NULL,
      reserved_delta INTEGER NOT NULL,
      on_hand_after INTEGER NOT NULL,
      unit_cost_cents INTEGER,
      ticket_id INTEGER REFERENCES ticket (id),
      po_id INTEGER,
      count_id INTEGER,
      serial VARCHAR(80),
      old_serial VARCHAR(80),
      reason VARCHAR(300),
      override_by INTEGER REFERENCES staff (id),
      staff_id INTEGER REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX stock_movement_part ON stock_movement (part_id, id)`,
  `CREATE INDEX stock_movement_ticket ON stock_movement (ticket_id)`,
  `CREATE TABLE serial_unit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      part_id INTEGER NOT NULL REFERENCES part (id),
      serial VARCHAR(80) NOT NULL,
      state VARCHAR(16) NOT NULL,
      ticket_id INTEGER REFERENCES ticket (id),
      po_id INTEGER,
      cost_cents INTEGER NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (part_id, serial)
    )`,
  `CREATE INDEX serial_unit_state ON serial_unit (part_id, state, id)`,
  `CREATE TABLE serial_event (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      unit_id INTEGER NOT NULL REFERENCES serial_unit (id),
      from_state VARCHAR(16),
      to_state VARCHAR(16) NOT NULL,
      ticket_id INTEGER REFERENCES ticket (id),
      movement_id INTEGER REFERENCES stock_movement (id),
      staff_id INTEGER REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX serial_event_unit ON serial_event (unit_id, id)`,
  `CREATE TABLE ticket_part (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      part_id INTEGER NOT NULL REFERENCES part (id),
      qty INTEGER NOT NULL,
      state VARCHAR(12) NOT NULL,
      unit_id INTEGER REFERENCES serial_unit (id),
      old_serial VARCHAR(80),
      price_cents INTEGER NOT NULL,
      cost_cents INTEGER,
      estimate_line_id INTEGER REFERENCES estimate_line (id),
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX ticket_part_ticket ON ticket_part (ticket_id)`,
  `CREATE INDEX ticket_part_waiting ON ticket_part (state, part_id)`,
  `CREATE TABLE purchase_order (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      number VARCHAR(20) NOT NULL UNIQUE,
      supplier_id INTEGER NOT NULL REFERENCES supplier (id),
      status VARCHAR(20) NOT NULL,
      cancel_reason VARCHAR(300),
      created_by INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      ordered_at BIGINT,
      closed_at BIGINT,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX purchase_order_status ON purchase_order (status, id)`,
  `CREATE TABLE po_line (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      po_id INTEGER NOT NULL REFERENCES purchase_order (id),
      part_id INTEGER NOT NULL REFERENCES part (id),
      qty_ordered INTEGER NOT NULL,
      qty_received INTEGER NOT NULL DEFAULT 0,
      unit_cost_cents INTEGER NOT NULL,
      UNIQUE (po_id, part_id)
    )`,
  `CREATE INDEX po_line_part ON po_line (part_id, po_id)`,
  `CREATE TABLE stock_count (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      scope VARCHAR(12) NOT NULL,
      scope_value VARCHAR(60) NOT NULL,
      status VARCHAR(12) NOT NULL,
      created_by INTEGER NOT NULL REFERENCES staff (id),
      approved_by INTEGER REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      approved_at BIGINT,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE TABLE stock_count_line (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      count_id INTEGER NOT NULL REFERENCES stock_count (id),
      part_id INTEGER NOT NULL REFERENCES part (id),
      expected INTEGER NOT NULL,
      counted INTEGER,
      serials TEXT,
      UNIQUE (count_id, part_id)
    )`,
];

export const m0003: Migration = {
  id: 3,
  name: 'inventory',
  sql,
  sqliteOnly: [
    // Trigram FTS: any 3+ character substring of SKU, name (Chinese too) or compatible models.
    `CREATE VIRTUAL TABLE part_fts USING fts5(sku, name, models, content='part', content_rowid='id', tokenize='trigram')`,
    `CREATE TRIGGER part_fts_ai AFTER INSERT ON part BEGIN
       INSERT INTO part_fts (rowid, sku, name, models) VALUES (new.id, new.sku, new.name, new.models);
     END`,
    `CREATE TRIGGER part_fts_au AFTER UPDATE OF sku, name, models ON part BEGIN
       INSERT INTO part_fts (part_fts, rowid, sku, name, models) VALUES ('delete', old.id, old.sku, old.name, old.models);
       INSERT INTO part_fts (rowid, sku, name, models) VALUES (new.id, new.sku, new.name, new.models);
     END`,
    `CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement BEGIN
       SELECT RAISE(ABORT, 'stock movements are append-only');
     END`,
    `CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement BEGIN
       SELECT RAISE(ABORT, 'stock movements are append-only');
     END`,
    `CREATE TRIGGER serial_event_no_update BEFORE UPDATE ON serial_event BEGIN
       SELECT RAISE(ABORT, 'serial history is append-only');
     END`,
  ],
  postgres: [
    ...pgDdl(sql),
    // SKU prefix search walks SKUs in code-point order, as SQLite's BINARY compares them.
    `CREATE INDEX part_sku_c ON part (sku COLLATE "C")`,
    // The twin of part_fts: `ILIKE '%text%'` on any of the three columns (3+ characters).
    `CREATE INDEX part_trgm ON part USING gin (sku gin_trgm_ops, name gin_trgm_ops, models gin_trgm_ops)`,
    ...pgRefuse(
      'stock_movement_no_change',
      'stock_movement',
      'UPDATE OR DELETE',
      'stock movements are append-only',
    ),
    ...pgRefuse(
      'serial_event_no_update',
      'serial_event',
      'UPDATE',
      'serial history is append-only',
    ),
  ],
};
