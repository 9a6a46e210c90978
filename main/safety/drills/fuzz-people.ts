import type { Workstation } from '../../app';
import type { Role } from '../../api/permissions';
import { hashPin } from '../../domain/staff/pin';

/** Methods that change who may sign in, with what PIN, or whether a session is usable. */
export const PEOPLE_METHODS = new Set([
  'auth.changePin',
  'auth.lock',
  'auth.unlock',
  'auth.login',
  'staff.update',
  'staff.setActive',
  'staff.resetPin',
  'staff.unlock',
]);

/**
 * The fuzz may legitimately deactivate, demote, rename or re-PIN the drill's own people, lock
 * them out with wrong PINs, or lock a session. That is the API working, but it would leave the
 * rest of the run calling as nobody. After such a call the drill puts its people back as they
 * were (by id, straight in the table, outside the API) and reopens or unlocks their sessions.
 */
export function restorePeople(
  ws: Workstation,
  people: ReadonlyArray<{ id: number; name: string; role: Role; pin: string }>,
): void {
  const raw = ws.services.raw;
  const put = raw.prepare(
    `UPDATE staff SET name = ?, role = ?, pin_hash = ?, pin_salt = ?, active = 1, must_change_pin = 0,
       failed_pins = 0, locked_until = NULL WHERE id = ?`,
  );
  for (const p of people) {
    const row = raw
      .prepare(
        'SELECT name, role, active, must_change_pin AS m, locked_until AS l FROM staff WHERE id = ?',
      )
      .get(p.id) as { name: string; role: string; active: number; m: number; l: number | null };
    const changed = row.name !== p.name || row.role !== p.role || !row.active || row.m || row.l;
    // A PIN change or reset leaves the flags alone: compare by signing in below instead.
    if (changed) {
      const { hash, salt } = hashPin(p.pin);
      put.run(p.name, p.role, hash, salt, p.id);
    }
  }
  raw.exec('DELETE FROM pin_guard; DELETE FROM station_guard');
}
