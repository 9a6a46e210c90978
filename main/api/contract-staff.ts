/** Staff, sign-in and sessions: the DTOs that cross the API (issue 13). */
import type { z } from 'zod';
import type { Role } from './permissions';
import type * as st from './schemas/staff';
import type { empty, loginSchema, staffCreateSchema } from './schemas/misc';

type M<I, O> = { input: I; output: O };

export interface StaffDto {
  id: number;
  name: string;
  role: Role;
}

/** What the sign-in picker shows to anyone at the PC: no ids, nobody inactive. */
export interface PickerStaff {
  name: string;
  role: Role;
  initials: string;
  /** A Mantine colour name, stable per person. */
  colour: string;
}

/** One row of Settings → Staff. */
export interface StaffRow extends StaffDto {
  active: boolean;
  mustChangePin: boolean;
  /** Locked at some station by wrong PINs (until then); a manager may unlock. */
  lockedUntil: number | null;
  lastSignInAt: number | null;
  statusReason: string | null;
  statusChangedAt: number | null;
  createdAt: number;
  version: number;
}

export interface MeDto {
  staff: StaffDto;
  permissions: string[];
  /** A one-time PIN (first run, new person, reset) must be replaced before anything else. */
  mustChangePin: boolean;
  /** …and it is the bootstrap Admin/0000 of a new shop (the screen says so). */
  firstRun: boolean;
  /** The session was locked (idle) and waits for the same person's PIN. */
  locked: boolean;
  /** Minutes without input before the screen locks; 0 = never. */
  idleLockMinutes: number;
  pinRules: st.PinRules;
}

/** Why a session ended before its owner signed out; the renderer says so on the sign-in screen. */
export type SessionEndReason =
  'deactivated' | 'roleChanged' | 'pinReset' | 'pinChanged' | 'expired' | 'restored';

export interface StaffApi {
  'auth.staff': M<z.input<typeof empty>, PickerStaff[]>;
  'auth.login': M<z.input<typeof loginSchema>, { token: string; staff: StaffDto }>;
  'auth.logout': M<z.input<typeof empty>, { ok: true }>;
  'auth.me': M<z.input<typeof empty>, MeDto>;
  'auth.changePin': M<z.input<typeof st.changePinSchema>, { ok: true }>;
  'auth.lock': M<z.input<typeof empty>, { ok: true }>;
  'auth.unlock': M<z.input<typeof st.unlockSessionSchema>, { ok: true }>;
  'staff.directory': M<z.input<typeof empty>, StaffDto[]>;
  'staff.list': M<z.input<typeof empty>, StaffRow[]>;
  'staff.create': M<z.input<typeof staffCreateSchema>, StaffDto>;
  'staff.update': M<z.input<typeof st.staffUpdateSchema>, StaffRow>;
  'staff.setActive': M<z.input<typeof st.staffSetActiveSchema>, StaffRow>;
  'staff.resetPin': M<z.input<typeof st.staffResetPinSchema>, StaffRow>;
  'staff.unlock': M<z.input<typeof st.staffIdSchema>, StaffRow>;
}

export interface StaffEvents {
  /** Sent only to the windows whose session ended (never fanned out to everyone). */
  'session.ended': { reason: SessionEndReason };
  /** Someone was added or changed: staff lists and pickers refresh. */
  'staff.changed': { staffId: number };
}
