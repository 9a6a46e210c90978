import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { errorText } from '../api/errors';

/** A refused or failed call, said as such: never shown as an empty list. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const forbidden = error instanceof ApiCallError && error.code === 'FORBIDDEN';
  const code = error instanceof ApiCallError ? error.code : 'INTERNAL';
  return (
    <Alert
      color={forbidden ? 'gray' : 'red'}
      variant="light"
      icon={forbidden ? <IconLock size={16} /> : <IconAlertCircle size={16} />}
      title={forbidden ? t('queryState.forbiddenTitle') : t('queryState.failedTitle')}
      data-testid="query-error"
      data-code={code}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{errorText(t, error)}</Text>
        {!forbidden && onRetry && (
          <Button size="compact-sm" variant="default" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

function isEmptyValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v && typeof v === 'object' && 'rows' in v && Array.isArray((v as { rows: unknown }).rows))
    return (v as { rows: unknown[] }).rows.length === 0;
  return v === null || v === undefined;
}

/**
 * The one pattern for a list's server state: a loader while the first answer is on its way, the
 * translated error (FORBIDDEN says the role may not, with no retry), the list's own "nothing
 * here" text, else the children with the data. Refetches keep the last data on screen.
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty = isEmptyValue,
  children,
}: {
  /** A react-query result, or an infinite list's pages read as one list. */
  query: {
    data: T | undefined;
    error: unknown;
    isPending: boolean;
    isError: boolean;
    refetch: () => unknown;
    fetchStatus: UseQueryResult<T>['fetchStatus'];
  };
  /** What an empty answer means in this list's words. */
  empty: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isError && query.data === undefined)
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  // A disabled query (nothing to ask yet) is not loading.
  if (query.isPending && query.fetchStatus === 'idle')
    return (
      <Text c="dimmed" size="sm" data-testid="query-empty">
        {empty}
      </Text>
    );
  if (query.isPending)
    return (
      <Center py="md" data-testid="query-loading">
        <Loader size="sm" />
      </Center>
    );
  const data = query.data as T;
  if (isEmpty(data))
    return (
      <Text c="dimmed" size="sm" data-testid="query-empty">
        {empty}
      </Text>
    );
  return <>{children(data)}</>;
}

/**
 * For a DataTable's `noRecordsText`: a refused or failed call names itself there instead of
 * passing for an empty list.
 */
export function tableEmptyText(
  t: (k: string) => string,
  query: { isError: boolean; error: unknown },
  empty: string,
): string {
  return query.isError ? errorText(t as never, query.error) : empty;
}
