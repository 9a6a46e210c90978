/** The permission matrix: the one place that says which role may do what. */
export const ROLES = ['counter', 'technician', 'inspector', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customer.read',
  'intake.create',
  'ticket.read',
  'passcode.reveal',
  'print.read',
  'settings.read',
  'settings.write',
  'staff.manage',
  'audit.read',
  'bench.work',
  'bench.assign',
  'approval.record',
  'qc.record',
  'print.manage',
  'devices.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `public` needs no sign-in (sign-in itself); `signedIn` needs any session. */
export type Access = Permission | 'public' | 'signedIn';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  counter: [
    'customer.read',
    'intake.create',
    'ticket.read',
    'print.read',
    'settings.read',
    'approval.record',
    'print.manage',
  ],
  technician: [
    'customer.read',
    'ticket.read',
    'passcode.reveal',
    'print.read',
    'settings.read',
    'bench.work',
    'approval.record',
    'print.manage',
  ],
  inspector: ['customer.read', 'ticket.read', 'print.read', 'settings.read', 'qc.record'],
  manager: [
    'customer.read',
    'intake.create',
    'ticket.read',
    'passcode.reveal',
    'print.read',
    'settings.read',
    'audit.read',
    'bench.work',
    'bench.assign',
    'approval.record',
    'qc.record',
    'print.manage',
  ],
  admin: [...PERMISSIONS],
};

export function roleAllows(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'signedIn') return true;
  return ROLE_PERMISSIONS[role].includes(access);
}
