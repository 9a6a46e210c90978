import os from 'node:os';
import path from 'node:path';
import type { MethodName } from './api/contract';
import { Dispatcher, type CallMeta, type Logger } from './api/dispatcher';
import type { Services } from './api/method';
import { apiMethods } from './api/table';
import { openDatabase } from './db/data-source';
import { resolveDatabase, type DatabaseTarget } from './db/engine';
import { DeviceRuntime, type DeviceRuntimeOptions } from './devices/device-runtime';
import { migrations } from './db/migrations';
import {
  FileKeyProvider,
  PasscodeCipher,
  type KeyProvider,
} from './domain/privacy/passcode-cipher';
import { SettingsService } from './domain/settings/settings-service';
import { StationService, type StationOptions } from './domain/stations/station-service';
import { createChannelResolver } from './domain/messages/channels/resolver';
import {
  FileSecretStore,
  type Sealer,
  type SecretStore,
} from './domain/messages/channels/secret-store';
import { startPickupSweeps } from './domain/pickup/sweeps';
import { startStatusCountCompaction } from './domain/tickets/status-counts';
import type { ChannelResolver } from './domain/messages/channel';
import { OutboxWorker } from './domain/messages/outbox-worker';
import { ensureFirstAdmin } from './domain/staff/bootstrap';
import { Sessions } from './domain/staff/sessions';
import { EventBus } from './events';
import { startLive } from './live/start-live';
import type { PgLiveOptions } from './live/pg-live';
import { SafetyService } from './safety/safety-service';
import { checkDatabaseBeforeOpen } from './safety/startup';
import { APP_VERSION, VERSION_WATCH_MS, VersionGate } from './domain/versions/app-version';
import type { Migration } from './db/migrations/types';

export interface WorkstationOptions {
  /** The station's own folder (keys, photos, settings of this PC), and the SQLite file's. */
  dataDir: string;
  /** `--db URL`: the shop's PostgreSQL database. Without it: WORKSTATION_DB_URL, the data
   * folder's database.json, else SQLite (main/db/engine.ts). */
  dbUrl?: string;
  /** An engine already resolved (the CLIs resolve once to refuse what is not yet on PostgreSQL). */
  database?: DatabaseTarget;
  /** Where the passcode key lives; defaults to a 0600 file in <dataDir>/keys. */
  keyProvider?: KeyProvider;
  /** Seals a joined station's stored database password (the app: the OS keychain); the
   * harness keeps it in a 0600 file as it is. */
  databaseSealer?: Sealer;
  /** Where channel credentials live; defaults to a 0600 file in <dataDir>/keys. */
  secretStore?: SecretStore;
  /** Message channels: an extra trusted certificate and a shorter wait (tests' local servers). */
  messageChannels?: { ca?: string; timeoutMs?: number };
  /** Injectable clock for tests; defaults to Date.now. */
  now?: () => number;
  logger?: Logger;
  /** Open the configured serial scanners and printers and run the print queue (the app, the
   * harness). Tests pass options (fast back-off); CLIs leave it off. */
  devices?: DeviceRuntimeOptions;
  /** 'auto' (the app, the harness): a copy every `backup.intervalMinutes` while something
   * changed, and one at exit. Tests and CLIs leave it off. */
  backups?: 'auto' | 'manual';
  /** Send customer messages from the outbox (the app, the harness). Tests pass a resolver with
   * their test channels and a fast tick; CLIs leave it off (messages stay queued). */
  messages?: {
    /** The configured channel per kind; without one every kind is "not configured" (queued). */
    resolver?: ChannelResolver;
    tickMs?: number;
    sweepMs?: number;
    /** Who claims messages (several stations on PostgreSQL); defaults to this host's name. */
    station?: string;
  };
  /** This station's heartbeat (tests: short). */
  station?: StationOptions;
  /** This station's app version (tests play an older or newer app); defaults to package.json's. */
  appVersion?: string;
  /** TESTS ONLY, PostgreSQL only: the migrations this build knows (a test plays a newer build
   * by adding one to the real list). The app never sets it. */
  migrations?: readonly Migration[];
  /** How long `close()` may spend on the exit backup before abandoning it (default 8 s). */
  exitBackupDeadlineMs?: number;
  /** PostgreSQL: live updates' reconnect pauses and heartbeat (tests shorten them). */
  live?: Pick<PgLiveOptions, 'backoffMs' | 'heartbeatMs'>;
}

export interface Workstation {
  dispatcher: Dispatcher;
  services: Services;
  events: EventBus;
  /** The outbox's sender, when `messages` was given. */
  outbox: OutboxWorker | null;
  /** Background sweeps (passcode erasure); tests run them on their own clock. */
  sweeps: { run(): Promise<number> };
  /** Convenience for CLIs and tests: call a method and throw the error body on failure. */
  call<K extends MethodName>(name: K, input: unknown, meta: CallMeta): Promise<unknown>;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  error: (message, err) => console.error(`[workstation] ${message}`, err),
};

export async function createWorkstation(opts: WorkstationOptions): Promise<Workstation> {
  const now = opts.now ?? Date.now;
  const logger = opts.logger ?? consoleLogger;
  // Refuses a damaged or vanished database (never starts empty instead) and backs up before
  // migrations run.
  const database =
    opts.database ??
    resolveDatabase(opts.dataDir, { url: opts.dbUrl, sealer: opts.databaseSealer });
  if (database.engine === 'sqlite') {
    SafetyService.tidy(opts.dataDir);
    await checkDatabaseBeforeOpen(opts.dataDir, migrations, now());
  }
  const buildMigrations = opts.migrations ?? migrations;
  if (database.engine === 'postgres') {
    // A newer build never migrates a database other stations use by itself: it stops here,
    // changing nothing, until an admin confirms (the harness's upgrade screen).
    const { planPgUpgrade, ShopUpgradeNeeded } = await import('./domain/versions/upgrade-plan');
    const plan = await planPgUpgrade(database.url, buildMigrations, {
      dataDir: opts.dataDir,
      mine: opts.appVersion ?? APP_VERSION,
    });
    if (plan) throw new ShopUpgradeNeeded(plan);
  }
  const { engine, dataSource, raw } = await openDatabase(opts.dataDir, database, {
    now: now(),
    migrations: opts.migrations,
  });
  const settings = new SettingsService();
  await settings.load(dataSource.manager);
  const channelSecrets =
    opts.secretStore ??
    new FileSecretStore(path.join(opts.dataDir, 'keys', 'message-channels.json'));
  const base: Omit<Services, 'safety'> = {
    dataDir: opts.dataDir,
    databaseSealer: opts.databaseSealer,
    engine,
    database,
    dataSource,
    raw,
    settings,
    sessions: new Sessions(),
    cipher: new PasscodeCipher(
      opts.keyProvider ?? new FileKeyProvider(path.join(opts.dataDir, 'keys', 'passcode.key')),
    ),
    events: new EventBus(),
    now,
    station: new StationService(opts.dataDir, () => base.dataSource, now, opts.station),
    channelSecrets,
    channels: createChannelResolver({
      settings: () => settings.get('messages.channels'),
      secrets: channelSecrets,
      ...opts.messageChannels,
    }),
  };
  const services: Services = Object.assign(base, {
    safety: new SafetyService(base, opts.dataDir, logger),
  });
  await services.safety.open();
  services.live = await startLive(services, logger, opts.live);
  services.versions = await VersionGate.open(() => services.dataSource, {
    version: opts.appVersion,
    station: opts.messages?.station ?? os.hostname(),
    now: services.now(),
    schemaLevel: Math.max(...buildMigrations.map((m) => m.id)),
  });
  // Another station may upgrade the shared database while this one runs.
  if (engine === 'postgres') services.versions.watch(VERSION_WATCH_MS);
  await ensureFirstAdmin(dataSource.manager, services.now());
  await services.station.start(settings);
  const dispatcher = new Dispatcher(services, apiMethods, logger);
  const sweeps = await startPickupSweeps(services, dispatcher, logger);
  // Sessions that ran out end even on a quiet screen: its window is told and goes to sign-in.
  const sessionSweep = setInterval(
    () =>
      services.sessions.endExpired(
        services.now(),
        services.settings.get('auth.sessionHours') * 3_600_000,
      ),
    10_000,
  );
  sessionSweep.unref();
  const statusCounts = startStatusCountCompaction(() => services.dataSource, logger);
  if (opts.backups === 'auto') services.safety.startAutomatic();
  if (opts.devices) {
    services.devices = new DeviceRuntime(services, (fn) => dispatcher.exclusive(fn), opts.devices);
    await services.devices.start();
  }
  let outbox: OutboxWorker | null = null;
  if (opts.messages) {
    outbox = new OutboxWorker({
      services,
      exclusive: (fn) => dispatcher.exclusive(fn),
      // The channels configured under Settings → Messages (msgchan's resolver), unless a test
      // brings its own.
      resolver: opts.messages.resolver ?? services.channels,
      station: opts.messages.station ?? os.hostname(),
      tickMs: opts.messages.tickMs,
      sweepMs: opts.messages.sweepMs,
      log: (message, err) => logger.error(message, err),
    });
    await outbox.start();
    services.outbox = outbox;
  }
  return {
    dispatcher,
    services,
    events: services.events,
    outbox,
    sweeps,
    async call(name, input, meta) {
      const res = await dispatcher.call(name, input, meta);
      if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
      return res.result;
    },
    async close() {
      // Long calls (an import, an export) run outside the queue: let them finish first.
      await dispatcher.idle();
      await services.devices?.stop();
      await outbox?.stop();
      sweeps.stop();
      services.station.stop();
      clearInterval(sessionSweep);
      statusCounts.stop();
      services.versions?.stop();
      if (opts.backups === 'auto') await services.safety.atExit(opts.exitBackupDeadlineMs);
      else services.safety.stopAutomatic();
      await services.safety.idle();
      await services.live?.close();
      // A restore may have swapped the data source: close the current one.
      await services.dataSource.destroy();
    },
  };
}
