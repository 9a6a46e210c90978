import { z } from 'zod';
import {
  ACCESSORIES,
  CATEGORIES,
  CHANNELS,
  DEVICE_TYPES,
  EXCLUSIONS,
  PRIORITIES,
  PROOFS,
  SERVICE_MODES,
  cents,
  emailSchema,
  idSchema,
  imeiSchema,
  pastDate,
  optionalText,
  phoneSchema,
  requiredText,
} from './common';
import { messagingFieldsSchema } from './messages';

/** The problem in the customer's words: the box counts towards this. */
export const PROBLEM_MAX = 4000;

export const newCustomerSchema = z.object({
  name: requiredText(120),
  phone: phoneSchema,
  email: emailSchema,
  channel: z.enum(CHANNELS, { error: 'errors.field.choice' }),
});

export const customerRefSchema = z.union([z.object({ id: idSchema }).strict(), newCustomerSchema.strict()]);

export const newDeviceSchema = z.object({
  type: z.enum(DEVICE_TYPES, { error: 'errors.field.choice' }),
  brand: requiredText(60),
  model: requiredText(120),
  serial: optionalText(80),
  imei: imeiSchema.optional().or(z.literal('').transform(() => undefined)),
  purchaseDate: pastDate.optional().or(z.literal('').transform(() => undefined)),
  proof: z.enum(PROOFS, { error: 'errors.field.choice' }),
});

export const deviceRefSchema = z.union([z.object({ id: idSchema }).strict(), newDeviceSchema.strict()]);

/** What the live warranty / promise panel needs: known before the ticket exists. */
export const intakeEvaluateSchema = z.object({
  deviceId: idSchema.optional(),
  /** A new device's identifiers, to find an open ticket for the same device. */
  imei: z.string().trim().max(20).optional(),
  serial: optionalText(80),
  deviceType: z.enum(DEVICE_TYPES, { error: 'errors.field.choice' }),
  purchaseDate: pastDate.optional().or(z.literal('').transform(() => undefined)),
  proof: z.enum(PROOFS, { error: 'errors.field.choice' }),
  exclusion: z.enum(EXCLUSIONS, { error: 'errors.field.choice' }).default('none'),
  serviceMode: z.enum(SERVICE_MODES, { error: 'errors.field.choice' }),
  priority: z.enum(PRIORITIES, { error: 'errors.field.choice' }).default('normal'),
  /** The rough estimate typed at the counter, shown back with cover and tax. */
  estimateCents: cents.optional(),
});

export const ticketFieldsSchema = z.object({
  category: z.enum(CATEGORIES, { error: 'errors.field.choice' }),
  priority: z.enum(PRIORITIES, { error: 'errors.field.choice' }),
  serviceMode: z.enum(SERVICE_MODES, { error: 'errors.field.choice' }),
  problem: requiredText(PROBLEM_MAX),
  accessories: z.array(z.enum(ACCESSORIES, { error: 'errors.field.choice' })).max(20).default([]),
  conditionNotes: z.string().trim().max(2000, { error: 'errors.field.tooLong' }).default(''),
  backupAck: z.literal(true, { error: 'errors.field.backupAck' }),
  passcode: optionalText(64),
  exclusion: z.enum(EXCLUSIONS, { error: 'errors.field.choice' }).default('none'),
  estimateCents: cents.default(0),
  depositCents: cents.default(0),
});

export const intakeCommitSchema = z.object({
  /** Chosen by the client per intake form, so a double submit cannot make two tickets. */
  idempotencyKey: z.string().min(8).max(80),
  customer: customerRefSchema,
  device: deviceRefSchema,
  ticket: ticketFieldsSchema,
  /** Issue 16: consent to status messages, the channel and language the customer prefers
   * (new or existing customer); left out = the record stays as it is. */
  messaging: messagingFieldsSchema.partial().optional(),
});

export type NewCustomerInput = z.input<typeof newCustomerSchema>;
export type NewDeviceInput = z.input<typeof newDeviceSchema>;
export type IntakeCommitInput = z.input<typeof intakeCommitSchema>;
export type IntakeEvaluateInput = z.input<typeof intakeEvaluateSchema>;
