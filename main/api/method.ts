import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { DatabaseTarget, Engine } from '../db/engine';
import type { DeviceRuntime } from '../devices/device-runtime';
import type { EventBus } from '../events';
import type { LiveLink } from '../live/pg-live';
import type { PasscodeCipher } from '../domain/privacy/passcode-cipher';
import type { SettingsService } from '../domain/settings/settings-service';
import type { ChannelResolver } from '../domain/messages/channel';
import type { OutboxWorker } from '../domain/messages/outbox-worker';
import type { SecretStore } from '../domain/messages/channels/secret-store';
import type { SafetyService } from '../safety/safety-service';
import type { StationService } from '../domain/stations/station-service';
import type { Sessions, SessionInfo } from '../domain/staff/sessions';
import type { ApiContract, EventMap, EventName, MethodName } from './contract';
import type { Access } from './permissions';
import type { VersionGate } from '../domain/versions/app-version';
import type { Sealer } from '../domain/messages/channels/secret-store';

export interface Services {
  /** The data folder: the database, keys, photos, signature images. */
  dataDir: string;
  /** Seals the database password this station stores (the OS keychain in the app; a 0600
   * file otherwise), as Setup's join and the station move keep it. */
  databaseSealer?: Sealer;
  /** The shop's database engine, chosen once at start (main/db/engine.ts). */
  engine: Engine;
  /** Where the shop's database is (the SQLite file, or the PostgreSQL URL). */
  database: DatabaseTarget;
  dataSource: DataSource;
  /** SQLite only: the raw better-sqlite3 handle (bulk seeding, backups, prepared hot-path
   * reads). On PostgreSQL it is a guard that throws on use: code that must run on both
   * engines goes through `sqlOf(em)` (main/db/sql.ts) and checks `engine` first. */
  raw: BetterSqlite3.Database;
  settings: SettingsService;
  sessions: Sessions;
  cipher: PasscodeCipher;
  /** Channel credentials (SMTP password, SMS tokens): <data>/keys or the OS keychain. */
  channelSecrets: SecretStore;
  /** The configured e-mail / SMS / manual channel, built at send time. */
  channels: ChannelResolver;
  events: EventBus;
  now: () => number;
  /** Serial scanners and printers; absent where devices are not started (most tests, CLIs). */
  devices?: DeviceRuntime;
  /** The customer-message outbox's sender; absent where nothing is sent (most tests, CLIs). */
  outbox?: OutboxWorker;
  /** This PC as a station: its id and name, default printers, heartbeat (issue 15). */
  station: StationService;
  /** Backups and restores; a restore swaps `dataSource` and `raw` above for the restored file. */
  safety: SafetyService;
  /** Events to and from the shop's other stations (PostgreSQL); absent until started. */
  live?: LiveLink;
  /** Which app version migrated the shop's database; an older station refuses writes. */
  versions?: VersionGate;
}

/** What the dispatcher records about a call; a handler fills in the entity it touched. */
export interface AuditNote {
  entity?: string;
  entityId?: string | number;
  details?: Record<string, unknown>;
  /** Who acted when there is no session yet (sign-in). */
  actor?: { id: number; name: string };
}

export interface MethodContext {
  services: Services;
  /** The transaction's manager for writes; the plain manager for reads. */
  em: EntityManager;
  session: SessionInfo | null;
  origin: string;
  token: string | null;
  now: number;
  audit: AuditNote;
  /** Queued and delivered only after the transaction commits. */
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
  /** Runs after commit (cache updates that must not survive a rollback). */
  afterCommit(fn: () => void): void;
  /**
   * A bounded piece of work on the shop's connection, queued between other calls (a write
   * method's slice is its own transaction). Long methods reach the database only this way;
   * others may call it too, but it waits behind their own call, so they never need to.
   */
  slice<T>(fn: (em: EntityManager) => Promise<T> | T): Promise<T>;
  /**
   * The queue without the connection: `fn` writes on a connection of its own (the parts import's
   * writer thread) while no other call writes. No transaction is opened on the shop's connection,
   * because a background write on it (a station's heartbeat) would join that transaction, take
   * the write lock, and wait for the commit that waits for `fn`.
   */
  sliceElsewhere<T>(fn: () => Promise<T>): Promise<T>;
}

/** A signed-in context: the dispatcher guarantees a session for non-public methods. */
export type SignedInContext = MethodContext & { session: SessionInfo };

export interface MethodDef<K extends MethodName = MethodName> {
  name: K;
  input: z.ZodType<unknown, ApiContract[K]['input']>;
  access: Access;
  /** Writes run in a transaction and are always audited; reads only when `auditReads`. */
  write: boolean;
  auditReads?: boolean;
  /**
   * Long work (imports, exports, PDFs, checks): the handler runs outside the dispatcher's
   * queue, so other calls go on meanwhile. It must not use `ctx.em`; it reads through its own
   * read-only connection or `ctx.slice`, and writes only in slices. The audit entry and events
   * follow when it finishes.
   */
  long?: boolean;
  handler(input: never, ctx: SignedInContext): Promise<ApiContract[K]['output']>;
}

export function defineMethod<
  K extends MethodName,
  S extends z.ZodType<unknown, ApiContract[K]['input']>,
>(
  name: K,
  def: {
    input: S;
    access: Access;
    write: boolean;
    auditReads?: boolean;
    long?: boolean;
    handler(input: z.output<S>, ctx: SignedInContext): Promise<ApiContract[K]['output']>;
  },
): MethodDef<K> {
  return { name, ...def } as MethodDef<K>;
}
