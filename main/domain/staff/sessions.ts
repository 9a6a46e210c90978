import { randomBytes } from 'node:crypto';
import type { SessionEndReason } from '../../api/contract-staff';
import type { Role } from '../../api/permissions';

export interface SessionInfo {
  token: string;
  staffId: number;
  name: string;
  role: Role;
  origin: string;
  createdAt: number;
  /** Signed in with a one-time PIN: only `auth.changePin` (and me/logout) until it is replaced. */
  mustChangePin: boolean;
  /** Locked over the work after idling: only the same person's PIN opens it again. */
  locked: boolean;
}

type EndListener = (token: string, reason: SessionEndReason) => void;

/** How many ended tokens keep their reason, so a late call can say why it was refused. */
const REMEMBER_ENDED = 500;

/** Sessions live in memory: one per window or harness connection, gone on restart. */
export class Sessions {
  private byToken = new Map<string, SessionInfo>();
  private ended = new Map<string, SessionEndReason>();
  private listeners = new Set<EndListener>();

  open(
    staff: { id: number; name: string; role: Role },
    origin: string,
    now: number,
    mustChangePin = false,
  ): SessionInfo {
    const info: SessionInfo = {
      token: randomBytes(32).toString('hex'),
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      origin,
      createdAt: now,
      mustChangePin,
      locked: false,
    };
    this.byToken.set(info.token, info);
    return info;
  }

  get(token: string | null | undefined): SessionInfo | null {
    return (token && this.byToken.get(token)) || null;
  }

  /** Why a token no longer works, when it was ended for a reason (not a plain sign-out). */
  endedReason(token: string | null | undefined): SessionEndReason | null {
    return (token && this.ended.get(token)) || null;
  }

  /** Signed out by its owner: nobody needs telling. */
  close(token: string): void {
    this.byToken.delete(token);
  }

  /** Ended for a reason: the windows holding it are told at once (electron/, main/web). */
  end(token: string, reason: SessionEndReason): void {
    if (!this.byToken.delete(token)) return;
    this.ended.set(token, reason);
    if (this.ended.size > REMEMBER_ENDED) this.ended.delete(this.ended.keys().next().value!);
    for (const l of this.listeners) l(token, reason);
  }

  onEnd(listener: EndListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Who is signed in (a restore checks them against the restored staff list). */
  staffIds(): number[] {
    return [...new Set([...this.byToken.values()].map((s) => s.staffId))];
  }

  /** Ends every session older than `maxMs` (the sweep in app.ts, and each call's check). */
  endExpired(now: number, maxMs: number): void {
    for (const [t, s] of [...this.byToken]) if (now - s.createdAt > maxMs) this.end(t, 'expired');
  }

  ofStaff(staffId: number): SessionInfo[] {
    return [...this.byToken.values()].filter((s) => s.staffId === staffId);
  }

  closeForStaff(staffId: number, reason: SessionEndReason = 'restored'): void {
    for (const [t, s] of [...this.byToken]) if (s.staffId === staffId) this.end(t, reason);
  }
}
