import type { StationMoveStatusDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod, type Services } from '../../api/method';
import { emptyInput } from '../../api/schemas/devices';
import { stationMoveSchema } from '../../api/schemas/stations';
import { redact, serverOf } from '../../db/engine';
import { connectPostgres } from '../../db/open-postgres';
import { EngineStartError } from '../../db/engine-errors';
import { joinUrl, storeServerLogin, testConnection, type JoinParams } from '../../db/join';
import { MoveError } from '../../db/move/move-error';
import { moveShop } from '../../db/move/move';
import { connectTarget, refuseNonEmpty } from '../../db/move/target';
import type { MoveVerification } from '../../db/move/verify';
import { appendAudit, type AuditRecord } from '../audit/audit-log';
import { plainSealer } from '../privacy/shop-key';

/**
 * Settings → Stations: a shop on this PC's SQLite file moves to the shop's PostgreSQL server
 * from the screen (issue 15). The work is `moveShop` (main/db/move/move.ts, the same as
 * `npm run db:move`); this keeps its progress for `stations.moveStatus` and, from the start of
 * the copy on, refuses every write (`moveRefusal`): what would be saved in the SQLite file
 * after the copy's snapshot would not reach the server. The station opens the server on its
 * next start (database.json, written by moveShop once the target verified).
 */
type MoveState = StationMoveStatusDto;

const states = new WeakMap<Services, MoveState>();
const IDLE: MoveState = { state: 'idle', done: 0, total: 0, table: null, server: null };

export function moveStatus(services: Services): MoveState {
  return states.get(services) ?? IDLE;
}

/** The refusal of a write while this station's data is being moved, or has been. */
export function moveRefusal(services: Services): ApiError | null {
  const s = states.get(services)?.state;
  if (s === 'moving')
    return new ApiError(
      'UNAVAILABLE',
      "This shop's data is being moved to the database server: saving stops until this workstation restarts.",
      { key: 'stationsMove.errors.moving' },
    );
  if (s === 'done')
    return new ApiError(
      'UNAVAILABLE',
      "This shop's data has moved to the database server: restart this workstation to go on saving.",
      { key: 'stationsMove.errors.moved' },
    );
  return null;
}

const refuse = (key: string, message: string, params?: Record<string, unknown>) =>
  new ApiError('CONFLICT', message, { key: `stationsMove.errors.${key}`, params });

function verificationDto(v: MoveVerification): NonNullable<MoveState['verification']> {
  return {
    ok: v.ok,
    checks: v.checks.map((c) => ({
      what: c.what,
      ok: c.ok,
      source: String(c.source),
      target: String(c.target),
    })),
    audit: v.audit.source.ok && v.audit.target.ok,
  };
}

/** The move's own entry, appended to the chain on the server (where the shop now lives) by
 * the audit module's own append: the same hash, and the advisory lock other stations take. */
async function auditOnTarget(url: string, record: AuditRecord): Promise<void> {
  const target = await connectPostgres(url);
  try {
    await target.transaction((em) => appendAudit(em, record));
  } finally {
    await target.destroy().catch(() => undefined);
  }
}

function failure(err: unknown): Pick<MoveState, 'error' | 'verification'> {
  if (err instanceof EngineStartError)
    return { error: { key: err.key, params: { ...err.params } as Record<string, unknown> } };
  if (err instanceof MoveError) {
    const v = (err as MoveError & { verification?: MoveVerification }).verification;
    if (err.code === 'MOVE_MISMATCH')
      return {
        error: { key: 'stationsMove.errors.mismatch' },
        ...(v ? { verification: verificationDto(v) } : {}),
      };
    return { error: { key: 'stationsMove.errors.refused', params: { reason: err.message } } };
  }
  return { error: { key: 'stationsMove.errors.failed' } };
}

function run(
  services: Services,
  url: string,
  login: JoinParams,
  who: { staffId: number; name: string; origin: string },
): void {
  const server = serverOf(url);
  const state: MoveState = { state: 'moving', done: 0, total: 0, table: null, server };
  states.set(services, state);
  // The print queue and the message outbox write their states straight into the file, not
  // through the refused calls: a job printed or a message sent after the copy's snapshot would
  // print or go out again from the server. The station restarts after the move anyway, so
  // both stop now, before the snapshot (a send under way finishes and is recorded first), and
  // stay stopped until then, whatever the move's outcome.
  const stopped = Promise.all([
    services.devices
      ?.stop()
      .catch((err: unknown) => console.error('move: devices did not stop', err)),
    services.outbox
      ?.stop()
      .catch((err: unknown) => console.error('move: the outbox did not stop', err)),
  ]);
  void stopped.then(() => moveShop({
    dataDir: services.dataDir,
    url,
    // The password as Setup keeps it (keys/database-password, sealed by the OS keychain in the
    // app), database.json without it.
    saveConfig: (dataDir) =>
      storeServerLogin(dataDir, login, services.databaseSealer ?? plainSealer),
    onStart: (tables) => {
      state.total = tables.reduce((n, t) => n + t.rows, 0);
    },
    onProgress: (p) => {
      state.done = p.done;
      state.total = p.total;
      if (p.tableTotal > 0) state.table = p.table;
    },
  })).then(
    async (r) => {
      await auditOnTarget(url, {
        at: services.now(),
        staffId: who.staffId,
        staffName: who.name,
        action: 'stations.moveDone',
        entity: 'station',
        entityId: services.station.id,
        outcome: 'success',
        origin: who.origin.slice(0, 80),
        details: JSON.stringify({
          server: redact(url),
          rows: r.rows,
          tables: r.tables.length,
          ms: r.ms,
          station: services.station.identity.name,
        }),
      }).catch((err: unknown) =>
        console.error(`move: the audit entry on ${server} failed: ${redact(String(err))}`),
      );
      Object.assign(state, {
        state: 'done',
        done: r.rows,
        total: r.rows,
        rows: r.rows,
        ms: r.ms,
        verification: verificationDto(r.verification),
      });
    },
    (err: unknown) => {
      console.error(
        `move to ${server} failed: ${redact(err instanceof Error ? err.message : String(err))}`,
      );
      Object.assign(state, { state: 'failed', ...failure(err) });
    },
  );
}

/** The checks before a move (and the Test button): still on SQLite, the server answers with
 * these credentials (Setup's translated codes), its database is empty. */
async function checkTarget(
  params: JoinParams,
  services: Services,
): Promise<{ url: string; server: string }> {
  if (services.engine !== 'sqlite')
    throw refuse('onServer', 'This station already works on the shop’s database server.');
  const tested = await testConnection(params);
  if (!tested.ok) {
    throw new ApiError('CONFLICT', tested.error.message, {
      key: tested.error.key,
      params: { ...tested.error.params } as Record<string, unknown>,
    });
  }
  const url = joinUrl(params);
  const client = await connectTarget(url);
  try {
    await refuseNonEmpty(client);
  } catch (err) {
    if (err instanceof MoveError)
      throw refuse(
        'notEmpty',
        'The database on the server is not empty. Move into a new, empty database.',
        { server: tested.server },
      );
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { url, server: tested.server };
}

export const stationMoveMethods = [
  defineMethod('stations.moveTest', {
    input: stationMoveSchema,
    access: 'station.manage',
    write: false,
    async handler(params, ctx) {
      const { server } = await checkTarget(params, ctx.services);
      return { server };
    },
  }),

  defineMethod('stations.moveStatus', {
    input: emptyInput,
    access: 'station.manage',
    write: false,
    async handler(_input, ctx) {
      return moveStatus(ctx.services);
    },
  }),

  defineMethod('stations.moveToServer', {
    input: stationMoveSchema,
    access: 'station.manage',
    write: true,
    async handler(params, ctx) {
      const { url, server } = await checkTarget(params, ctx.services);
      // The entry of this call is committed in the SQLite file before the copy reads it: it
      // moves with the shop. Never the password.
      ctx.audit.entity = 'station';
      ctx.audit.entityId = ctx.services.station.id;
      ctx.audit.details = {
        server: redact(joinUrl({ ...params, password: 'x' })),
        station: ctx.services.station.identity.name,
      };
      const who = { staffId: ctx.session.staffId, name: ctx.session.name, origin: ctx.origin };
      ctx.afterCommit(() => run(ctx.services, url, params, who));
      return { state: 'moving', done: 0, total: 0, table: null, server };
    },
  }),
];
