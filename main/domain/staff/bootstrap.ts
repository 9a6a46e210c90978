import type { EntityManager } from 'typeorm';
import { Staff } from '../../db/entities';
import { hashPin } from './pin';

export const FIRST_ADMIN = { name: 'Admin', pin: '0000' } as const;

/** A brand-new shop has nobody to sign in as: create one admin whose PIN must be changed. */
export async function ensureFirstAdmin(em: EntityManager, now: number): Promise<boolean> {
  if ((await em.count(Staff)) > 0) return false;
  const { hash, salt } = hashPin(FIRST_ADMIN.pin);
  await em.insert(Staff, {
    name: FIRST_ADMIN.name,
    role: 'admin',
    pinHash: hash,
    pinSalt: salt,
    active: 1,
    failedPins: 0,
    lockedUntil: null,
    mustChangePin: 1,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  return true;
}

/** Calls one API method and returns its result, throwing on failure (Workstation.call, or a
 * harness's HTTP call). */
export type ApiCaller = (method: string, input: unknown, token: string | null) => Promise<unknown>;

/**
 * What a person does on a new shop, for tools and tests that run one (drills, seed, test
 * helpers): sign in as Admin/0000 and set `pin` as the admin's own PIN. Run again on the same
 * shop, it signs in with `pin`. Returns the admin's token.
 */
export async function bootstrapAdmin(call: ApiCaller, pin: string): Promise<string> {
  const login = (p: string) =>
    call('auth.login', { name: FIRST_ADMIN.name, pin: p }, null) as Promise<{ token: string }>;
  // The chosen PIN first: on a shop already set up that is the only try. On a new one the
  // miss is cleared by the good 0000 sign-in right after (a good PIN resets the counts).
  const done = await login(pin).catch(() => null);
  if (done) return done.token;
  const first = await login(FIRST_ADMIN.pin);
  await call('auth.changePin', { oldPin: FIRST_ADMIN.pin, newPin: pin }, first.token);
  return first.token;
}

/**
 * Adds a person the way the shop does (an admin sets a one-time PIN) and then does what the
 * person does at their first sign-in: replace it with their own `pin`. For tools and tests.
 */
export async function addStaffWithPin(
  call: ApiCaller,
  adminToken: string,
  staff: { name: string; role: string; pin: string },
): Promise<{ id: number }> {
  const oneTime = staff.pin === '8642' ? '9753' : '8642';
  const created = (await call(
    'staff.create',
    { name: staff.name, role: staff.role, pin: oneTime },
    adminToken,
  )) as { id: number };
  const { token } = (await call('auth.login', { name: staff.name, pin: oneTime }, null)) as {
    token: string;
  };
  await call('auth.changePin', { oldPin: oneTime, newPin: staff.pin }, token);
  await call('auth.logout', {}, token);
  return created;
}

/** The admin PIN tools set on the throwaway shops they create (drills, benchmarks). */
export const SCRATCH_ADMIN_PIN = '2580';

/** An ApiCaller over an in-process workstation (`Workstation.call` throws on failure). */
export const inProcessCaller =
  (
    ws: {
      call(
        name: never,
        input: unknown,
        meta: { token: string | null; origin: string },
      ): Promise<unknown>;
    },
    origin: string,
  ): ApiCaller =>
  (method, input, token) =>
    ws.call(method as never, input, { token, origin });

/** Signs in to a throwaway shop as its admin (setting SCRATCH_ADMIN_PIN on first use). */
export const scratchAdmin = (
  ws: Parameters<typeof inProcessCaller>[0],
  origin: string,
): Promise<string> => bootstrapAdmin(inProcessCaller(ws, origin), SCRATCH_ADMIN_PIN);
