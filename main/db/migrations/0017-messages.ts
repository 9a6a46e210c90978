import type { Migration } from './types';

/**
 * Customer messages through a durable outbox (issue 16). A message is a row before it is
 * anything else: the worker claims it (queued → sending, one conditional UPDATE, so one station
 * wins), sends it with the row's idempotency key, and records the outcome. `recipient`, not
 * `to` (a keyword on both engines). Customers gain consent, a channel preference, a language
 * for messages (null = the shop's default) and an unsubscribe time; existing customers start
 * without consent, so nothing is sent to anyone who was never asked.
 */
export const m0017: Migration = {
  id: 17,
  name: 'messages',
  sql: [
    `CREATE TABLE message (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER REFERENCES ticket (id),
      customer_id INTEGER NOT NULL REFERENCES customer (id),
      event VARCHAR(24) NOT NULL,
      template VARCHAR(24) NOT NULL,
      channel VARCHAR(12) NOT NULL,
      language VARCHAR(4) NOT NULL,
      recipient VARCHAR(200) NOT NULL,
      subject VARCHAR(300),
      body TEXT NOT NULL,
      state VARCHAR(12) NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT,
      provider VARCHAR(40),
      provider_id VARCHAR(200),
      idempotency_key VARCHAR(120) NOT NULL UNIQUE,
      last_error_key VARCHAR(120),
      last_error_params TEXT,
      cancel_reason VARCHAR(300),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      sent_at BIGINT,
      claimed_at BIGINT,
      claimed_by VARCHAR(80)
    )`,
    `CREATE INDEX message_due ON message (state, next_attempt_at, id)`,
    `CREATE INDEX message_state_created ON message (state, created_at, id)`,
    `CREATE INDEX message_created ON message (created_at, id)`,
    `CREATE INDEX message_ticket ON message (ticket_id)`,
    `CREATE INDEX message_sent ON message (sent_at)`,
    `ALTER TABLE customer ADD COLUMN message_consent INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE customer ADD COLUMN message_channel VARCHAR(12)`,
    `ALTER TABLE customer ADD COLUMN message_language VARCHAR(4)`,
    `ALTER TABLE customer ADD COLUMN unsubscribed_at BIGINT`,
  ],
};
