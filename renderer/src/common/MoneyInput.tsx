import type { ReactNode } from 'react';
import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { moneyCents } from '../../../main/api/schemas/money';
import { toCents } from './format';

/** The i18n key of what is wrong with a typed amount (shared schema), or null. Empty is not judged here. */
export function moneyError(
  value: number | string,
  opts: { positive?: boolean } = {},
): string | null {
  if (value === '' || value === '-') return value === '-' ? 'errors.field.moneyNegative' : null;
  const r = moneyCents(opts).safeParse(toCents(value));
  return r.success ? null : (r.error.issues[0]?.message ?? 'errors.field.money');
}

/**
 * Every amount staff type: two decimals, no spinner, and nothing clamped or silently changed
 * (a −100 stays −100 and is refused on the field in the window's language; the API refuses it too).
 */
export function MoneyInput({
  positive,
  error,
  ...props
}: Omit<NumberInputProps, 'min' | 'max' | 'clampBehavior'> & {
  positive?: boolean;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const live = moneyError(props.value ?? '', { positive });
  return (
    <NumberInput
      decimalScale={2}
      hideControls
      clampBehavior="none"
      {...props}
      error={error || (live ? t(live) : undefined)}
    />
  );
}
