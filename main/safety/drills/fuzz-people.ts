import type { Role } from '../../api/permissions';
import type { Sql } from '../../db/sql';
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
export async function restorePeople(
  sql: Sql,
  people: ReadonlyArray<{ id: number; name: string; role: Role; pin: string }>,
): Promise<void> {
  for (const p of people) {
    const row = (await sql.get<{
      name: string;
      role: string;
      active: number;
      m: number;
      l: number | null;
    }>(
      'SELECT name, role, active, must_change_pin AS m, locked_until AS l FROM staff WHERE id = ?',
      p.id,
    ))!;
    const changed =
      row.name !== p.name || row.role !== p.role || !Number(row.active) || Number(row.m) || row.l;
    // A PIN change or reset leaves the flags alone: compare by signing in below instead.
    if (changed) await putPin(sql, p, true);
  }
  await clearGuards(sql);
}

/** The drill's PIN (and, with `whole`, name, role and flags) back on its person. */
export async function putPin(
  sql: Sql,
  p: { id: number; name: string; role: Role; pin: string },
  whole = false,
): Promise<void> {
  const { hash, salt } = hashPin(p.pin);
  if (whole) {
    await sql.run(
      `UPDATE staff SET name = ?, role = ?, pin_hash = ?, pin_salt = ?, active = 1, must_change_pin = 0,
         failed_pins = 0, locked_until = NULL WHERE id = ?`,
      p.name,
      p.role,
      hash,
      salt,
      p.id,
    );
  } else {
    await sql.run(
      'UPDATE staff SET pin_hash = ?, pin_salt = ?, must_change_pin = 0 WHERE id = ?',
      hash,
      salt,
      p.id,
    );
  }
}

/** Wrong-PIN lock-outs of the run, by person and by station. */
export async function clearGuards(sql: Sql): Promise<void> {
  await sql.run('DELETE FROM pin_guard');
  await sql.run('DELETE FROM station_guard');
}
