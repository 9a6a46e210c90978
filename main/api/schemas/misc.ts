import { z } from 'zod';
import { TICKET_STATUSES, idSchema, limitSchema, searchQuery } from './common';

export const empty = z.object({}).strict();
export const loginSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'errors.field.required' }).max(80),
    pin: z.string().regex(/^\d{4,8}$/, { error: 'errors.field.pin' }),
  })
  .strict();
export const byId = z.object({ id: idSchema }).strict();
export const customerSearchSchema = z.object({ q: searchQuery, limit: limitSchema }).strict();
export const modelSearchSchema = z
  .object({
    q: z.string().trim().max(100).default(''),
    type: z.string().max(20).optional(),
    brand: z.string().trim().max(60).optional(),
    limit: limitSchema,
  })
  .strict();
export const ticketNumberSchema = z
  .object({ number: z.string().trim().min(1, { error: 'errors.field.required' }).max(40) })
  .strict();
export const ticketListSchema = z
  .object({
    statuses: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export const globalSearchSchema = z.object({ q: searchQuery }).strict();
export const printJobListSchema = z
  .object({
    status: z.enum(['queued', 'printing', 'done', 'failed', 'uncertain', 'cancelled']).optional(),
    ticketId: idSchema.optional(),
    limit: limitSchema,
    /** Keyset paging: only jobs older (smaller id) than this one. */
    before: idSchema.optional(),
  })
  .strict();
export const printJobCountSchema = z
  .object({ status: z.enum(['queued', 'printing', 'done', 'failed', 'uncertain', 'cancelled']).default('queued') })
  .strict();
export const settingUpdateSchema = z
  .object({ key: z.string().min(1).max(80), value: z.unknown() })
  .strict();
export const staffCreateSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'errors.field.required' }).max(80),
    role: z.enum(['counter', 'technician', 'inspector', 'manager', 'admin']),
    pin: z.string().regex(/^\d{4,8}$/, { error: 'errors.field.pin' }),
  })
  .strict();
export const limitOnly = z.object({ limit: limitSchema }).strict();
