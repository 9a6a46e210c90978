import { z } from 'zod';
import { cents, isoDate, optionalText } from './common';
import { REPORT_LANGS } from './reports';

/** Day close (Z report) inputs. Pure zod; messages are i18n keys. */
export const dayCloseGetSchema = z.object({ date: isoDate }).strict();

export const dayCloseSchema = z
  .object({
    date: isoDate,
    /** The cash counted in the till, in cents. */
    countedCents: cents,
    /** Required by the handler whenever counted and expected differ. */
    reason: optionalText(500),
  })
  .strict();

export const dayClosePdfSchema = z
  .object({
    date: isoDate,
    lang: z.enum(REPORT_LANGS, { error: 'errors.field.choice' }).optional(),
  })
  .strict();
