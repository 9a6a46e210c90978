import type {
  EventMap,
  EventName,
  InputOf,
  MethodName,
  OutputOf,
  StaffDto,
} from '../../../main/api/contract';
import type { ApiErrorBody, ErrorCode } from '../../../main/api/errors';

type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** What the Electron preload exposes; absent in the browser harness. */
interface WorkstationBridge {
  call(method: string, input: unknown): Promise<CallResult>;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
}

declare global {
  interface Window {
    workstation?: WorkstationBridge;
  }
}

/** A failed API call, carrying the backend's error body (code, English message, i18n details). */
export class ApiCallError extends Error {
  readonly code: ErrorCode | 'NETWORK';
  readonly body: ApiErrorBody;
  constructor(
    body: ApiErrorBody | { code: 'NETWORK'; message: string; details?: ApiErrorBody['details'] },
  ) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
    this.body = body as ApiErrorBody;
  }
}

const TOKEN_KEY = 'workstation.token';
const bridge = (): WorkstationBridge | undefined => window.workstation;

export const transport = (): 'electron' | 'harness' => (bridge() ? 'electron' : 'harness');

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  setToken(token: string | null) {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

function isErrorBody(v: unknown): v is ApiErrorBody {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ApiErrorBody).code === 'string' &&
    typeof (v as ApiErrorBody).message === 'string'
  );
}

const STATION_KEY = 'workstation.station';

/** This browser's own id: the harness counts wrong PINs per browser, so one browser guessing
 * does not pause the others (Electron windows are told apart by the shell). */
function stationId(): string {
  let id = localStorage.getItem(STATION_KEY);
  if (!id) {
    id =
      typeof crypto.randomUUID === 'function'
        ? crypto.randomUUID()
        : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
    localStorage.setItem(STATION_KEY, id);
  }
  return id;
}

type SessionLostListener = (err: ApiCallError) => void;
const lostListeners = new Set<SessionLostListener>();

/** Called when a call is refused because this window's session is gone (ended elsewhere,
 * expired, the backend restarted): the session provider goes back to sign-in. */
export function onSessionLost(cb: SessionLostListener): () => void {
  lostListeners.add(cb);
  return () => void lostListeners.delete(cb);
}

async function callHarness(name: string, input: unknown): Promise<unknown> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-station': stationId(),
  };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`./api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
    });
  } catch (err) {
    throw new ApiCallError({
      code: 'NETWORK',
      message: err instanceof Error ? err.message : 'Network error',
      details: { key: 'errors.network' },
    });
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body;
  if (isErrorBody(body)) throw new ApiCallError(body);
  throw new ApiCallError({
    code: 'INTERNAL',
    message: `HTTP ${res.status}`,
    details: { key: 'errors.internal' },
  });
}

/** The one typed entry point to the backend, whichever transport is present. */
export async function call<K extends MethodName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  try {
    return await callOnce(name, input);
  } catch (err) {
    if (err instanceof ApiCallError && err.code === 'UNAUTHENTICATED' && name !== 'auth.login')
      for (const cb of lostListeners) cb(err);
    throw err;
  }
}

async function callOnce<K extends MethodName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const b = bridge();
  if (b) {
    const r = await b.call(name, input);
    if (r.ok) return r.result as OutputOf<K>;
    throw new ApiCallError(r.error);
  }
  const result = (await callHarness(name, input)) as OutputOf<K>;
  if (name === 'auth.login') session.setToken((result as OutputOf<'auth.login'>).token);
  if (name === 'auth.logout') session.setToken(null);
  return result;
}

export type EventHandler = <E extends EventName>(name: E, payload: EventMap[E]) => void;

/** Every backend event a page hears (a name missing here would never reach a handler: the
 * record makes leaving one out a type error). */
const EVENT_NAMES = Object.keys({
  'ticket.created': 1,
  'ticket.updated': 1,
  'printJob.queued': 1,
  emergency: 1,
  'app.navigate': 1,
  scan: 1,
  'hardware.status': 1,
  'printJob.updated': 1,
  'export.progress': 1,
  // Backup and restore progress (managers and admins only; the server filters).
  'safety.progress': 1,
  // Stock moved (any workstation): inventory screens refresh; low stock raises its notice.
  'stock.changed': 1,
  'stock.low': 1,
  // This window's session was ended by someone else or by the clock; staff lists refresh.
  'session.ended': 1,
  'staff.changed': 1,
  // A customer message was queued, sent or failed (the outbox worker, any station).
  'message.changed': 1,
  // The link to the shop's database (PostgreSQL) went down or came back; settings saved here
  // or on another station.
  'live.state': 1,
  'settings.changed': 1,
} satisfies Record<EventName, 1>) as EventName[];

/**
 * Subscribes to every backend event; returns an unsubscribe. Reconnects the WebSocket with
 * back-off; `onResumed` runs when it is open again after a drop (events sent meanwhile were
 * missed: the caller re-reads).
 */
export function subscribeEvents(handler: EventHandler, onResumed?: () => void): () => void {
  const b = bridge();
  if (b) {
    const offs = EVENT_NAMES.map((n) => b.on(n, (p) => handler(n, p)));
    return () => offs.forEach((off) => off());
  }
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 500;
  let dropped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    const token = session.token();
    if (!token || closed) return;
    const url = new URL(`ws?token=${encodeURIComponent(token)}`, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    ws = new WebSocket(url);
    ws.onopen = () => {
      delay = 500;
      if (dropped) onResumed?.();
      dropped = false;
    };
    ws.onmessage = (ev) => {
      try {
        const msg = JSON.parse(String(ev.data)) as { name: EventName; payload: never };
        if (EVENT_NAMES.includes(msg.name)) handler(msg.name, msg.payload);
      } catch {
        /* ignore malformed frames */
      }
    };
    ws.onclose = (ev) => {
      if (closed || ev.code === 4001) return;
      dropped = true;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15_000);
    };
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    ws?.close();
  };
}

export type { StaffDto };
