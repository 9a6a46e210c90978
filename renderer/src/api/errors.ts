import { createElement, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { ApiCallError } from './client';
import { Tr } from '../common/Tr';

/** A backend `at` (epoch ms, e.g. who changed a ticket when) as `time` for the text: the
 * clock time today, else the date and time, in the window's language. */
function withTime(params: Record<string, unknown> | undefined) {
  if (!params || typeof params.at !== 'number' || 'time' in params) return params;
  const at = dayjs(params.at);
  return { ...params, time: at.format(at.isSame(dayjs(), 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm') };
}

/** Translate an i18n key from the backend, falling back to the English message it sent. */
export function translateKey(t: TFunction, key: string | undefined, params: Record<string, unknown> | undefined, fallback: string): string {
  params = withTime(params);
  if (key && t(key, { ...params, defaultValue: '' })) return t(key, params ?? {});
  return fallback;
}

/** One line for a failed call: the translated top-level key, else the code's generic text. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiCallError) {
    const d = err.body.details;
    const generic = t(`errors.code.${err.code}`, { defaultValue: err.message });
    return translateKey(t, d?.key, d?.params, generic);
  }
  return t('errors.internal');
}

/** Field errors keyed by their dotted path (for form.setErrors); translated when rendered. */
export function fieldErrors(err: unknown): Record<string, ReactNode> {
  const out: Record<string, ReactNode> = {};
  if (err instanceof ApiCallError) {
    for (const issue of err.body.details?.issues ?? []) {
      out[issue.path] = createElement(Tr, { k: issue.key, params: issue.params, fallback: issue.message });
    }
  }
  return out;
}
