import type { EntityManager } from 'typeorm';
import type { MessageChannel as ChannelKindDto, OutboxState } from '../../api/contract-messages';
import type { Services } from '../../api/method';
import { sqlOf, type Sql } from '../../db/sql';
import { shopTimeZone } from '../calendar/shop-calendar';
import { ChannelError, type ChannelResolver, type OutgoingMessage } from './channel';
import { sweepNotCollected } from './not-collected';
import { smsAllowedAt } from './quiet-hours';

/** Back-off after a transient failure: 1 min, doubling, at most 1 h. `attempts` counts tries. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface OutboxWorkerOptions {
  services: Services;
  /** Runs DB work in the dispatcher's queue, never inside another call's transaction. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  resolver: ChannelResolver;
  /** Who claims (a station's id): on PostgreSQL, recovery touches only this station's rows. */
  station: string;
  /** How often the worker looks for due messages (default 15 s); events wake it sooner. */
  tickMs?: number;
  /** How often the not-collected sweep runs (default hourly; idempotent, so re-runs are free). */
  sweepMs?: number;
  log(message: string, err?: unknown): void;
}

interface Claimed {
  id: number;
  ticket_id: number | null;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  language: string;
  idempotency_key: string;
  attempts: number;
}

/**
 * The outbox's sender. A message is claimed (queued and due → sending, one conditional UPDATE
 * in a transaction, so of several stations exactly one wins), sent outside any transaction
 * with its idempotency key, and its outcome recorded. A row still 'sending' at start-up was
 * cut off by a crash: it may have reached the provider, so it becomes 'uncertain' and a person
 * decides (never silently repeated). Messages go oldest first; a transient failure holds back
 * the younger messages of the same channel too, so after an outage they leave in order.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: OutboxWorkerOptions) {}

  private get now() {
    return this.o.services.now();
  }

  private tx<T>(fn: (sql: Sql, em: EntityManager) => Promise<T>): Promise<T> {
    return this.o.exclusive(() =>
      this.o.services.dataSource.transaction((em) => fn(sqlOf(em), em)),
    );
  }

  private publish(changes: Array<{ id: number; ticketId: number | null; state: OutboxState }>) {
    for (const c of changes) this.o.services.events.publish('message.changed', c);
  }

  /** Recovers interrupted sends, runs the sweep, then sends whatever is due. */
  async start(): Promise<void> {
    await this.recover();
    await this.sweep();
    this.unsubscribe = this.o.services.events.subscribe((m) => {
      if (m.name === 'message.changed' && (m.payload as { state: string }).state === 'queued')
        this.kick();
    });
    this.timer = setInterval(() => this.kick(), this.o.tickMs ?? 15_000);
    this.timer.unref();
    this.sweepTimer = setInterval(() => void this.sweep(), this.o.sweepMs ?? 3_600_000);
    this.sweepTimer.unref();
    this.kick();
  }

  /** For good: nothing starts it again (a moved station's sender stops until the restart). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running;
  }

  /** Rows left 'sending' by a crash → 'uncertain' (they may have been delivered). */
  async recover(): Promise<number> {
    const changed = await this.tx(async (sql) => {
      const mine = sql.engine === 'postgres' ? 'AND claimed_by = ?' : '';
      const params = sql.engine === 'postgres' ? [this.o.station] : [];
      const rows = await sql.all<{ id: number; ticket_id: number | null }>(
        `SELECT id, ticket_id FROM message WHERE state = 'sending' ${mine}`,
        ...params,
      );
      for (const r of rows) {
        await sql.run(
          `UPDATE message SET state = 'uncertain', last_error_key = 'errors.messages.interrupted',
             last_error_params = '{}', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'sending'`,
          this.now,
          r.id,
        );
      }
      return rows.map((r) => ({
        id: Number(r.id),
        ticketId: r.ticket_id,
        state: 'uncertain' as const,
      }));
    });
    this.publish(changed);
    return changed.length;
  }

  /** The daily not-collected reminder (idempotent per ticket). */
  async sweep(): Promise<number> {
    if (this.stopped) return 0;
    try {
      const added = await this.tx((_sql, em) => sweepNotCollected(em, this.o.services, this.now));
      this.publish(added);
      return added.length;
    } catch (err) {
      this.o.log('message sweep failed', err);
      return 0;
    }
  }

  /** Looks for work now; calls coalesce. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /** One complete pass from now on (tests and the "send now" paths wait on it). */
  async flush(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  /** Sends every due message, one at a time, oldest first; resolves when none is due. */
  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped) {
          const m = await this.claim();
          if (!m) break;
          await this.send(m);
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.o.log('outbox pass failed', err);
    }
  }

  /** The oldest due message, now ours (or null). Manual messages wait for a person. */
  async claim(): Promise<Claimed | null> {
    const now = this.now;
    const claimed = await this.tx(async (sql) => {
      const lock = sql.engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
      const row = await sql.get<Claimed>(
        `SELECT id, ticket_id, channel, recipient, subject, body, language, idempotency_key, attempts
           FROM message WHERE state = 'queued' AND channel <> 'manual' AND next_attempt_at <= ?
          ORDER BY id LIMIT 1 ${lock}`,
        now,
      );
      if (!row) return null;
      // Conditional: another station that read the same row first makes this change nothing.
      const won = await sql.run(
        `UPDATE message SET state = 'sending', attempts = attempts + 1, claimed_at = ?, claimed_by = ?,
           updated_at = ? WHERE id = ? AND state = 'queued'`,
        now,
        this.o.station,
        now,
        row.id,
      );
      return won.changes === 1 ? { ...row, id: Number(row.id), attempts: row.attempts + 1 } : null;
    });
    if (claimed) this.publish([{ id: claimed.id, ticketId: claimed.ticket_id, state: 'sending' }]);
    return claimed;
  }

  private async send(m: Claimed): Promise<void> {
    const msg: OutgoingMessage = {
      id: m.id,
      idempotencyKey: m.idempotency_key,
      channel: m.channel as ChannelKindDto,
      to: m.recipient,
      subject: m.subject,
      body: m.body,
      language: m.language === 'zh' ? 'zh' : 'en',
    };
    let outcome: { providerId: string; provider: string } | ChannelError;
    let channel: Awaited<ReturnType<ChannelResolver>>;
    try {
      channel = await this.o.resolver(msg.channel);
    } catch (err) {
      // Settings or the keychain could not be read: nothing left this PC, so try again later.
      channel = null;
      this.o.log('message channel could not be set up', err);
    }
    if (!channel) {
      outcome = new ChannelError('transient', 'errors.messages.channelNotConfigured', {
        channel: msg.channel,
      });
    } else {
      try {
        const res = await channel.send(msg);
        outcome = { providerId: res.providerId, provider: channel.provider };
      } catch (err) {
        // Anything unexplained may have happened after the request left: a person decides.
        outcome =
          err instanceof ChannelError
            ? err
            : new ChannelError('uncertain', 'errors.messages.unexpected', {
                message: err instanceof Error ? err.message.slice(0, 200) : String(err),
              });
      }
    }
    await this.record(m, outcome);
  }

  private async record(
    m: Claimed,
    outcome: { providerId: string; provider: string } | ChannelError,
  ): Promise<void> {
    const now = this.now;
    const changes = await this.tx(async (sql) => {
      if (!(outcome instanceof ChannelError)) {
        await sql.run(
          `UPDATE message SET state = 'sent', provider = ?, provider_id = ?, sent_at = ?, next_attempt_at = NULL,
             last_error_key = NULL, last_error_params = NULL, updated_at = ? WHERE id = ? AND state = 'sending'`,
          outcome.provider,
          outcome.providerId.slice(0, 200),
          now,
          now,
          m.id,
        );
        return [{ id: m.id, ticketId: m.ticket_id, state: 'sent' as const }];
      }
      const params = JSON.stringify(outcome.params ?? {});
      if (outcome.kind !== 'transient') {
        const state: OutboxState = outcome.kind === 'permanent' ? 'failed' : 'uncertain';
        await sql.run(
          `UPDATE message SET state = ?, last_error_key = ?, last_error_params = ?, next_attempt_at = NULL,
             updated_at = ? WHERE id = ? AND state = 'sending'`,
          state,
          outcome.key,
          params,
          now,
          m.id,
        );
        return [{ id: m.id, ticketId: m.ticket_id, state }];
      }
      let next = now + backoffMs(m.attempts);
      if (m.channel === 'sms') {
        const r = this.o.services.settings.get('messages.rules');
        next = smsAllowedAt(next, shopTimeZone(this.o.services.settings), r.quietFrom, r.quietTo);
      }
      await sql.run(
        `UPDATE message SET state = 'queued', last_error_key = ?, last_error_params = ?, next_attempt_at = ?,
           claimed_at = NULL, claimed_by = NULL, updated_at = ? WHERE id = ? AND state = 'sending'`,
        outcome.key,
        params,
        next,
        now,
        m.id,
      );
      // Younger messages on the same channel wait as long, so they leave after this one.
      await sql.run(
        `UPDATE message SET next_attempt_at = ? WHERE state = 'queued' AND channel = ? AND id > ?
            AND next_attempt_at < ?`,
        next,
        m.channel,
        m.id,
        next,
      );
      return [{ id: m.id, ticketId: m.ticket_id, state: 'queued' as const }];
    });
    this.publish(changes);
  }
}
