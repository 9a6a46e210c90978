import { defineMethod } from '../../api/method';
import { ApiError } from '../../api/errors';
import { ROLE_PERMISSIONS, type Role } from '../../api/permissions';
import { empty, loginSchema, staffCreateSchema } from '../../api/schemas/misc';
import { Staff } from '../../db/entities';
import { hashPin } from './pin';
import { checkPinWithLockout } from './pin-lockout';

const toDto = (s: Staff) => ({ id: s.id, name: s.name, role: s.role as Role });

const badPin = (attemptsLeft: number) =>
  new ApiError('UNAUTHENTICATED', 'Wrong name or PIN.', {
    key: 'errors.badPin',
    params: { attemptsLeft },
  });

export const authMethods = [
  defineMethod('auth.staff', {
    input: empty,
    access: 'public',
    write: false,
    async handler(_input, ctx) {
      const rows = await ctx.em.find(Staff, { where: { active: 1 }, order: { name: 'ASC' } });
      return rows.map(toDto);
    },
  }),

  defineMethod('auth.login', {
    input: loginSchema,
    access: 'public',
    write: true,
    async handler({ name, pin }, ctx) {
      const { settings } = ctx.services;
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
      checkPinWithLockout(
        { raw: ctx.services.raw, settings, now: ctx.now, code: 'UNAUTHENTICATED', wrong: badPin },
        staff,
        pin,
      );
      const session = ctx.services.sessions.open(toDto(staff), ctx.origin, ctx.now);
      return { token: session.token, staff: toDto(staff) };
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
      const { staffId, name, role } = ctx.session;
      return { staff: { id: staffId, name, role }, permissions: [...ROLE_PERMISSIONS[role]] };
    },
  }),

  defineMethod('staff.create', {
    input: staffCreateSchema,
    access: 'staff.manage',
    write: true,
    async handler({ name, role, pin }, ctx) {
      if (await ctx.em.findOne(Staff, { where: { name } })) {
        throw new ApiError('CONFLICT', `A staff member called "${name}" already exists.`, {
          key: 'errors.staffExists',
          params: { name },
          issues: [
            { path: 'name', key: 'errors.staffExists', params: { name }, message: 'Name taken' },
          ],
        });
      }
      const { hash, salt } = hashPin(pin);
      const staff = await ctx.em.save(Staff, {
        name,
        role,
        pinHash: hash,
        pinSalt: salt,
        active: 1,
        failedPins: 0,
        lockedUntil: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      ctx.audit.entity = 'staff';
      ctx.audit.entityId = staff.id;
      ctx.audit.details = { name, role };
      return toDto(staff);
    },
  }),
];
