import { z } from 'zod';
import { cents, idSchema, keysetCursor, optionalText, pastDate, requiredText } from './common';
import { moneyCents } from './money';

/** Pickup, invoices, callbacks, complaints, returns and customer messages (issue 6). */
export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'bank_transfer'] as const;
export const SATISFACTION = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const;
export const COMPLAINT_TYPES = [
  'service_attitude',
  'slow_handling',
  'repeated_fault',
  'other',
] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const RESOLUTIONS = ['repair', 'exchange', 'refund', 'compensation'] as const;
export const COMPENSATIONS = ['none', 'extended_warranty', 'voucher', 'discount'] as const;
export const TELL_CHANNELS = ['phone', 'sms', 'wechat', 'in_person'] as const;
export const MESSAGE_TEMPLATES = ['ready', 'awaiting_approval', 'delayed', 'progress'] as const;
export const RMA_PROOFS = ['invoice', 'warranty_card', 'order_number'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'errors.field.choice' });
const version = z.number({ error: 'errors.field.invalid' }).int().positive();
const key = z.string().trim().min(8, { error: 'errors.field.required' }).max(80);

/** A manager's PIN typed at the counter, with who is approving. */
export const managerApproval = z
  .object({
    staffId: idSchema,
    pin: z.string().regex(/^\d{4,8}$/, { error: 'errors.field.pin' }),
  })
  .strict();

export const pickupLookupSchema = z
  .object({ number: z.string().trim().min(1, { error: 'errors.field.required' }).max(40) })
  .strict();

export const pickupQuoteSchema = z
  .object({ ticketId: idSchema, discountCents: cents.default(0) })
  .strict();

export const paymentSchema = z
  .object({
    method: choice(PAYMENT_METHODS),
    amountCents: moneyCents({ positive: true }),
    reference: optionalText(80),
  })
  .strict();

/** A PNG data URL from the signature pad; size-capped so a hostile client cannot fill the disk. */
export const signatureSchema = z
  .string()
  .max(700_000, { error: 'errors.field.tooLong' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: 'errors.field.signature' });

export const pickupCompleteSchema = z
  .object({
    ticketId: idSchema,
    version,
    idempotencyKey: key,
    discountCents: cents.default(0),
    discountReason: optionalText(300),
    approval: managerApproval.optional(),
    payments: z.array(paymentSchema).max(6).default([]),
    overpayment: choice(['change', 'credit'] as const).default('change'),
    /** Where returned deposit money goes when the deposit exceeded the total. */
    returnMethod: choice(PAYMENT_METHODS).default('cash'),
    signature: signatureSchema.optional(),
  })
  .strict();

export const invoiceCorrectSchema = z
  .object({
    invoiceId: idSchema,
    amountCents: moneyCents({ positive: true }),
    method: choice(PAYMENT_METHODS),
    reason: requiredText(300),
    approval: managerApproval,
  })
  .strict();

export const ticketIdSchema = z.object({ ticketId: idSchema }).strict();

export const callbackQueueSchema = z
  .object({
    view: choice(['due', 'all', 'done'] as const).default('due'),
    /** 'all' and 'done' page by (due/done time, id), newest first. */
    after: keysetCursor,
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();

const rating = z
  .number({ error: 'errors.field.invalid' })
  .int()
  .min(1, { error: 'errors.field.rating' })
  .max(5, { error: 'errors.field.rating' });

export const callbackRecordSchema = z
  .object({
    id: idSchema,
    version,
    reached: z.boolean({ error: 'errors.field.invalid' }),
    satisfaction: choice(SATISFACTION).optional(),
    attitude: rating.optional(),
    speed: rating.optional(),
    competence: rating.optional(),
    nps: z
      .number({ error: 'errors.field.invalid' })
      .int()
      .min(0, { error: 'errors.field.nps' })
      .max(10, { error: 'errors.field.nps' })
      .optional(),
    comments: optionalText(2000),
    leftover: optionalText(2000),
    /** What to do about a left-over problem: reopen as a follow-up of this ticket or a new one. */
    leftoverAction: choice(['follow_up', 'new_ticket'] as const).optional(),
  })
  .strict();

export const managerTaskListSchema = z
  .object({
    view: choice(['open', 'done'] as const).default('open'),
    /** 'done' pages by (done time, id), newest first. */
    after: keysetCursor,
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();

export const managerTaskResolveSchema = z
  .object({ id: idSchema, version, plan: requiredText(2000), outcome: requiredText(2000) })
  .strict();

export const complaintListSchema = z
  .object({ view: choice(['open', 'closed', 'all'] as const).default('open') })
  .strict();

export const complaintCreateSchema = z
  .object({
    ticketId: idSchema.optional(),
    customerId: idSchema.optional(),
    type: choice(COMPLAINT_TYPES),
    severity: choice(SEVERITIES),
    description: requiredText(2000),
    ownerId: idSchema.optional(),
  })
  .strict()
  .refine((v) => v.ticketId !== undefined || v.customerId !== undefined, {
    error: 'errors.field.required',
    path: ['ticketId'],
  });

export const complaintResolveSchema = z
  .object({
    id: idSchema,
    version,
    cause: optionalText(2000),
    ownerId: idSchema.optional(),
    resolution: choice(RESOLUTIONS),
    compensation: choice(COMPENSATIONS).default('none'),
    note: optionalText(2000),
  })
  .strict();

export const complaintConfirmSchema = z
  .object({ id: idSchema, version, channel: choice(TELL_CHANNELS), note: optionalText(1000) })
  .strict();

export const complaintCloseSchema = z.object({ id: idSchema, version }).strict();

export const rmaListSchema = z
  .object({
    view: choice(['open', 'all'] as const).default('open'),
    code: z.string().trim().max(24).optional(),
  })
  .strict();

export const rmaRequestSchema = z
  .object({
    customerId: idSchema,
    ticketId: idSchema.optional(),
    product: requiredText(200),
    serial: optionalText(60),
    proof: choice(RMA_PROOFS),
    proofRef: requiredText(80),
    purchaseDate: pastDate.optional(),
    reason: requiredText(2000),
  })
  .strict();

export const rmaVerifySchema = z
  .object({
    id: idSchema,
    version,
    approve: z.boolean({ error: 'errors.field.invalid' }),
    note: optionalText(1000),
  })
  .strict();

export const rmaReceiveSchema = z
  .object({
    id: idSchema,
    version,
    inspection: requiredText(2000),
    sound: z.boolean({ error: 'errors.field.invalid' }),
  })
  .strict();

export const rmaResolveSchema = z
  .object({
    id: idSchema,
    version,
    outcome: choice(['refund', 'exchange'] as const),
    refundCents: cents.optional(),
    /** Exchange: the stock part the replacement unit comes from. */
    partId: idSchema.optional(),
    exchangeSerial: optionalText(60),
    /** Exchange: the returned unit's serial, when the request did not record it. */
    returnedSerial: optionalText(60),
    approval: managerApproval.optional(),
  })
  .strict();

export const rmaTellSchema = z
  .object({ id: idSchema, version, channel: choice(TELL_CHANNELS) })
  .strict();

export const messageComposeSchema = z
  .object({
    ticketId: idSchema,
    template: choice(MESSAGE_TEMPLATES),
    lang: choice(['en', 'zh'] as const),
  })
  .strict();

export const messageRecordSchema = z
  .object({
    ticketId: idSchema,
    template: choice(MESSAGE_TEMPLATES),
    lang: choice(['en', 'zh'] as const),
    text: requiredText(2000),
    channel: choice(TELL_CHANNELS),
  })
  .strict();
