import type BetterSqlite3 from 'better-sqlite3';
import type { Workstation } from '../../app';

/**
 * What the crash drill writes. Each writer makes one record through the real API and returns
 * the id it was acknowledged with; `present` says whether that record survived. Areas add
 * their writer here (payments, stock movements) and the drill covers them.
 */
export interface DrillWriter {
  name: string;
  write(ws: Workstation, token: string, i: number): Promise<string>;
  present(raw: BetterSqlite3.Database, id: string): boolean;
}

const meta = (token: string) => ({ token, origin: 'drill' });

/** A walk-in as the counter takes it; `passcode` lets the passcode drill plant known values. */
export function drillWalkIn(i: number, passcode: string | null = null) {
  return {
    idempotencyKey: `drill-${process.pid}-${Date.now()}-${i}`,
    customer: {
      name: `Drill Customer ${i % 500}`,
      phone: `+86 139 ${String(1000 + (i % 9000)).padStart(4, '0')} ${String(i % 10000).padStart(4, '0')}`,
      channel: 'our_store',
    },
    device: { type: 'phone', brand: 'Huawei', model: 'Mate 60 Pro', proof: 'none' },
    ticket: {
      category: 'fault',
      priority: 'normal',
      serviceMode: 'carry_in',
      problem: `Screen flickers (drill ${i})`,
      accessories: ['charger'],
      conditionNotes: '',
      backupAck: true,
      ...(passcode ? { passcode } : {}),
      exclusion: 'none',
      estimateCents: 10_000 + (i % 50) * 100,
      depositCents: 0,
    },
  };
}

export const walkInWriter: DrillWriter = {
  name: 'walk-in',
  async write(ws, token, i) {
    const res = (await ws.call('intake.commit', drillWalkIn(i), meta(token))) as {
      ticket: { number: string };
    };
    return res.ticket.number;
  },
  present: (raw, id) => !!raw.prepare('SELECT 1 FROM ticket WHERE number = ?').get(id),
};

export const DRILL_WRITERS: readonly DrillWriter[] = [walkInWriter];
