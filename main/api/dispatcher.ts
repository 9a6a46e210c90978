import { QueryFailedError, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { driverFault } from '../db/driver-fault';
import { nulPath } from './nul-text';
import { appendAudit, type AuditRecord } from '../domain/audit/audit-log';
import { moveRefusal } from '../domain/stations/station-move';
import type { EventMap, EventName } from './contract';
import { ApiError, type ApiErrorBody, type FieldIssue } from './errors';
import { IDEMPOTENT_METHODS } from './contract-idempotent';
import { findWrite, inputHash, isKeyRace, replay, splitKey, storeWrite } from './idempotency';
import type { AuditNote, MethodContext, MethodDef, Services } from './method';
import { roleAllows } from './permissions';
import { outdatedRefusal } from '../domain/versions/write-gate';

export interface CallMeta {
  token: string | null;
  /** Where the call came from, for the audit log: 'ipc:<window>' or 'http:127.0.0.1'. */
  origin: string;
}

export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface Logger {
  error(message: string, err?: unknown): void;
}

const ISSUE_KEYS: Record<string, string> = {
  invalid_type: 'errors.field.invalid',
  too_big: 'errors.field.tooLong',
  too_small: 'errors.field.required',
  invalid_value: 'errors.field.choice',
  unrecognized_keys: 'errors.field.unknownKeys',
};

type ZodIssue = z.ZodError['issues'][number];

/** A union's failure reports every branch; keep the branch the user was evidently filling in
 * (fewest problems, and not merely "unknown keys"), so field errors land on real fields. */
function flattenIssues(issues: readonly ZodIssue[], prefix: PropertyKey[] = []): ZodIssue[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    if (i.code !== 'invalid_union' || !('errors' in i) || i.errors.length === 0)
      return [{ ...i, path }];
    const score = (branch: readonly ZodIssue[]) =>
      branch.length + (branch.some((b) => b.code === 'unrecognized_keys') ? 1000 : 0);
    const best = [...i.errors].sort((a, b) => score(a) - score(b))[0];
    return flattenIssues(best, path);
  });
}

function validationError(err: z.ZodError): ApiError {
  const issues: FieldIssue[] = flattenIssues(err.issues).map((i) => {
    const custom = i.message.startsWith('errors.') ? i.message : null;
    return {
      path: i.path.join('.'),
      key: custom ?? ISSUE_KEYS[i.code] ?? 'errors.field.invalid',
      params: 'maximum' in i ? { max: Number(i.maximum) } : undefined,
      message: custom ? `${i.path.join('.') || 'input'} is not valid` : i.message,
    };
  });
  const first = issues[0];
  return new ApiError(
    'VALIDATION',
    `Please check the form: ${issues.map((i) => i.path || 'input').join(', ')}.`,
    { key: 'errors.validation', issues, field: first?.path },
  );
}

/** Text holding a NUL character at `path` (nul-text.ts says why it is refused). */
function nulError(path: string): ApiError {
  return new ApiError('VALIDATION', `Please check the form: ${path || 'input'}.`, {
    key: 'errors.validation',
    issues: [
      {
        path,
        key: 'errors.field.invalid',
        message: `${path || 'input'} holds a NUL character`,
      },
    ],
    field: path,
  });
}

/** Maps anything thrown to the wire error; only unknown failures become INTERNAL. */
function toApiError(err: unknown, log: Logger): ApiError {
  if (err instanceof ApiError) return err;
  // A payment dated on a closed day, refused by the database's own trigger (migration 0009),
  // whichever code path tried to write it.
  if (err instanceof Error && err.message.includes('DAY_CLOSED')) {
    return new ApiError(
      'CONFLICT',
      'That day is closed: its payments cannot change. Record a correction dated today.',
      { key: 'errors.dayClosed' },
    );
  }
  if (err instanceof QueryFailedError && /constraint/i.test(err.message)) {
    return new ApiError('CONFLICT', 'The change conflicts with existing data.', {
      key: 'errors.conflict',
    });
  }
  // Another process holds the write lock after this transaction read its data: the read is
  // stale, so the write is refused like any other lost race (the caller reloads and retries).
  // PostgreSQL's equivalent, once the retries are spent: a serialisation failure or a deadlock
  // with another station's transaction.
  if (isPgConflict(err) || /^SQLITE_BUSY/.test(driverFault(err).code)) {
    return new ApiError('CONFLICT', 'Someone else was saving at the same moment. Try again.', {
      key: 'errors.busy',
    });
  }
  if (err instanceof Error && err.name === 'OptimisticLockVersionMismatchError') {
    return new ApiError(
      'CONFLICT',
      'Someone else changed this record first. Reload and try again.',
      {
        key: 'errors.stale',
      },
    );
  }
  if (isDatabaseAway(err)) {
    return new ApiError('UNAVAILABLE', 'The shop’s database cannot be reached. Try again.', {
      key: 'errors.databaseAway',
    });
  }
  log.error('unexpected error in API handler', err);
  return new ApiError('INTERNAL', 'Something went wrong. The change was not saved.', {
    key: 'errors.internal',
  });
}

/** SQLSTATE 40001 (serialization_failure) or 40P01 (deadlock_detected): PostgreSQL rolled the
 * transaction back because another station's transaction won; the same call may succeed now. */
function isPgConflict(err: unknown): boolean {
  const { code } = driverFault(err);
  return code === '40001' || code === '40P01';
}

/** Codes of a lost link to the database server: refused, reset, timed out, the server shutting
 * down (57P01-57P03) or a connection exception (class 08). */
const AWAY_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ENOTFOUND|57P0[123]|08\d{3})$/;
const AWAY_TEXT =
  /Connection terminated|connection timeout|terminating connection|server closed the connection|Client has encountered a connection error|Connection is not established|ECONNREFUSED|the database system is (starting up|shutting down)/i;

/** The shop's database is away (PostgreSQL only: a SQLite file never "goes away"). */
export function isDatabaseAway(err: unknown): boolean {
  const { code, message } = driverFault(err);
  return AWAY_CODES.test(code) || AWAY_TEXT.test(message);
}

/** Tries per write call on PostgreSQL: the first and up to three re-runs after a lost race. */
const PG_ATTEMPTS = 4;
const retryPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 15 * attempt));

/**
 * The one dispatcher both transports use: validate, authorise, run (writes in a transaction
 * with their audit entry), then publish events. Calls are serialised: the database has one
 * connection, and better-sqlite3 is synchronous, so a queue costs nothing and makes every
 * transaction see a consistent state. A `long` method is checked in the queue, then runs
 * outside it and comes back only for bounded slices (`ctx.slice`), so one import or export
 * never holds every other call behind it.
 */
export class Dispatcher {
  private readonly table = new Map<string, MethodDef>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Set<Promise<CallResult>>();
  /** Write calls re-run after a PostgreSQL serialisation failure or deadlock (figures for the
   * concurrency test and the log). */
  readonly pgRetries = { retried: 0, gaveUp: 0 };

  constructor(
    private readonly services: Services,
    methods: readonly MethodDef[],
    private readonly log: Logger,
  ) {
    for (const m of methods) {
      if (this.table.has(m.name)) throw new Error(`API method "${m.name}" is registered twice`);
      this.table.set(m.name, m);
    }
  }

  methods(): MethodDef[] {
    return [...this.table.values()];
  }

  call(name: string, input: unknown, meta: CallMeta): Promise<CallResult> {
    const run = this.queue.then(() => this.run(name, input, meta));
    this.queue = run.catch(() => undefined);
    // A long method's checks ran in the queue; its work continues outside it.
    return run.then((r) => (typeof r === 'function' ? this.track(r()) : r));
  }

  /** Resolves when every long call still running outside the queue has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private track(p: Promise<CallResult>): Promise<CallResult> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Runs background work (sweeps) in the same queue, so it never interleaves with a call's
   * transaction on the one connection. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(
    name: string,
    input: unknown,
    meta: CallMeta,
  ): Promise<CallResult | (() => Promise<CallResult>)> {
    const method = this.table.get(name);
    if (!method) {
      return fail(
        new ApiError('NOT_FOUND', `Unknown API method "${name}".`, { key: 'errors.unknownMethod' }),
      );
    }
    const now = this.services.now();
    const { sessions, settings } = this.services;
    sessions.endExpired(now, settings.get('auth.sessionHours') * 3_600_000);
    const session = sessions.get(meta.token);
    if (method.access !== 'public' && !session) {
      // A session ended by someone else (deactivated, new role, PIN reset) or by the clock
      // says so, and the sign-in screen repeats it in the window's language.
      const reason = sessions.endedReason(meta.token);
      return fail(
        new ApiError('UNAUTHENTICATED', 'Please sign in.', {
          key: reason ? `errors.sessionEnded.${reason}` : 'errors.unauthenticated',
          ...(reason ? { reason } : {}),
        }),
      );
    }
    if (session?.mustChangePin && !PIN_CHANGE_ALLOWS.has(name)) {
      return fail(
        new ApiError('PIN_CHANGE_REQUIRED', 'Set your own PIN first.', {
          key: 'errors.pinChangeRequired',
        }),
      );
    }
    if (session?.locked && !LOCKED_ALLOWS.has(name)) {
      return fail(
        new ApiError('SESSION_LOCKED', 'The screen is locked. Enter your PIN.', {
          key: 'errors.sessionLocked',
        }),
      );
    }
    if (method.write) {
      const refusal = outdatedRefusal(name, this.services.versions?.current);
      if (refusal) return fail(refusal);
    }
    const base = {
      at: now,
      staffId: session?.staffId ?? null,
      staffName: session?.name ?? null,
      action: name,
      origin: meta.origin.slice(0, 80),
    };
    if (session && !roleAllows(session.role, method.access)) {
      await this.auditAlone({ ...base, outcome: 'denied' }, { details: { need: method.access } });
      return fail(
        new ApiError('FORBIDDEN', 'You do not have permission to do this.', {
          key: 'errors.forbidden',
          params: { permission: method.access },
        }),
      );
    }
    // An idempotent write's key travels beside its input (main/api/idempotency.ts).
    let key: string | null = null;
    if (IDEMPOTENT_METHODS.has(name) && method.write && !method.long) {
      try {
        ({ key, rest: input } = splitKey(input));
      } catch (err) {
        await this.auditAlone({ ...base, outcome: 'rejected' }, {});
        return fail(err as ApiError);
      }
    }
    const parsed = method.input.safeParse(input ?? {});
    const nul = parsed.success ? nulPath(parsed.data) : null;
    if (!parsed.success || nul !== null) {
      const error = parsed.success ? nulError(nul!) : validationError(parsed.error);
      if (method.write) await this.auditAlone({ ...base, outcome: 'rejected' }, {});
      return fail(error);
    }

    // The station lost its live link to the shop's database (PostgreSQL): what is on screen may
    // be stale, so saving waits until it is back and has re-read (signing in and out still work).
    if (
      method.write &&
      !name.startsWith('auth.') &&
      this.services.live?.status().state === 'reconnecting'
    ) {
      return fail(
        new ApiError(
          'UNAVAILABLE',
          "Reconnecting to the shop's database: saving waits until it is back.",
          {
            key: 'live.readOnly',
          },
        ),
      );
    }
    // This station's SQLite file is being moved to the shop's database server (or was): what
    // it saved now would stay behind in the file (main/domain/stations/station-move.ts).
    if (method.write && !name.startsWith('auth.')) {
      const moving = moveRefusal(this.services);
      if (moving) return fail(moving);
    }
    const events: Array<[EventName, unknown]> = [];
    const after: Array<() => void> = [];
    const audit: AuditNote = {};
    const ds = () => this.services.dataSource;
    const sliceElsewhere = async <T>(fn: () => Promise<T>): Promise<T> => {
      // One turn of the event loop first: a queue that is free would otherwise run slice
      // after slice in microtasks, and requests, timers and device events would wait for all.
      await new Promise((resolve) => setImmediate(resolve));
      return this.exclusive(fn);
    };
    const makeCtx = (em: EntityManager): MethodContext => ({
      services: this.services,
      em,
      session,
      origin: meta.origin,
      token: meta.token,
      now,
      audit,
      emit: <E extends EventName>(n: E, p: EventMap[E]) => void events.push([n, p]),
      afterCommit: (fn) => void after.push(fn),
      slice: (fn) =>
        sliceElsewhere(() =>
          method.write ? ds().transaction(async (em) => fn(em)) : Promise.resolve(fn(ds().manager)),
        ),
      sliceElsewhere,
    });
    const handler = method.handler as (i: unknown, c: MethodContext) => Promise<unknown>;
    if (method.long) {
      return () =>
        this.runLong(method, base, audit, events, after, () =>
          handler(parsed.data, makeCtx(OUTSIDE_QUEUE)),
        );
    }
    try {
      let result: unknown;
      if (method.write || method.auditReads) {
        let kept: ApiError | null = null;
        result = await this.pgRetrying(() => {
          // A fresh attempt: nothing from a rolled-back one is published or audited.
          kept = null;
          events.length = 0;
          after.length = 0;
          for (const k of Object.keys(audit) as Array<keyof AuditNote>) delete audit[k];
          return this.services.dataSource.transaction(async (em) => {
            const hash = key ? inputHash(parsed.data) : '';
            const stored = key ? await findWrite(em, key) : undefined;
            if (key && stored) {
              // A retry of a write that already committed: its first answer, nothing new.
              const out = replay(stored, name, hash);
              audit.details = { idempotentReplay: true };
              await appendAudit(em, record(base, 'success', audit));
              return out;
            }
            try {
              const out = await handler(parsed.data, makeCtx(em));
              if (key)
                await storeWrite(em, {
                  key,
                  method: name,
                  staffId: session?.staffId ?? null,
                  hash,
                  result: out,
                  at: now,
                });
              await appendAudit(em, record(base, 'success', audit));
              return out;
            } catch (err) {
              if (!(err instanceof ApiError && err.keepWrites)) throw err;
              kept = err;
              audit.details = { ...audit.details, code: err.code };
              await appendAudit(em, record(base, 'denied', audit));
              return undefined;
            }
          });
        });
        if (kept) return fail(kept);
      } else {
        result = await handler(parsed.data, makeCtx(this.services.dataSource.manager));
      }
      for (const fn of after) fn();
      for (const [n, p] of events) this.services.events.publish(n, p as never);
      return { ok: true, result };
    } catch (err) {
      // The same key committed by a racing call in the meantime: answer as a retry would. The
      // race shows as the key's own unique violation, or as the conflict this call met on the
      // row the first one changed (a ticket's version) before it got as far as the key.
      if (key && (isKeyRace(err) || (err instanceof ApiError && err.code === 'CONFLICT'))) {
        const stored = await findWrite(this.services.dataSource.manager, key).catch(
          () => undefined,
        );
        if (stored) {
          try {
            return { ok: true, result: replay(stored, name, inputHash(parsed.data)) };
          } catch (e) {
            return fail(toApiError(e, this.log));
          }
        }
      }
      const error = toApiError(err, this.log);
      if (method.write || method.auditReads) {
        await this.auditAlone(
          { ...base, outcome: error.code === 'INTERNAL' ? 'failed' : 'rejected' },
          { ...audit, details: { ...audit.details, code: error.code } },
        );
      }
      return fail(error);
    }
  }

  /**
   * Runs a whole write transaction again when PostgreSQL refused it for a lost race with another
   * station (40001/40P01), a bounded number of times with a short jittered pause; then the error
   * goes on (CONFLICT, errors.busy). SQLite never retries here: its one writer cannot deadlock,
   * and SQLITE_BUSY already answers CONFLICT.
   */
  private async pgRetrying<T>(attempt: () => Promise<T>): Promise<T> {
    const pg = this.services.engine === 'postgres';
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        if (!pg || !isPgConflict(err)) throw err;
        if (n >= PG_ATTEMPTS) {
          this.pgRetries.gaveUp++;
          throw err;
        }
        this.pgRetries.retried++;
        await retryPause(n);
      }
    }
  }

  /** A long method's work outside the queue; its audit entry and events follow in the queue. */
  private async runLong(
    method: MethodDef,
    base: Omit<AuditRecord, 'entity' | 'entityId' | 'details' | 'outcome'>,
    audit: AuditNote,
    events: Array<[EventName, unknown]>,
    after: Array<() => void>,
    work: () => Promise<unknown>,
  ): Promise<CallResult> {
    const audited = method.write || method.auditReads;
    try {
      const result = await work();
      if (audited)
        await this.exclusive(() => this.auditAlone({ ...base, outcome: 'success' }, audit));
      for (const fn of after) fn();
      for (const [n, p] of events) this.services.events.publish(n, p as never);
      return { ok: true, result };
    } catch (err) {
      const error = toApiError(err, this.log);
      if (audited) {
        await this.exclusive(() =>
          this.auditAlone(
            { ...base, outcome: error.code === 'INTERNAL' ? 'failed' : 'rejected' },
            { ...audit, details: { ...audit.details, code: error.code } },
          ),
        );
      }
      // Slices already committed stay (the method says what it did); their events still go out.
      for (const [n, p] of events) this.services.events.publish(n, p as never);
      return fail(error);
    }
  }

  private async auditAlone(
    base: Omit<AuditRecord, 'entity' | 'entityId' | 'details'>,
    note: AuditNote,
  ) {
    try {
      await this.services.dataSource.transaction((em) =>
        appendAudit(em, record(base, base.outcome, note)),
      );
    } catch (err) {
      this.log.error('could not write audit entry', err);
    }
  }
}

function record(
  base: Omit<AuditRecord, 'entity' | 'entityId' | 'details' | 'outcome'>,
  outcome: AuditRecord['outcome'],
  note: AuditNote,
): AuditRecord {
  return {
    ...base,
    staffId: base.staffId ?? note.actor?.id ?? null,
    staffName: base.staffName ?? note.actor?.name ?? null,
    outcome,
    entity: note.entity ?? null,
    entityId: note.entityId === undefined ? null : String(note.entityId),
    details: note.details ? JSON.stringify(note.details) : null,
  };
}

/** What a session with a one-time PIN may still call: nothing else works until it is replaced. */
const PIN_CHANGE_ALLOWS = new Set(['auth.changePin', 'auth.me', 'auth.logout', 'auth.staff']);
/** What a locked session may call: its owner's PIN, or giving the station to someone else. */
const LOCKED_ALLOWS = new Set(['auth.unlock', 'auth.lock', 'auth.me', 'auth.logout', 'auth.staff']);
/** A long method's `ctx.em`: outside the queue the shared connection may be inside another
 * call's transaction, so any use is a bug, caught at once rather than as a stray read. */
const OUTSIDE_QUEUE = new Proxy({} as EntityManager, {
  get(_t, prop) {
    if (prop === 'then') return undefined;
    throw new Error(`a long method used ctx.em.${String(prop)}: use ctx.slice`);
  },
});

const fail = (e: ApiError): CallResult => ({ ok: false, error: e.toJSON() });
