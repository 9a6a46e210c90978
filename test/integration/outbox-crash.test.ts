import { describe, expect, it } from 'vitest';
import { outboxCrashDrill } from '../../main/safety/drills/outbox-crash';

describe('outbox crash drill', () => {
  it('200 messages to a flaky sink, kill -9 mid-way and restart: each delivered once or uncertain, none lost', async () => {
    const r = await outboxCrashDrill({
      messages: 200,
      kills: 6,
      log: (s) => console.log(`[outbox drill] ${s}`),
    });
    console.log(`[outbox drill] ${JSON.stringify(r)}`);
    expect(r).toMatchObject({
      messages: 200,
      kills: 6,
      unfinished: 0,
      duplicates: 0,
      sentNotDelivered: 0,
      failed: 0,
    });
    expect(r.sent + r.uncertain).toBe(200);
    // The sink really was flaky, and the kills really landed mid-way.
    expect(r.refused503).toBeGreaterThan(0);
    expect(r.sent).toBeGreaterThan(100);
  }, 300_000);
});
