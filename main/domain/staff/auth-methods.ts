import { defineMethod, type SignedInContext } from '../../api/method';
import { ApiError } from '../../api/errors';
import { ROLE_PERMISSIONS, type Role } from '../../api/permissions';
import { empty, loginSchema } from '../../api/schemas/misc';
import {
  changePinSchema,
  pinProblem,
  staffBadge,
  unlockSessionSchema,
} from '../../api/schemas/staff';
import { IsNull } from 'typeorm';
import { Staff } from '../../db/entities';
import { FIRST_ADMIN } from './bootstrap';
import type { SettingsService } from '../settings/settings-service';
import { hashPin, verifyPin } from './pin';
import { checkPinWithLockout } from './pin-lockout';
import { sqlOf } from '../../db/sql';

export const toStaffDto = (s: Staff) => ({ id: s.id, name: s.name, role: s.role as Role });

export const pinRulesOf = (settings: SettingsService) => {
  const a = settings.get('auth.pinMinLength');
  const b = settings.get('auth.pinMaxLength');
  return { minLength: Math.min(a, b), maxLength: Math.max(a, b) };
};

const badPin = (attemptsLeft: number) =>
  new ApiError('UNAUTHENTICATED', 'Wrong name or PIN.', {
    key: 'errors.badPin',
    params: { attemptsLeft },
  });

/** A PIN field's own error, so the form marks the right box. */
export const pinFieldError = (
  path: string,
  key: string,
  message: string,
  params?: Record<string, unknown>,
) => new ApiError('VALIDATION', message, { key, params, issues: [{ path, key, params, message }] });

async function signedInStaff(ctx: SignedInContext): Promise<Staff> {
  const staff = await ctx.em.findOne(Staff, { where: { id: ctx.session.staffId } });
  if (!staff)
    throw new ApiError('UNAUTHENTICATED', 'Please sign in.', { key: 'errors.unauthenticated' });
  return staff;
}

/** The same person's PIN at this station, counted like any other (wrong → kept count). */
function checkOwnPin(ctx: SignedInContext, staff: Staff, pin: string, path: string) {
  return checkPinWithLockout(
    {
      sql: sqlOf(ctx.em),
      settings: ctx.services.settings,
      now: ctx.now,
      origin: ctx.origin,
      code: 'FORBIDDEN',
      path,
      wrong: (attemptsLeft) =>
        new ApiError('FORBIDDEN', 'That is not your PIN.', {
          key: 'errors.wrongOwnPin',
          params: { attemptsLeft },
          issues: [{ path, key: 'errors.wrongOwnPin', message: 'Wrong PIN' }],
        }),
    },
    staff,
    pin,
  );
}

export const authMethods = [
  defineMethod('auth.staff', {
    input: empty,
    access: 'public',
    write: false,
    async handler(_input, ctx) {
      // Anyone at the PC sees this list: what the picker draws, no ids, nobody who left.
      const rows = await ctx.em.find(Staff, { where: { active: 1 }, order: { name: 'ASC' } });
      return rows.map((s) => ({ name: s.name, role: s.role as Role, ...staffBadge(s.name) }));
    },
  }),

  defineMethod('auth.login', {
    input: loginSchema,
    access: 'public',
    write: true,
    async handler({ name, pin }, ctx) {
      const { settings } = ctx.services;
      const sql = sqlOf(ctx.em);
      const staff = await ctx.em.findOne(Staff, { where: { name } });
      ctx.audit.entity = 'staff';
      ctx.audit.details = { name };
      if (!staff) throw badPin(settings.get('auth.maxPinAttempts')).keep();
      ctx.audit.entityId = staff.id;
      ctx.audit.actor = { id: staff.id, name: staff.name };
      if (!staff.active) {
        throw new ApiError('FORBIDDEN', 'This staff member is not active.', {
          key: 'errors.staffInactive',
        });
      }
      await checkPinWithLockout(
        { sql, settings, now: ctx.now, origin: ctx.origin, code: 'UNAUTHENTICATED', wrong: badPin },
        staff,
        pin,
      );
      // A PIN that breaks today's rules (the bootstrap 0000, a PIN from before the rules)
      // is treated like a one-time PIN: it works once, to set a new one.
      const mustChange = !!staff.mustChangePin || pinProblem(pin, pinRulesOf(settings)) !== null;
      await sql.run(
        'UPDATE staff SET last_sign_in_at = ?, must_change_pin = ? WHERE id = ?',
        ctx.now,
        mustChange ? 1 : 0,
        staff.id,
      );
      if (mustChange) ctx.audit.details = { name, mustChangePin: true };
      const session = ctx.services.sessions.open(
        toStaffDto(staff),
        ctx.origin,
        ctx.now,
        mustChange,
      );
      return { token: session.token, staff: toStaffDto(staff) };
    },
  }),

  defineMethod('auth.logout', {
    input: empty,
    access: 'signedIn',
    write: true,
    async handler(_input, ctx) {
      ctx.afterCommit(() => ctx.services.sessions.close(ctx.session.token));
      return { ok: true as const };
    },
  }),

  defineMethod('auth.me', {
    input: empty,
    access: 'signedIn',
    write: false,
    async handler(_input, ctx) {
      const { staffId, name, role, mustChangePin, locked } = ctx.session;
      const { settings } = ctx.services;
      // The bootstrap admin has never had a PIN of their own (a reset keeps the previous one).
      const firstRun =
        mustChangePin &&
        name === FIRST_ADMIN.name &&
        !!(await ctx.em.findOne(Staff, { where: { id: staffId, prevPinHash: IsNull() } }));
      return {
        staff: { id: staffId, name, role },
        permissions: [...ROLE_PERMISSIONS[role]],
        mustChangePin,
        firstRun,
        locked,
        idleLockMinutes: settings.get('auth.idleLockMinutes'),
        pinRules: pinRulesOf(settings),
      };
    },
  }),

  defineMethod('auth.changePin', {
    input: changePinSchema,
    access: 'signedIn',
    write: true,
    async handler({ oldPin, newPin }, ctx) {
      const staff = await signedInStaff(ctx);
      ctx.audit.entity = 'staff';
      ctx.audit.entityId = staff.id;
      ctx.audit.details = {
        name: staff.name,
        oneTime: !!staff.mustChangePin || ctx.session.mustChangePin,
      };
      await checkOwnPin(ctx, staff, oldPin, 'oldPin');
      const rules = pinRulesOf(ctx.services.settings);
      const problem = pinProblem(newPin, rules);
      if (problem)
        throw pinFieldError('newPin', problem, 'This PIN is not allowed.', {
          min: rules.minLength,
          max: rules.maxLength,
        });
      if (newPin === oldPin)
        throw pinFieldError(
          'newPin',
          'errors.pin.same',
          'Choose a PIN different from the current one.',
        );
      if (
        staff.prevPinHash &&
        staff.prevPinSalt &&
        verifyPin(newPin, staff.prevPinSalt, staff.prevPinHash)
      )
        throw pinFieldError('newPin', 'errors.pin.previous', 'That was your previous PIN.');
      const current = (await sqlOf(ctx.em).get<{ hash: string; salt: string }>(
        'SELECT pin_hash AS hash, pin_salt AS salt FROM staff WHERE id = ?',
        staff.id,
      ))!;
      const { hash, salt } = hashPin(newPin);
      await ctx.em.update(Staff, staff.id, {
        pinHash: hash,
        pinSalt: salt,
        prevPinHash: current.hash,
        prevPinSalt: current.salt,
        mustChangePin: 0,
        updatedAt: ctx.now,
      });
      const session = ctx.session;
      const { sessions } = ctx.services;
      ctx.afterCommit(() => {
        session.mustChangePin = false;
        // Other sessions opened with the one-time PIN (which someone else knew) end now.
        for (const other of sessions.ofStaff(staff.id))
          if (other.token !== session.token && other.mustChangePin)
            sessions.end(other.token, 'pinChanged');
      });
      ctx.emit('staff.changed', { staffId: staff.id });
      return { ok: true as const };
    },
  }),

  defineMethod('auth.lock', {
    input: empty,
    access: 'signedIn',
    write: true,
    async handler(_input, ctx) {
      const session = ctx.session;
      ctx.audit.entity = 'staff';
      ctx.audit.entityId = session.staffId;
      ctx.afterCommit(() => {
        session.locked = true;
      });
      return { ok: true as const };
    },
  }),

  defineMethod('auth.unlock', {
    input: unlockSessionSchema,
    access: 'signedIn',
    write: true,
    async handler({ pin }, ctx) {
      const staff = await signedInStaff(ctx);
      ctx.audit.entity = 'staff';
      ctx.audit.entityId = staff.id;
      await checkOwnPin(ctx, staff, pin, 'pin');
      const session = ctx.session;
      ctx.afterCommit(() => {
        session.locked = false;
      });
      return { ok: true as const };
    },
  }),

  defineMethod('staff.directory', {
    input: empty,
    access: 'signedIn',
    write: false,
    async handler(_input, ctx) {
      // Pickers at work (assign a technician, the approving manager): active people only.
      const rows = await ctx.em.find(Staff, { where: { active: 1 }, order: { name: 'ASC' } });
      return rows.map(toStaffDto);
    },
  }),
];
