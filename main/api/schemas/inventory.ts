import { z } from 'zod';
import { cents, idSchema, optionalText, requiredText } from './common';

/** Pure zod for spare parts; shared by the dispatcher and the renderer's forms. */
export const MOVEMENT_KINDS = [
  'receive',
  'reserve',
  'release',
  'consume',
  'return_to_stock',
  'return_to_supplier',
  'adjust',
  'count',
  /** A replacement unit handed to a customer for a returned one (RMA exchange). */
  'exchange',
] as const;
export const UNIT_STATES = [
  'in_stock',
  'reserved',
  'used',
  'returned',
  'supplier',
  'written_off',
  'exchanged',
] as const;
export const PO_STATUSES = [
  'draft',
  'ordered',
  'partly_received',
  'received',
  'closed',
  'cancelled',
] as const;
export const COUNT_SCOPES = ['bin', 'category'] as const;

const qty = z
  .number({ error: 'errors.field.invalid' })
  .int()
  .min(1, { error: 'errors.field.qty' })
  .max(100_000);
const version = z.number({ error: 'errors.field.invalid' }).int().positive();
const reason = requiredText(300);
const code = z.string().trim().min(1, { error: 'errors.field.required' }).max(64);
const serial = z.string().trim().min(1, { error: 'errors.field.required' }).max(80);
const serials = z.array(serial).max(10_000).optional();

export const skuSchema = z
  .string()
  .trim()
  .min(1, { error: 'errors.field.required' })
  .max(40, { error: 'errors.field.tooLong' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, { error: 'errors.field.sku' });

/** A manager's say-so for taking available stock below zero: the manager signs in place. */
export const overrideSchema = z
  .object({
    reason,
    managerName: z.string().trim().max(80).optional(),
    pin: z
      .string()
      .regex(/^\d{4,8}$/, { error: 'errors.field.pin' })
      .optional(),
  })
  .strict();

export const partFields = z
  .object({
    sku: skuSchema,
    barcodes: z.array(code).max(10).default([]),
    name: requiredText(200),
    category: requiredText(60),
    models: z.array(requiredText(120)).max(50).default([]),
    bin: requiredText(40),
    costCents: cents,
    priceCents: cents,
    reorderPoint: z.number({ error: 'errors.field.invalid' }).int().min(0).max(100_000),
    reorderQty: z.number({ error: 'errors.field.invalid' }).int().min(0).max(100_000),
    supplierId: idSchema.nullable().default(null),
    serialTracked: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .strict();
export const partSaveSchema = partFields
  .extend({ id: idSchema.optional(), version: version.optional() })
  .strict();

export const partListSchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    category: z.string().trim().max(60).optional(),
    bin: z.string().trim().max(40).optional(),
    lowOnly: z.boolean().optional(),
    includeInactive: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export const partSearchSchema = z
  .object({
    q: z.string().trim().max(100).default(''),
    model: z.string().trim().max(120).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export const barcodeSchema = z.object({ code }).strict();
export const partIdSchema = z.object({ partId: idSchema }).strict();
export const movementListSchema = z
  .object({
    partId: idSchema,
    beforeId: idSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export const serialGetSchema = z.object({ partId: idSchema, serial }).strict();
export const labelSchema = z
  .object({ partId: idSchema, copies: z.number().int().min(1).max(50).default(1) })
  .strict();
/** A file uploaded in slices by `parts.importUpload`, named by the id the first slice got. */
const uploadId = z
  .string({ error: 'errors.field.invalid' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: 'errors.field.invalid',
  });
/** One upload slice: at most 1 MiB of bytes, as base64. */
export const IMPORT_SLICE_BYTES = 1024 * 1024;
export const importUploadSchema = z
  .object({
    /** Absent on the first slice: the answer names the new upload. */
    upload: uploadId.optional(),
    /** Where this slice starts: the size the upload has so far. */
    offset: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(0)
      .max(2 ** 36),
    base64: z
      .string({ error: 'errors.field.invalid' })
      .max(Math.ceil(IMPORT_SLICE_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'errors.field.invalid' }),
  })
  .strict();
export const importSchema = z
  .object({
    /** A small file's text; bigger files come as an `upload`. */
    csv: z
      .string()
      .min(1, { error: 'errors.field.required' })
      .max(64 * 1024 * 1024)
      .optional(),
    upload: uploadId.optional(),
    /** check: validate only; all: nothing unless every row is good; good: the good rows. */
    mode: z.enum(['check', 'all', 'good'], { error: 'errors.field.choice' }),
  })
  .strict()
  .refine((i) => (i.csv === undefined) !== (i.upload === undefined), {
    error: 'errors.field.required',
    path: ['csv'],
  });
export const exportSchema = z
  .object({ what: z.enum(['parts', 'movements'], { error: 'errors.field.choice' }) })
  .strict();

/** A finished export's file name, as `parts.export` wrote it (never a path). */
export const exportReadSchema = z
  .object({
    file: z
      .string({ error: 'errors.field.invalid' })
      .regex(/^(parts|movements)-[0-9TZ-]{10,40}\.csv$/, { error: 'errors.field.invalid' }),
    offset: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(0)
      .max(2 ** 40),
  })
  .strict();

export const adjustSchema = z
  .object({
    partId: idSchema,
    qty: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((n) => n !== 0, { error: 'errors.field.qty' }),
    reason,
    serials,
    override: overrideSchema.optional(),
  })
  .strict();
export const supplierReturnSchema = z
  .object({ partId: idSchema, qty, reason, serials, override: overrideSchema.optional() })
  .strict();
export const lowListSchema = z
  .object({ limit: z.number().int().min(1).max(1000).default(200) })
  .strict();
export const lowToPoSchema = z
  .object({ partIds: z.array(idSchema).min(1, { error: 'errors.field.required' }).max(1000) })
  .strict();
export const checkSchema = z.object({ partId: idSchema.optional() }).strict();

export const ticketPartsSchema = z.object({ ticketId: idSchema }).strict();
export const reserveSchema = z
  .object({
    ticketId: idSchema,
    partId: idSchema,
    qty: qty.default(1),
    serial: serial.optional(),
    /** Short of stock: record the ticket as waiting for this part instead of failing. */
    waitIfShort: z.boolean().default(false),
    override: overrideSchema.optional(),
  })
  .strict();
export const consumeSchema = z
  .object({ id: idSchema, version, oldSerial: z.string().trim().max(80).optional() })
  .strict();
export const releaseSchema = z
  .object({ id: idSchema, version, reason: optionalText(300) })
  .strict();
export const returnFromTicketSchema = z
  .object({ id: idSchema, version, sound: z.boolean(), reason })
  .strict();

export const supplierSaveSchema = z
  .object({
    id: idSchema.optional(),
    version: version.optional(),
    name: requiredText(120),
    phone: optionalText(40),
    email: optionalText(200),
    leadDays: z.number().int().min(0).max(365).default(3),
    active: z.boolean().default(true),
  })
  .strict();
const poLine = z.object({ partId: idSchema, qty, unitCostCents: cents.optional() }).strict();
export const poListSchema = z
  .object({
    status: z.enum(PO_STATUSES).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export const poCreateSchema = z
  .object({
    supplierId: idSchema,
    lines: z.array(poLine).min(1, { error: 'errors.field.required' }).max(500),
  })
  .strict();
export const poLinesSchema = z
  .object({
    id: idSchema,
    version,
    lines: z.array(poLine).min(1, { error: 'errors.field.required' }).max(500),
  })
  .strict();
export const poStepSchema = z.object({ id: idSchema, version }).strict();
export const poCancelSchema = z.object({ id: idSchema, version, reason }).strict();
export const poReceiveSchema = z
  .object({
    id: idSchema,
    version,
    lines: z
      .array(z.object({ partId: idSchema, qty, serials }).strict())
      .min(1, { error: 'errors.field.required' })
      .max(500),
  })
  .strict();

export const countStartSchema = z
  .object({
    scope: z.enum(COUNT_SCOPES, { error: 'errors.field.choice' }),
    value: requiredText(60),
  })
  .strict();
export const countScanSchema = z
  .object({ id: idSchema, code, qty: qty.default(1), serial: serial.optional() })
  .strict();
export const countSetSchema = z
  .object({ id: idSchema, partId: idSchema, counted: z.number().int().min(0).max(100_000) })
  .strict();
export const countStepSchema = z.object({ id: idSchema, version }).strict();
export const countListSchema = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .strict();
