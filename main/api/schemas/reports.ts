import { z } from 'zod';
import { idSchema, isoDate } from './common';

/** Knowledge base, reports, dashboard and export inputs. Pure zod; messages are i18n keys. */
const text = (max: number) => z.string().trim().max(max, { error: 'errors.field.tooLong' });
const required = (max: number) => text(max).min(1, { error: 'errors.field.required' });
const shortList = (max: number, itemMax: number) =>
  z.array(required(itemMax)).max(max, { error: 'errors.field.tooLong' });

export const kbSearchSchema = z
  .object({
    q: text(200).default(''),
    model: text(120).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

/** What kb.suggest accepts: a client cuts longer text (a 4000-character problem) to these. */
export const KB_SUGGEST_MAX = { brand: 60, model: 120, problem: 2000 } as const;

export const kbSuggestSchema = z
  .object({
    brand: text(KB_SUGGEST_MAX.brand).optional(),
    model: text(KB_SUGGEST_MAX.model).optional(),
    problem: text(KB_SUGGEST_MAX.problem).default(''),
    /** The ticket being looked at, left out of its own "similar tickets". */
    ticketId: idSchema.optional(),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .strict();

export const kbSaveSchema = z
  .object({
    id: idSchema.optional(),
    version: z.number({ error: 'errors.field.invalid' }).int().positive().optional(),
    title: required(200),
    symptoms: required(4000),
    cause: text(4000).default(''),
    steps: shortList(30, 1000).min(1, { error: 'errors.field.required' }),
    models: shortList(30, 120).default([]),
    tags: shortList(20, 40).default([]),
    sourceTicketId: idSchema.optional(),
  })
  .strict();

export const kbFromTicketSchema = z.object({ ticketId: idSchema }).strict();

export const REPORT_LANGS = ['en', 'zh'] as const;
export const reportDaySchema = z.object({ date: isoDate }).strict();
export const reportPdfSchema = z
  .object({
    date: isoDate,
    lang: z.enum(REPORT_LANGS, { error: 'errors.field.choice' }).optional(),
  })
  .strict();

/** A date range, both ends inclusive, at most a year and a bit. */
export const dateRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((r) => r.from <= r.to, { error: 'errors.field.dateOrder', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 400 * 86_400_000, {
    error: 'errors.field.rangeTooLong',
    path: ['to'],
  });

export const EXPORT_KINDS = ['tickets', 'customers'] as const;
export const exportStartSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS, { error: 'errors.field.choice' }),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((r) => r.from <= r.to, { error: 'errors.field.dateOrder', path: ['to'] });
export const exportStatusSchema = z.object({ jobId: z.string().uuid() }).strict();
