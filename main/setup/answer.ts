import { z } from 'zod';
import { saveJoin, testConnection, type JoinParams } from '../db/join';
import { ShopKeyError } from '../domain/privacy/shop-key';
import type { Sealer } from '../domain/messages/channels/secret-store';

/**
 * Setup's three requests (state aside), one contract for both transports: the harness's
 * `POST /setup/<action>` (main/web/setup-server.ts) and the Electron shell's `setup.<action>`
 * over its one IPC channel (electron/setup-ipc.ts). Outcomes are translatable codes, never a
 * stack.
 */
export const SETUP_ACTIONS = ['test', 'join', 'local'] as const;
export type SetupAction = (typeof SETUP_ACTIONS)[number];
export type SetupChoice = 'local' | 'joined';

const joinSchema = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.coerce.number().int().min(1).max(65535),
  database: z.string().trim().min(1).max(63),
  user: z.string().trim().min(1).max(63),
  password: z.string().max(200),
  joinSecret: z.string().max(200).optional(),
});

export type SetupAnswer =
  { ok: true; [k: string]: unknown } | { ok: false; code: string; params?: object };

export interface SetupKeys {
  /** Seals the stored database password (and an adopted passcode key): the app's OS keychain;
   * the harness stores them 0600 in plain. */
  sealer?: Sealer;
  /** Where this station keeps its passcode key (the app: keys/passcode.key.enc beside data/). */
  keyFile?: string;
}

/** What the person asked for, checked; `done` when the choice is made. */
export async function setupAnswer(
  dataDir: string,
  action: SetupAction,
  input: unknown,
  keys: SetupKeys = {},
): Promise<{ answer: SetupAnswer; done?: SetupChoice }> {
  if (action === 'local') return { answer: { ok: true }, done: 'local' };
  const parsed = joinSchema.safeParse(input);
  if (!parsed.success) return { answer: { ok: false, code: 'SETUP_FIELDS' } };
  const { joinSecret, ...params } = parsed.data as JoinParams & { joinSecret?: string };
  const tested = await testConnection(params);
  if (!tested.ok) {
    return { answer: { ok: false, code: tested.error.code, params: tested.error.params } };
  }
  if (action === 'test') {
    return {
      answer: {
        ok: true,
        server: tested.server,
        empty: tested.tables === 0,
        shopKey: tested.shopKey,
      },
    };
  }
  // Joining a shop whose passcode key was shared needs the join secret: without it, passcodes
  // taken at the other stations could not be revealed here.
  if (tested.shopKey && !joinSecret) {
    return { answer: { ok: false, code: 'SHOP_KEY_SECRET_NEEDED' } };
  }
  try {
    await saveJoin(dataDir, params, {
      joinSecret: tested.shopKey ? joinSecret : undefined,
      sealer: keys.sealer,
      keyFile: keys.keyFile,
    });
  } catch (err) {
    if (err instanceof ShopKeyError) return { answer: { ok: false, code: err.code } };
    throw err;
  }
  return { answer: { ok: true, server: tested.server }, done: 'joined' };
}
