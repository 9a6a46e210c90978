import { z } from 'zod';
import {
  OPEN_STATUSES,
  TICKET_STATUSES,
  cents,
  idSchema,
  requiredText,
  type TicketStatus,
} from './common';

export const RESPONSIBLE_PARTIES = [
  'product_quality',
  'customer_use',
  'transport_damage',
  'unknown',
] as const;
export const PLAN_MEASURES = [
  'repair',
  'replace_part',
  'on_site',
  'guidance',
  'compensation',
] as const;
export const ESTIMATE_KINDS = ['labour', 'part', 'other'] as const;
export const APPROVAL_DECISIONS = ['approved', 'declined'] as const;
export const APPROVAL_CHANNELS = ['in_person', 'phone', 'message'] as const;

const reason = z.string().trim().max(500, { error: 'errors.field.tooLong' }).optional();
/** The version the client saw: a move made on stale data is refused (CONFLICT). */
const version = z.number({ error: 'errors.field.invalid' }).int().positive();

export const transitionSchema = z
  .object({
    id: idSchema,
    version,
    to: z.enum(TICKET_STATUSES, { error: 'errors.field.choice' }),
    reason,
  })
  .strict();

export const assignSchema = z
  .object({ id: idSchema, version, staffId: idSchema.nullable(), reason })
  .strict();

export const diagnoseSchema = z
  .object({
    id: idSchema,
    version,
    cause: requiredText(2000),
    responsible: z.enum(RESPONSIBLE_PARTIES, { error: 'errors.field.choice' }),
    plan: z
      .array(z.enum(PLAN_MEASURES, { error: 'errors.field.choice' }))
      .min(1, { error: 'errors.field.required' })
      .max(5),
  })
  .strict();

export const estimateAddSchema = z
  .object({
    ticketId: idSchema,
    kind: z.enum(ESTIMATE_KINDS, { error: 'errors.field.choice' }),
    description: requiredText(200),
    qty: z
      .number({ error: 'errors.field.qty' })
      .int({ error: 'errors.field.qty' })
      .min(1, { error: 'errors.field.qty' })
      .max(999, { error: 'errors.field.qty' }),
    unitCents: cents,
  })
  .strict();

export const estimateRemoveSchema = z.object({ lineId: idSchema }).strict();

export const approvalSchema = z
  .object({
    ticketId: idSchema,
    decision: z.enum(APPROVAL_DECISIONS, { error: 'errors.field.choice' }),
    channel: z.enum(APPROVAL_CHANNELS, { error: 'errors.field.choice' }),
    note: reason,
  })
  .strict();

export const workTimerSchema = z.object({ ticketId: idSchema }).strict();
export const workManualSchema = z
  .object({
    ticketId: idSchema,
    minutes: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(1)
      .max(24 * 60),
    note: reason,
  })
  .strict();

export const noteSchema = z.object({ ticketId: idSchema, note: requiredText(2000) }).strict();

const score = z
  .number({ error: 'errors.field.invalid' })
  .int()
  .min(0, { error: 'errors.field.score' })
  .max(100, { error: 'errors.field.score' });
export const qcRecordSchema = z
  .object({
    ticketId: idSchema,
    version,
    procedure: score,
    effectiveness: score,
    communication: score,
    feedback: reason,
    /** Business days the technician gets for rework when the check fails. */
    reworkDays: z.number().int().min(0).max(30).optional(),
  })
  .strict();

/** The bench's filters; the board, a column's next page and the list all take the same. */
const queueFilters = {
  view: z.enum(['all', 'mine', 'unassigned'], { error: 'errors.field.choice' }).default('all'),
  technicianId: idSchema.optional(),
  priority: z.enum(['normal', 'urgent', 'emergency'], { error: 'errors.field.choice' }).optional(),
  deviceType: z.string().max(20, { error: 'errors.field.tooLong' }).optional(),
};
const offset = z.number({ error: 'errors.field.invalid' }).int().min(0).max(1_000_000).default(0);

/** Cards per column on the board's first load (the bench screen asks for this many). */
export const BOARD_PER_COLUMN = 12;

/** The board: the first page of every open status's column, each with its own total. */
export const queueSchema = z
  .object({
    ...queueFilters,
    perColumn: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(1)
      .max(100)
      .default(BOARD_PER_COLUMN),
  })
  .strict();

/** The next page of one column. */
export const columnSchema = z
  .object({
    ...queueFilters,
    status: z.enum(OPEN_STATUSES as unknown as [TicketStatus, ...TicketStatus[]], {
      error: 'errors.field.choice',
    }),
    offset,
    limit: z.number({ error: 'errors.field.invalid' }).int().min(1).max(100).default(25),
  })
  .strict();

/** The list: every open ticket by due time (or only the overdue and nearly due), a page at a time. */
export const queueListSchema = z
  .object({
    ...queueFilters,
    view: z
      .enum(['all', 'mine', 'unassigned', 'overdue'], { error: 'errors.field.choice' })
      .default('all'),
    offset,
    limit: z.number({ error: 'errors.field.invalid' }).int().min(1).max(200).default(50),
  })
  .strict();
