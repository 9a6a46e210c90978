import { ApiError, notFound } from '../../api/errors';
import { defineMethod, type SignedInContext } from '../../api/method';
import type { Role } from '../../api/permissions';
import { empty, staffCreateSchema } from '../../api/schemas/misc';
import {
  staffIdSchema,
  staffResetPinSchema,
  staffSetActiveSchema,
  staffUpdateSchema,
} from '../../api/schemas/staff';
import { Staff } from '../../db/entities';
import { toStaffDto } from './auth-methods';
import { hashPin } from './pin';
import { lockedUntilOf, unlockStaff } from './pin-lockout';
import { sqlOf } from '../../db/sql';

async function toRow(ctx: SignedInContext, s: Staff) {
  return {
    ...toStaffDto(s),
    active: !!s.active,
    mustChangePin: !!s.mustChangePin,
    lockedUntil: await lockedUntilOf(sqlOf(ctx.em), s.id, ctx.now),
    lastSignInAt: s.lastSignInAt,
    statusReason: s.statusReason,
    statusChangedAt: s.statusChangedAt,
    createdAt: s.createdAt,
    version: s.version,
  };
}

async function load(ctx: SignedInContext, id: number, version?: number): Promise<Staff> {
  const staff = await ctx.em.findOne(Staff, { where: { id } });
  if (!staff) throw notFound('Staff member', 'errors.staffNotFound');
  if (version !== undefined && staff.version !== version) {
    throw new ApiError(
      'CONFLICT',
      'Someone else changed this record first. Reload and try again.',
      {
        key: 'errors.stale',
      },
    );
  }
  ctx.audit.entity = 'staff';
  ctx.audit.entityId = staff.id;
  return staff;
}

/** The shop must keep one active admin, or nobody could manage staff or devices again. */
async function guardLastAdmin(ctx: SignedInContext, staff: Staff) {
  if (staff.role !== 'admin' || !staff.active) return;
  const admins = await ctx.em.count(Staff, { where: { role: 'admin', active: 1 } });
  if (admins <= 1) {
    throw new ApiError('CONFLICT', 'The last active admin cannot be deactivated or demoted.', {
      key: 'errors.lastAdmin',
    });
  }
}

const nameTaken = (name: string) =>
  new ApiError('CONFLICT', `A staff member called "${name}" already exists.`, {
    key: 'errors.staffExists',
    params: { name },
    issues: [{ path: 'name', key: 'errors.staffExists', params: { name }, message: 'Name taken' }],
  });

/** After commit: the person's open windows go to sign-in, saying why. */
function endSessions(
  ctx: SignedInContext,
  staffId: number,
  reason: 'deactivated' | 'roleChanged' | 'pinReset',
) {
  ctx.afterCommit(() => ctx.services.sessions.closeForStaff(staffId, reason));
}

export const staffMethods = [
  defineMethod('staff.list', {
    input: empty,
    access: 'staff.read',
    write: false,
    async handler(_input, ctx) {
      const rows = await ctx.em.find(Staff, { order: { active: 'DESC', name: 'ASC' } });
      return Promise.all(rows.map((s) => toRow(ctx, s)));
    },
  }),

  defineMethod('staff.create', {
    input: staffCreateSchema,
    access: 'staff.manage',
    write: true,
    async handler({ name, role, pin }, ctx) {
      if (await ctx.em.findOne(Staff, { where: { name } })) throw nameTaken(name);
      const { hash, salt } = hashPin(pin);
      // The PIN the admin typed is one-time: the person replaces it at their first sign-in.
      const staff = await ctx.em.save(Staff, {
        name,
        role,
        pinHash: hash,
        pinSalt: salt,
        active: 1,
        failedPins: 0,
        lockedUntil: null,
        mustChangePin: 1,
        prevPinHash: null,
        prevPinSalt: null,
        lastSignInAt: null,
        statusReason: null,
        statusChangedAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      ctx.audit.entity = 'staff';
      ctx.audit.entityId = staff.id;
      ctx.audit.details = { name, role };
      ctx.emit('staff.changed', { staffId: staff.id });
      return toStaffDto(staff);
    },
  }),

  defineMethod('staff.update', {
    input: staffUpdateSchema,
    access: 'staff.manage',
    write: true,
    async handler({ id, name, role, version }, ctx) {
      const staff = await load(ctx, id, version);
      const changes: Record<string, { from: string; to: string }> = {};
      if (name !== undefined && name !== staff.name) {
        if (await ctx.em.findOne(Staff, { where: { name } })) throw nameTaken(name);
        changes.name = { from: staff.name, to: name };
        staff.name = name;
      }
      if (role !== undefined && role !== staff.role) {
        if (role !== 'admin') await guardLastAdmin(ctx, staff);
        changes.role = { from: staff.role, to: role };
        staff.role = role as Role;
        endSessions(ctx, id, 'roleChanged');
      }
      ctx.audit.details = { name: staff.name, ...changes };
      if (Object.keys(changes).length === 0) return toRow(ctx, staff);
      staff.updatedAt = ctx.now;
      const saved = await ctx.em.save(staff);
      ctx.emit('staff.changed', { staffId: id });
      return toRow(ctx, saved);
    },
  }),

  defineMethod('staff.setActive', {
    input: staffSetActiveSchema,
    access: 'staff.manage',
    write: true,
    async handler({ id, active, reason, version }, ctx) {
      const staff = await load(ctx, id, version);
      ctx.audit.details = { name: staff.name, active, reason };
      if (!!staff.active === active) return toRow(ctx, staff);
      if (!active) {
        await guardLastAdmin(ctx, staff);
        endSessions(ctx, id, 'deactivated');
      }
      staff.active = active ? 1 : 0;
      staff.statusReason = reason;
      staff.statusChangedAt = ctx.now;
      staff.updatedAt = ctx.now;
      const saved = await ctx.em.save(staff);
      ctx.emit('staff.changed', { staffId: id });
      return toRow(ctx, saved);
    },
  }),

  defineMethod('staff.resetPin', {
    input: staffResetPinSchema,
    access: 'staff.manage',
    write: true,
    async handler({ id, pin }, ctx) {
      const staff = await load(ctx, id);
      ctx.audit.details = { name: staff.name };
      const { hash, salt } = hashPin(pin);
      staff.prevPinHash = staff.pinHash;
      staff.prevPinSalt = staff.pinSalt;
      staff.pinHash = hash;
      staff.pinSalt = salt;
      staff.mustChangePin = 1;
      staff.updatedAt = ctx.now;
      const saved = await ctx.em.save(staff);
      // A fresh PIN starts with a clean slate at every station.
      await unlockStaff(sqlOf(ctx.em), id, ctx.now);
      saved.failedPins = 0;
      saved.lockedUntil = null;
      endSessions(ctx, id, 'pinReset');
      ctx.emit('staff.changed', { staffId: id });
      return toRow(ctx, saved);
    },
  }),

  defineMethod('staff.unlock', {
    input: staffIdSchema,
    access: 'staff.unlock',
    write: true,
    async handler({ id }, ctx) {
      const staff = await load(ctx, id);
      ctx.audit.details = {
        name: staff.name,
        lockedUntil: await lockedUntilOf(sqlOf(ctx.em), id, ctx.now),
      };
      await unlockStaff(sqlOf(ctx.em), id, ctx.now);
      ctx.emit('staff.changed', { staffId: id });
      return toRow(ctx, { ...staff, failedPins: 0, lockedUntil: null } as Staff);
    },
  }),
];
