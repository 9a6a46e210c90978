import path from 'node:path';
import type { MethodName } from './api/contract';
import { Dispatcher, type CallMeta, type Logger } from './api/dispatcher';
import type { Services } from './api/method';
import { apiMethods } from './api/table';
import { openDatabase } from './db/data-source';
import { DeviceRuntime, type DeviceRuntimeOptions } from './devices/device-runtime';
import { FileKeyProvider, PasscodeCipher, type KeyProvider } from './domain/privacy/passcode-cipher';
import { SettingsService } from './domain/settings/settings-service';
import { ensureFirstAdmin } from './domain/staff/bootstrap';
import { Sessions } from './domain/staff/sessions';
import { EventBus } from './events';

export interface WorkstationOptions {
  dataDir: string;
  /** Where the passcode key lives; defaults to a 0600 file in <dataDir>/keys. */
  keyProvider?: KeyProvider;
  /** Injectable clock for tests; defaults to Date.now. */
  now?: () => number;
  logger?: Logger;
  /** Open the configured serial scanners and printers and run the print queue (the app, the
   * harness). Tests pass options (fast back-off); CLIs leave it off. */
  devices?: DeviceRuntimeOptions;
}

export interface Workstation {
  dispatcher: Dispatcher;
  services: Services;
  events: EventBus;
  /** Convenience for CLIs and tests: call a method and throw the error body on failure. */
  call<K extends MethodName>(name: K, input: unknown, meta: CallMeta): Promise<unknown>;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  error: (message, err) => console.error(`[workstation] ${message}`, err),
};

export async function createWorkstation(opts: WorkstationOptions): Promise<Workstation> {
  const { dataSource, raw } = await openDatabase(opts.dataDir);
  const settings = new SettingsService();
  await settings.load(dataSource.manager);
  const services: Services = {
    dataSource,
    raw,
    settings,
    sessions: new Sessions(),
    cipher: new PasscodeCipher(
      opts.keyProvider ?? new FileKeyProvider(path.join(opts.dataDir, 'keys', 'passcode.key')),
    ),
    events: new EventBus(),
    now: opts.now ?? Date.now,
  };
  await ensureFirstAdmin(dataSource.manager, services.now());
  const dispatcher = new Dispatcher(services, apiMethods, opts.logger ?? consoleLogger);
  if (opts.devices) {
    services.devices = new DeviceRuntime(services, (fn) => dispatcher.exclusive(fn), opts.devices);
    await services.devices.start();
  }
  return {
    dispatcher,
    services,
    events: services.events,
    async call(name, input, meta) {
      const res = await dispatcher.call(name, input, meta);
      if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
      return res.result;
    },
    async close() {
      await services.devices?.stop();
      await dataSource.destroy();
    },
  };
}
