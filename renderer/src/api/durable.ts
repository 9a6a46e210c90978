import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { IDEMPOTENT_METHODS, OWN_KEY_METHODS } from '../../../main/api/contract-idempotent';
import { ApiCallError, call } from './client';

/**
 * A write that survives the shop's database (or the harness link) going away (issue 15): one
 * key per user action, sent with every try; while the answer is "unreachable" the action stays
 * pending (its form and ticket stay on screen), one notice says saving waits, and the same
 * request is sent again until it lands. The server stores key → answer with the write, so a
 * try whose answer was lost is never applied twice. Other writes are sent once, as before.
 */

const WAIT_ID = 'saving-waits';
let waiting = 0;
let landedSinceWait = false;

export const newActionKey = (): string =>
  `a-${
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 14)}`
  }`;

/** The server could not be reached, or could not reach the shop's database: try again. */
export const isAway = (err: unknown) =>
  err instanceof ApiCallError && (err.code === 'NETWORK' || err.code === 'UNAVAILABLE');

export const retryable = (name: string) => IDEMPOTENT_METHODS.has(name) || OWN_KEY_METHODS.has(name);

/** Pause before try `n` (1 s, 2 s, 4 s, then every 5 s). */
const pause = (n: number) => new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (n - 1), 5000)));

function startWaiting() {
  if (waiting++ === 0) {
    landedSinceWait = false;
    notifications.show({
      id: WAIT_ID,
      loading: true,
      autoClose: false,
      withCloseButton: false,
      color: 'yellow',
      title: i18n.t('concurrency.waiting'),
      message: i18n.t('concurrency.waitingHint'),
      withBorder: true,
    });
  }
}

function stopWaiting(landed: boolean) {
  landedSinceWait ||= landed;
  if (--waiting > 0) return;
  if (landedSinceWait) {
    notifications.update({
      id: WAIT_ID,
      loading: false,
      autoClose: 4000,
      withCloseButton: true,
      color: 'teal',
      title: i18n.t('concurrency.landed'),
      message: '',
    });
  } else notifications.hide(WAIT_ID);
}

/** Sends one user action; see above. `key` defaults to a fresh one (one call = one action). */
export async function durableCall<K extends MethodName>(
  name: K,
  input: InputOf<K>,
  key: string = newActionKey(),
): Promise<OutputOf<K>> {
  if (!retryable(name)) return call(name, input);
  const body = (IDEMPOTENT_METHODS.has(name) ? { ...input, idempotencyKey: key } : input) as InputOf<K>;
  let waited = false;
  try {
    for (let n = 1; ; n++) {
      try {
        const out = await call(name, body);
        if (waited) stopWaiting(true);
        waited = false;
        return out;
      } catch (err) {
        if (!isAway(err)) throw err;
        if (!waited) startWaiting();
        waited = true;
        await pause(n);
      }
    }
  } finally {
    if (waited) stopWaiting(false);
  }
}
