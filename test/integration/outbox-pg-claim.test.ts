import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { Services } from '../../main/api/method';
import type { ChannelResolver } from '../../main/domain/messages/channel';
import { OutboxWorker } from '../../main/domain/messages/outbox-worker';
import { EventBus } from '../../main/events';
import { pgAvailable, startPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { testChannels } from '../helpers/test-channel';

/**
 * Several stations on one PostgreSQL database: each claims with SELECT … FOR UPDATE SKIP LOCKED
 * and the conditional UPDATE, so two stations sending at once send each message exactly once.
 * The table is the outbox's columns as migration 0017 declares them (the engine's own
 * migration bodies are another piece of work); the worker's SQL is what is under test.
 */
const MESSAGE_DDL = `CREATE TABLE message (
  id SERIAL PRIMARY KEY, ticket_id INTEGER, customer_id INTEGER NOT NULL, event VARCHAR(24) NOT NULL,
  template VARCHAR(24) NOT NULL, channel VARCHAR(12) NOT NULL, language VARCHAR(4) NOT NULL,
  recipient VARCHAR(200) NOT NULL, subject VARCHAR(300), body TEXT NOT NULL, state VARCHAR(12) NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT, provider VARCHAR(40), provider_id VARCHAR(200),
  idempotency_key VARCHAR(120) NOT NULL UNIQUE, last_error_key VARCHAR(120), last_error_params TEXT,
  cancel_reason VARCHAR(300), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, sent_at BIGINT,
  claimed_at BIGINT, claimed_by VARCHAR(80))`;

let pg: PgCluster;
const sources: DataSource[] = [];
const NOW = Date.parse('2026-12-02T10:00:00Z');

beforeAll(async () => {
  if (!pgAvailable()) return;
  pg = await startPgCluster();
}, 60_000);
afterAll(async () => {
  for (const s of sources) if (s.isInitialized) await s.destroy();
  pg?.stop();
});

async function station(name: string, resolver: ChannelResolver) {
  const ds = new DataSource({ type: 'postgres', url: pg.url('postgres'), poolSize: 2 });
  await ds.initialize();
  sources.push(ds);
  const services = {
    dataSource: ds,
    events: new EventBus(),
    now: () => NOW,
  } as unknown as Services;
  return {
    ds,
    worker: new OutboxWorker({
      services,
      exclusive: (fn) => fn(),
      resolver,
      station: name,
      log: () => undefined,
    }),
  };
}

describe.skipIf(!pgAvailable())('outbox claims on PostgreSQL', () => {
  it('two stations draining at once send each of 150 messages exactly once', async () => {
    const ch = testChannels();
    const a = await station('station-a', ch.resolver);
    const b = await station('station-b', ch.resolver);
    await a.ds.query(MESSAGE_DDL);
    for (let i = 0; i < 150; i++) {
      await a.ds.query(
        `INSERT INTO message (customer_id, event, template, channel, language, recipient, body, state,
           next_attempt_at, idempotency_key, created_at, updated_at)
         VALUES (1, 'ready_for_pickup', 'ready_for_pickup', 'email', 'en', 'x@example.com', $1, 'queued', $2, $3, $2, $2)`,
        [`message ${i}`, NOW, `k-${i}`],
      );
    }
    await Promise.all([a.worker.flush(), b.worker.flush()]);
    const keys = ch.email.sent.map((m) => m.idempotencyKey);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
    const by: Array<{ claimed_by: string; n: string }> = await a.ds.query(
      `SELECT claimed_by, count(*) AS n FROM message WHERE state = 'sent' GROUP BY claimed_by ORDER BY claimed_by`,
    );
    // Both stations took part (the claim really raced), and every message is sent.
    expect(by.map((r) => r.claimed_by)).toEqual(['station-a', 'station-b']);
    expect(by.reduce((s, r) => s + Number(r.n), 0)).toBe(150);
  }, 60_000);

  it('at start a station marks only its own interrupted sends uncertain', async () => {
    const ch = testChannels();
    const a = await station('station-a', ch.resolver);
    await a.ds.query(
      `UPDATE message SET state = 'sending', claimed_by = CASE WHEN id % 2 = 0 THEN 'station-a' ELSE 'station-b' END WHERE id <= 10`,
    );
    expect(await a.worker.recover()).toBe(5);
    const rows: Array<{ state: string; n: string }> = await a.ds.query(
      `SELECT state, count(*) AS n FROM message WHERE id <= 10 GROUP BY state ORDER BY state`,
    );
    expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([
      ['sending', 5],
      ['uncertain', 5],
    ]);
  });
});
