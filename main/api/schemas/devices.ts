import { z } from 'zod';
import { idSchema } from './common';

export const emptyInput = z.object({}).strict();
export const PERIPHERAL_KINDS = ['scanner', 'label_printer', 'receipt_printer'] as const;
export const PRINT_JOB_KINDS = [
  'intake_receipt',
  'device_tag',
  'shelf_label',
  'pickup_receipt',
  'rma_authorisation',
  'test_print',
] as const;

const options = z
  .object({
    dpi: z.union([z.literal(203), z.literal(300)]).optional(),
    labelWidthMm: z.number().int().min(20).max(120).optional(),
    labelHeightMm: z.number().int().min(10).max(200).optional(),
    hostStatus: z.boolean().optional(),
    paperMm: z.union([z.literal(58), z.literal(80)]).optional(),
    codePage: z.enum(['gbk', 'cp437']).optional(),
    silenceMs: z.number().int().min(5).max(2000).optional(),
  })
  .strict();

export const peripheralSaveSchema = z
  .object({
    id: idSchema.optional(),
    kind: z.enum(PERIPHERAL_KINDS),
    name: z.string().trim().min(1, { error: 'errors.field.required' }).max(80),
    // A device path or COM port; typed by hand when the system cannot list ports.
    path: z
      .string()
      .trim()
      .min(1, { error: 'errors.field.required' })
      .max(200)
      .regex(/^(\/[^\0]+|COM\d+|\\\\\.\\[^\0]+)$/, { error: 'errors.field.invalid' }),
    baudRate: z.number().int().min(300).max(921_600).default(9600),
    dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
    options: options.default({}),
    enabled: z.boolean().default(true),
  })
  .strict();

export const peripheralIdSchema = z.object({ id: idSchema }).strict();
export const printJobIdSchema = z.object({ id: idSchema }).strict();
export const defaultPrinterSchema = z
  .object({ jobKind: z.enum(PRINT_JOB_KINDS), deviceId: idSchema.nullable() })
  .strict();
/** The operator's answer to "did it print?" for an interrupted job. */
export const printJobResolveSchema = z.object({ id: idSchema, printed: z.boolean() }).strict();
