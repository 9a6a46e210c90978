import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { LiveState, LiveStatusDto } from '../api/contract';
import type { BusMessage, EventBus } from '../events';
import type { SettingsService } from '../domain/settings/settings-service';
import { noticesFor, parseNotice, type Notice } from './crossing';

/** The one channel every station of a shop listens on. */
export const LIVE_CHANNEL = 'workstation_events';
/** At most this many NOTIFYs in one statement (each payload is under 8,000 bytes). */
const NOTICES_PER_STATEMENT = 50;

/** A station's link to the others: always 'connected' and not shared on SQLite. */
export interface LiveLink {
  status(): LiveStatusDto;
  close(): Promise<void>;
}

export const localLive: LiveLink = {
  status: () => ({ state: 'connected', shared: false, link: 'local', seq: 0 }),
  close: async () => undefined,
};

export interface PgLiveOptions {
  url: string;
  events: EventBus;
  settings: SettingsService;
  /** The station's pool, read at send time (a restore swaps it): NOTIFY goes through it. */
  dataSource: () => DataSource;
  log: (message: string, err?: unknown) => void;
  /** Names this station's listening connection on the server (its data folder's name). */
  label?: string;
  /** First and longest pause between reconnects (tests shorten them). */
  backoffMs?: { first: number; max: number };
  /** How often the quiet connection is checked, and how long a check may take. */
  heartbeatMs?: number;
}

/**
 * Events across stations on PostgreSQL. One dedicated `pg` client (never one of TypeORM's pooled
 * connections, which are handed to whichever call needs one) LISTENs; whatever this station
 * publishes on its bus after commit is sent as a NOTIFY through the pool, cut to ids
 * (crossing.ts). A notice from another station is published on this station's bus, so its open
 * screens refresh as they do for local changes; its own notices come back too and are dropped.
 *
 * When the listening connection drops, the state turns 'reconnecting' (the screens say so and
 * saving waits), and it reconnects with back-off; once back, the settings cache is re-read and
 * 'connected' tells the screens to re-read what they show: notices sent meanwhile are lost, and
 * nothing relies on them.
 */
export class PgLive implements LiveLink {
  /** This process's id on the channel. */
  readonly origin = randomUUID();
  private state: LiveState = 'reconnecting';
  private seq = 0;
  private client: pg.Client | null = null;
  private readonly dead = new WeakSet<pg.Client>();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  private everConnected = false;
  /** Set while a notice from elsewhere is on the bus: it must not be sent back out. */
  private relaying = false;
  private sending: Promise<void> = Promise.resolve();
  /** Notices for the next NOTIFY statement (see send). */
  private readonly pending: string[] = [];
  private delivering: Promise<void> = Promise.resolve();
  private sendFailing = false;
  private readonly unsubscribe: () => void;
  /** The listening connection's server process (tests terminate it). */
  backendPid: number | null = null;

  constructor(private readonly o: PgLiveOptions) {
    this.unsubscribe = o.events.subscribe((msg) => this.send(msg));
  }

  status(): LiveStatusDto {
    return { state: this.state, shared: true, link: this.origin, seq: this.seq };
  }

  /** Connects once (the station opened its pool a moment ago, so the server is there); a
   * failure here only starts the reconnect loop. */
  async start(): Promise<void> {
    await this.connect();
  }

  private send(msg: BusMessage): void {
    if (this.relaying || this.closed) return;
    const notices = noticesFor(this.origin, msg.name, msg.payload);
    if (!notices.length) return;
    // A call's events, and any published while they go out, leave in one statement: a round
    // trip on the pool the station's calls share, not one per event (a pickup publishes four).
    const flushing = this.pending.length > 0;
    this.pending.push(...notices);
    if (!flushing) this.sending = this.sending.then(() => this.flush());
  }

  /** Sends what is pending, oldest first, so other stations see this station's events in the
   * order they happened (one statement's NOTIFYs arrive in order). */
  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.slice(0, NOTICES_PER_STATEMENT);
      const calls = batch.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
      try {
        await this.o.dataSource().query(`SELECT ${calls}`, [LIVE_CHANNEL, ...batch]);
        this.sendFailing = false;
      } catch (err) {
        // The server is away: the others re-read everything when they see it again. Said once.
        if (!this.sendFailing) this.o.log('could not tell other stations about a change', err);
        this.sendFailing = true;
      }
      this.pending.splice(0, batch.length);
    }
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.o.url,
      connectionTimeoutMillis: 8_000,
      keepAlive: true,
      // an operator (or a test) can tell the stations' listeners apart among the backends
      application_name: `workstation-live ${this.o.label ?? ''} pid=${process.pid}`.slice(0, 63),
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      const notice = parseNotice(n.payload);
      if (notice && notice.o !== this.origin) this.deliver(notice);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      this.backendPid = rows[0].pid;
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.closed || this.dead.has(client)) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.beat(client);
    if (this.everConnected) {
      // Settings saved elsewhere while this station was away: the cache is not trusted.
      await this.o.settings.load(this.o.dataSource().manager).catch((err: unknown) => {
        this.o.log('could not re-read the settings after reconnecting', err);
      });
      // Lost again while reading: 'connected' now would be a lie until the next attempt, and
      // that attempt would not announce it (the state would not change), so no screen re-reads.
      if (this.closed || this.dead.has(client)) return;
    }
    this.everConnected = true;
    this.setState('connected');
  }

  /** A quiet connection whose network went away tells nobody: ask it something now and then. */
  private beat(client: pg.Client): void {
    const every = this.o.heartbeatMs ?? 5_000;
    this.heartbeat = setTimeout(() => {
      const late = setTimeout(() => this.lost(client, new Error('no answer to heartbeat')), every);
      client.query('SELECT 1').then(
        () => {
          clearTimeout(late);
          if (!this.dead.has(client)) this.beat(client);
        },
        (err: unknown) => {
          clearTimeout(late);
          this.lost(client, err);
        },
      );
    }, every);
    this.heartbeat.unref();
  }

  private lost(client: pg.Client, err?: unknown): void {
    if (this.dead.has(client)) return;
    this.dead.add(client);
    void client.end().catch(() => undefined);
    if (this.client === client) {
      this.client = null;
      clearTimeout(this.heartbeat);
    }
    if (this.closed) return;
    if (this.state === 'connected') this.o.log('lost the connection for live updates', err);
    this.setState('reconnecting');
    const { first, max } = this.o.backoffMs ?? { first: 250, max: 10_000 };
    const pause = Math.min(first * 2 ** this.attempt, max);
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), pause);
    this.retryTimer.unref();
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.seq++;
    this.o.events.publish('live.state', this.status());
  }

  private deliver(notice: Notice): void {
    this.delivering = this.delivering
      .then(async () => {
        if (this.closed) return;
        if (notice.n === 'settings.changed') {
          // The cache first, so whatever the event wakes up reads the new values.
          await this.o.settings.load(this.o.dataSource().manager).catch((err: unknown) => {
            this.o.log('could not re-read the settings another station changed', err);
          });
        }
        this.relaying = true;
        try {
          this.o.events.publish(notice.n, notice.p as never);
        } finally {
          this.relaying = false;
        }
      })
      .catch((err: unknown) => this.o.log("a screen failed on another station's change", err));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.retryTimer);
    clearTimeout(this.heartbeat);
    await this.sending;
    await this.delivering;
    const c = this.client;
    this.client = null;
    if (c) {
      this.dead.add(c);
      await c.end().catch(() => undefined);
    }
  }
}
