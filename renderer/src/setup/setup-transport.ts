/**
 * Setup's and the shop upgrade's requests, one contract over both transports
 * (main/setup/answer.ts, upgrade-answer.ts): in the app, the preload's `call('setup.<action>')`
 * / `call('upgrade.<action>')` over IPC; in the harness, `/setup/<action>` and
 * `/upgrade/<action>` on the setup and upgrade servers. Asked before any workstation exists, so
 * not through the API client.
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

export type UpgradeStep = 'admin' | 'announced' | 'stopped' | 'backup' | 'migrated' | 'done';

/** "Upgrade the shop's database": the plan and how far a confirmed upgrade has come. */
export interface UpgradeState {
  needed: true;
  plan: {
    server: string;
    shopVersion: string | null;
    mine: string;
    stations: Array<{ id: string; name: string; appVersion: string; lastSeenAt: number }>;
  };
  progress: {
    steps: UpgradeStep[];
    backup?: string;
    running: boolean;
    failed?: { step: 'backup' | 'migrate'; message: string };
  };
}

export type UpgradeAnswer = { ok: boolean; key?: string; params?: Record<string, unknown> };

/** The pending upgrade, or null when there is none (the workstation is open). */
export async function upgradeState(): Promise<UpgradeState | null> {
  try {
    const b = window.workstation
      ? await ipc<Partial<UpgradeState>>('upgrade.state', {})
      : ((await (await fetch('/upgrade/state')).json()) as Partial<UpgradeState>);
    return b?.needed === true ? (b as UpgradeState) : null;
  } catch {
    // the workstation's harness answers this path with the page itself: not JSON
    return null;
  }
}

/** An admin's name and PIN confirm the upgrade; a refusal is a translatable key. */
export async function upgradeConfirm(admin: { name: string; pin: string }): Promise<UpgradeAnswer> {
  if (window.workstation) {
    return (await ipc<UpgradeAnswer>('upgrade.confirm', admin)) ?? { ok: false };
  }
  const r = await fetch('/upgrade/confirm', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  return (await r.json()) as UpgradeAnswer;
}

const upgradePending = async () => (await upgradeState()) !== null;

/** Waits until the workstation answers (the app: Setup, or the upgrade, is over; the harness:
 * its API is up on this port), then loads the app in the same window. */
export async function openWorkstation(after: 'setup' | 'upgrade' = 'setup'): Promise<void> {
  const pending = after === 'setup' ? setupNeeded : upgradePending;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      if (window.workstation) {
        if (!(await pending())) break;
      } else if ((await fetch('/api')).ok) break;
    } catch {
      // the setup server has gone, the workstation is still opening
    }
  }
  window.location.reload();
}
