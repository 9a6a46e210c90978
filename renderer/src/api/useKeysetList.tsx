import { Button, Group, Text } from '@mantine/core';
import { useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/**
 * A list that grows forever, read a page at a time (keyset: the next page starts after the last
 * row shown, see main/db/keyset.ts). An event that invalidates the key refetches only the pages
 * already loaded, each an index walk, never the whole history.
 */
export function useKeysetList<T, C>(o: {
  queryKey: QueryKey;
  page: (cursor: C | undefined) => Promise<T[]>;
  cursorOf: (last: T) => C;
  pageSize: number;
  enabled?: boolean;
  refetchInterval?: number;
  refetchOnMount?: boolean | 'always';
}) {
  const q = useInfiniteQuery<T[], Error, InfiniteData<T[]>, QueryKey, C | undefined>({
    queryKey: o.queryKey,
    queryFn: ({ pageParam }) => o.page(pageParam as C | undefined),
    initialPageParam: undefined as C | undefined,
    getNextPageParam: (last: T[]) =>
      last.length < o.pageSize ? undefined : o.cursorOf(last[last.length - 1]),
    enabled: o.enabled,
    refetchInterval: o.refetchInterval,
    refetchOnMount: o.refetchOnMount,
  });
  return { ...q, rows: q.data?.pages.flat() ?? [] };
}

/** "Load more" under a paged list, with how many rows are shown. */
export function LoadMore({
  list,
  testId = 'load-more',
}: {
  list: Pick<
    ReturnType<typeof useKeysetList>,
    'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage' | 'rows'
  >;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Group justify="space-between" gap="xs">
      <Text size="xs" c="dimmed">
        {t('paging.shown', { count: list.rows.length })}
      </Text>
      <Button
        size="compact-sm"
        variant="light"
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
        data-testid={testId}
      >
        {t('paging.loadMore')}
      </Button>
    </Group>
  );
}
