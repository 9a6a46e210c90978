import { randomBytes } from 'node:crypto';
import type { Role } from '../../api/permissions';

export interface SessionInfo {
  token: string;
  staffId: number;
  name: string;
  role: Role;
  origin: string;
  createdAt: number;
}

/** Sessions live in memory: one per window or harness connection, gone on restart. */
export class Sessions {
  private byToken = new Map<string, SessionInfo>();

  open(staff: { id: number; name: string; role: Role }, origin: string, now: number): SessionInfo {
    const info: SessionInfo = {
      token: randomBytes(32).toString('hex'),
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      origin,
      createdAt: now,
    };
    this.byToken.set(info.token, info);
    return info;
  }

  get(token: string | null | undefined): SessionInfo | null {
    return (token && this.byToken.get(token)) || null;
  }

  close(token: string): void {
    this.byToken.delete(token);
  }

  /** Who is signed in (a restore checks them against the restored staff list). */
  staffIds(): number[] {
    return [...new Set([...this.byToken.values()].map((s) => s.staffId))];
  }

  closeForStaff(staffId: number): void {
    for (const [t, s] of this.byToken) if (s.staffId === staffId) this.byToken.delete(t);
  }
}
