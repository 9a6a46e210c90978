import type { Role } from '../../main/api/permissions';

/**
 * Test PINs. Each passes the PIN rules (no 1111-style repeats, no 1234-style runs), because
 * every person replaces the one-time PIN an admin gave them (issue 13).
 */
export const PINS: Record<Role, string> = {
  counter: '1357',
  technician: '2468',
  inspector: '3579',
  manager: '4680',
  admin: '2580',
};

/** The bootstrap Admin's PIN after `bootstrapAdmin` replaced 0000. */
export const TEST_ADMIN_PIN = PINS.admin;
export const TEST_ADMIN = { name: 'Admin', pin: TEST_ADMIN_PIN } as const;
