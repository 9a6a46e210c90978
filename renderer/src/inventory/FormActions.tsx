import type { ReactNode } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../common/ErrorText';

/**
 * The foot of every inventory form: a refusal that belongs to no field (translated), Cancel,
 * and the submit button (Enter in the form presses it).
 */
export function FormActions({
  onCancel,
  label,
  loading,
  disabled,
  failure,
  testId,
  children,
}: {
  onCancel(): void;
  label: string;
  loading: boolean;
  disabled?: boolean;
  failure?: unknown;
  /** data-testid of the submit button; the alert gets `<testId>-error`. */
  testId: string;
  /** More buttons, before Cancel. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {failure != null && (
        <Alert color="red" data-testid={`${testId}-error`}>
          <ErrorText err={failure} />
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        {children}
        <Button variant="default" onClick={onCancel}>
          {t('app.cancel')}
        </Button>
        <Button type="submit" loading={loading} disabled={disabled} data-testid={testId}>
          {label}
        </Button>
      </Group>
    </>
  );
}
