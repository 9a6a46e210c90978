import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/** The repair bench: diagnosis and plan, estimate, customer approval, work log, quality
 * check, SLA clock state, and the completion record the QC sampling rule reads. */
const sql = [
  `ALTER TABLE ticket ADD COLUMN cause TEXT`,
  `ALTER TABLE ticket ADD COLUMN responsible VARCHAR(20)`,
  `ALTER TABLE ticket ADD COLUMN plan TEXT`,
  `ALTER TABLE ticket ADD COLUMN approval VARCHAR(12) NOT NULL DEFAULT 'none'`,
  `ALTER TABLE ticket ADD COLUMN first_response_at BIGINT`,
  `ALTER TABLE ticket ADD COLUMN hold_from VARCHAR(24)`,
  `ALTER TABLE ticket ADD COLUMN paused_at BIGINT`,
  `ALTER TABLE ticket ADD COLUMN paused_ms BIGINT NOT NULL DEFAULT 0`,
  `ALTER TABLE ticket ADD COLUMN rework_due_at BIGINT`,
  `CREATE INDEX ticket_assigned ON ticket (assigned_to, status)`,
  `CREATE TABLE estimate_line (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      kind VARCHAR(12) NOT NULL,
      description VARCHAR(200) NOT NULL,
      qty INTEGER NOT NULL,
      unit_cents INTEGER NOT NULL,
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      removed_at BIGINT
    )`,
  `CREATE INDEX estimate_line_ticket ON estimate_line (ticket_id)`,
  `CREATE TABLE approval (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      decision VARCHAR(12) NOT NULL,
      channel VARCHAR(12) NOT NULL,
      total_cents INTEGER NOT NULL,
      note TEXT,
      recorded_by INTEGER NOT NULL REFERENCES staff (id),
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX approval_ticket ON approval (ticket_id)`,
  `CREATE TABLE work_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      staff_id INTEGER NOT NULL REFERENCES staff (id),
      started_at BIGINT NOT NULL,
      ended_at BIGINT,
      minutes INTEGER,
      note TEXT,
      manual INTEGER NOT NULL DEFAULT 0
    )`,
  `CREATE INDEX work_log_ticket ON work_log (ticket_id)`,
  `CREATE INDEX work_log_running ON work_log (staff_id, ended_at)`,
  `CREATE TABLE qc_check (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      inspector_id INTEGER NOT NULL REFERENCES staff (id),
      procedure_score INTEGER NOT NULL,
      effectiveness_score INTEGER NOT NULL,
      communication_score INTEGER NOT NULL,
      total INTEGER NOT NULL,
      band VARCHAR(12) NOT NULL,
      feedback TEXT,
      rework_due_at BIGINT,
      at BIGINT NOT NULL
    )`,
  `CREATE INDEX qc_check_ticket ON qc_check (ticket_id)`,
  `CREATE TABLE completion (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES ticket (id),
      reason VARCHAR(12) NOT NULL,
      sampled INTEGER NOT NULL,
      at BIGINT NOT NULL
    )`,
];

export const m0002: Migration = {
  id: 2,
  name: 'bench',
  sql,
  postgres: pgDdl(sql),
};
