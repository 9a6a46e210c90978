import path from 'node:path';
import type { Logger } from '../api/dispatcher';
import type { Services } from '../api/method';
import { PgLive, localLive, type LiveLink, type PgLiveOptions } from './pg-live';

/**
 * Every saved setting is announced on the bus (`settings.changed`: settings screens re-read, and
 * on PostgreSQL the other stations reload their caches); on PostgreSQL the station also joins
 * the shop's event channel. On SQLite there is one process and nothing more to do.
 */
export async function startLive(
  services: Services,
  logger: Logger,
  opts: Pick<PgLiveOptions, 'backoffMs' | 'heartbeatMs'> = {},
): Promise<LiveLink> {
  services.settings.onApplied((key) =>
    services.events.publish('settings.changed', { keys: [key] }),
  );
  if (services.database.engine !== 'postgres') return localLive;
  const live = new PgLive({
    url: services.database.url,
    events: services.events,
    settings: services.settings,
    dataSource: () => services.dataSource,
    log: (message, err) => logger.error(message, err),
    label: path.basename(services.dataDir),
    ...opts,
  });
  await live.start();
  return live;
}
