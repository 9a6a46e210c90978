/**
 * Setup's requests, one contract over both transports (main/setup/answer.ts): in the app, the
 * preload's `call('setup.<action>')` over IPC; in the harness, `POST /setup/<action>` on the
 * setup server. Asked before any workstation exists, so not through the API client.
 */
export type SetupAction = 'test' | 'join' | 'local';

export type Outcome =
  | { ok: true; server?: string; empty?: boolean; shopKey?: boolean }
  | { ok: false; code: string; params?: Record<string, string> };

interface SetupState {
  needed?: boolean;
}

async function ipc<T>(method: string, input: unknown): Promise<T | null> {
  const res = await window.workstation!.call(method, input);
  return res.ok ? (res.result as T) : null;
}

/** Does this start need Setup? (The harness's workstation answers the path with the page.) */
export async function setupNeeded(): Promise<boolean> {
  try {
    if (window.workstation) return (await ipc<SetupState>('setup.state', {}))?.needed === true;
    const r = await fetch('/setup/state');
    return ((await r.json()) as SetupState).needed === true;
  } catch {
    return false;
  }
}

export async function setupRequest(action: SetupAction, body: unknown): Promise<Outcome> {
  try {
    if (window.workstation) {
      return (await ipc<Outcome>(`setup.${action}`, body)) ?? { ok: false, code: 'SETUP_FAILED' };
    }
    const r = await fetch(`/setup/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await r.json()) as Outcome;
  } catch {
    return { ok: false, code: 'SETUP_FAILED' };
  }
}

/** Waits until the workstation answers (the app: Setup is over; the harness: its API is up on
 * this port), then loads the app in the same window. */
export async function openWorkstation(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      if (window.workstation) {
        if (!(await setupNeeded())) break;
      } else if ((await fetch('/api')).ok) break;
    } catch {
      // the setup server has gone, the workstation is still opening
    }
  }
  window.location.reload();
}
