import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common';

/** The largest photo the setting may allow; the transports size their body limits from it. */
export const PHOTO_MAX_BYTES_CEILING = 5 * 1024 * 1024;

export const photoAddSchema = z
  .object({
    ticketId: idSchema,
    fileName: requiredText(200),
    caption: optionalText(200),
    // base64 of at most the ceiling (4/3 of it, rounded up to a whole quantum).
    dataBase64: z
      .string({ error: 'errors.field.invalid' })
      .min(1, { error: 'errors.field.required' })
      .max(Math.ceil(PHOTO_MAX_BYTES_CEILING / 3) * 4, { error: 'errors.field.photoTooLarge' })
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'errors.field.invalid' }),
  })
  .strict();

export const photoListSchema = z.object({ ticketId: idSchema }).strict();

export const photoRemoveSchema = z.object({ id: idSchema, reason: requiredText(500) }).strict();
