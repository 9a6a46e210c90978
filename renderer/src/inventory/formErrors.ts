import { createElement, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiCallError } from '../api/client';
import { Tr } from '../common/Tr';

/** API field name → form field name (the form shows money in yuan, the API takes cents). */
export type Rename = Record<string, string>;

const fieldOf = (path: string, rename: Rename) => {
  const top = path.split('.')[0];
  return rename[top] ?? top;
};

/**
 * Runs the shared zod schema in the browser: the same rules and i18n keys as the server,
 * one translated error per form field (the first).
 */
export function schemaErrors(
  schema: z.ZodType,
  payload: unknown,
  rename: Rename = {},
): Record<string, ReactNode> {
  const r = schema.safeParse(payload);
  const out: Record<string, ReactNode> = {};
  if (r.success) return out;
  for (const issue of r.error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'), rename);
    const key = issue.message.startsWith('errors.') ? issue.message : 'errors.field.invalid';
    const i = issue as { maximum?: unknown; minimum?: unknown };
    out[field] ??= createElement(Tr, { k: key, params: { max: i.maximum, min: i.minimum } });
  }
  return out;
}

/** A refused save's field issues (e.g. SKU taken) on the form's fields, translated. */
export function serverErrors(err: unknown, rename: Rename = {}): Record<string, ReactNode> {
  const out: Record<string, ReactNode> = {};
  if (!(err instanceof ApiCallError)) return out;
  for (const issue of err.body.details?.issues ?? []) {
    out[fieldOf(issue.path, rename)] ??= createElement(Tr, {
      k: issue.key,
      params: issue.params,
      fallback: issue.message,
    });
  }
  return out;
}
