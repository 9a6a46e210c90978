import type { Permission, Role } from '../../../main/api/permissions';
import { SCREENS, type Screen } from './nav';

/**
 * Which permissions make a screen worth showing: any one of them. Derived from the server's role
 * matrix (permissions.ts), so a role never sees a screen whose every call it would be refused.
 */
export const SCREEN_ACCESS: Record<Screen, readonly Permission[]> = {
  intake: ['intake.create'],
  bench: ['bench.work', 'bench.assign', 'qc.record'],
  inventory: ['parts.read'],
  pickup: ['pickup.take', 'followup.work'],
  reports: ['report.read', 'day.close', 'data.export', 'kb.read'],
  settings: ['settings.read'],
  messages: ['message.read'],
};

/** Where each role starts its day (DOMAIN.md "The people"). */
const LANDING: Record<Role, Screen> = {
  counter: 'intake',
  technician: 'bench',
  inspector: 'bench',
  // The manager watches the queue and overdue work first.
  manager: 'bench',
  admin: 'settings',
};

export function screensFor(can: (p: Permission) => boolean): Screen[] {
  return SCREENS.filter((s) => SCREEN_ACCESS[s].some(can));
}

/** The role's own first screen, or the first one it may use. */
export function firstScreen(role: string, can: (p: Permission) => boolean): Screen {
  const allowed = screensFor(can);
  const wanted = LANDING[role as Role];
  return wanted && allowed.includes(wanted) ? wanted : (allowed[0] ?? 'settings');
}

