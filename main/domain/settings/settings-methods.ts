import { defineMethod } from '../../api/method';
import { empty, limitOnly, settingUpdateSchema } from '../../api/schemas/misc';
import { AuditEntry } from '../../db/entities';
import { sqlOf } from '../../db/sql';
import { syncShopZoneIn } from '../calendar/shop-zone-db';

export const settingsMethods = [
  defineMethod('settings.get', {
    input: empty,
    access: 'settings.read',
    write: false,
    async handler(_input, ctx) {
      return ctx.services.settings.all();
    },
  }),

  defineMethod('settings.update', {
    input: settingUpdateSchema,
    access: 'settings.write',
    write: true,
    async handler({ key, value }, ctx) {
      const { settings } = ctx.services;
      const before = settings.all()[key];
      const apply = await settings.write(ctx.em, key, value, ctx.session.staffId, ctx.now);
      // The shop's days move with its zone: the dashboard's day aggregates are refiled in this
      // same transaction (valid: write() checked the value).
      if (key === 'shop.timeZone') await syncShopZoneIn(sqlOf(ctx.em), value as string);
      ctx.afterCommit(apply);
      ctx.audit.entity = 'setting';
      ctx.audit.entityId = key;
      ctx.audit.details = { before, after: value };
      return { ...settings.all(), [key]: value };
    },
  }),

  defineMethod('audit.list', {
    input: limitOnly,
    access: 'audit.read',
    write: false,
    async handler({ limit }, ctx) {
      const rows = await ctx.em.find(AuditEntry, { order: { id: 'DESC' }, take: limit });
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        staffName: r.staffName,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        outcome: r.outcome,
        origin: r.origin,
      }));
    },
  }),
];
