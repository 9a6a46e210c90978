import { z } from 'zod';
import { idSchema } from './common';

/** A backup is named by its file name as listed, never by a path. */
export const backupName = z
  .string()
  .regex(/^workstation-\d{8}-\d{6}-\d{3}-[a-z-]+\.(?:sqlite|pgdump)$/, {
    error: 'errors.field.invalid',
  });
export const backupFileSchema = z.object({ file: backupName }).strict();
export const integrityCheckSchema = z
  .object({ mode: z.enum(['quick', 'full']).default('full') })
  .strict();
export const customerExportSchema = z
  .object({ customerId: idSchema, format: z.enum(['json', 'csv']).default('json') })
  .strict();
export const customerEraseSchema = z
  .object({
    customerId: idSchema,
    /** Why (the customer's request, a retention rule): kept in the audit log. */
    reason: z.string().trim().min(3, { error: 'errors.field.required' }).max(200),
  })
  .strict();
