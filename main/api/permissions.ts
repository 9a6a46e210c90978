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
  /** Settings → Staff read-only, and unlocking a person locked out by wrong PINs. */
  'staff.read',
  'staff.unlock',
  'audit.read',
  'bench.work',
  'bench.assign',
  'approval.record',
  'qc.record',
  'print.manage',
  'devices.manage',
  'parts.read',
  'stock.move',
  'stock.manage',
  'purchasing',
  'count.approve',
  'photo.add',
  'pickup.take',
  'followup.work',
  'followup.manage',
  'backup.manage',
  'customer.export',
  'customer.erase',
  'kb.read',
  'kb.write',
  'report.read',
  'data.export',
  'day.close',
  /** The outbox list and a ticket's messages (issue 16). */
  'message.read',
  /** Preview a message; confirm a manual (WeChat…) message was sent. */
  'message.confirm',
  /** Retry or cancel an outbox message (audited). */
  'message.manage',
  /** Rename this station, retire another (issue 15; admin). */
  'station.manage',
  /** Send a waiting print job to another station's printer (issue 15; audited). */
  'print.route',
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
    'parts.read',
    'photo.add',
    'pickup.take',
    'followup.work',
    'kb.read',
    'message.read',
    'message.confirm',
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
    'parts.read',
    'stock.move',
    'photo.add',
    'kb.read',
    'kb.write',
  ],
  inspector: [
    'customer.read',
    'ticket.read',
    'print.read',
    'settings.read',
    'qc.record',
    'parts.read',
    'photo.add',
    'kb.read',
    'kb.write',
  ],
  manager: [
    'customer.read',
    'intake.create',
    'ticket.read',
    'passcode.reveal',
    'print.read',
    'settings.read',
    'audit.read',
    'staff.read',
    'staff.unlock',
    'bench.work',
    'bench.assign',
    'approval.record',
    'qc.record',
    'print.manage',
    'parts.read',
    'stock.move',
    'stock.manage',
    'purchasing',
    'count.approve',
    'photo.add',
    'pickup.take',
    'followup.work',
    'followup.manage',
    'backup.manage',
    'customer.export',
    'customer.erase',
    'kb.read',
    'kb.write',
    'report.read',
    'data.export',
    'day.close',
    'message.read',
    'message.confirm',
    'message.manage',
    'print.route',
  ],
  admin: [...PERMISSIONS],
};

export function roleAllows(role: Role, access: Access): boolean {
  if (access === 'public' || access === 'signedIn') return true;
  return ROLE_PERMISSIONS[role].includes(access);
}
