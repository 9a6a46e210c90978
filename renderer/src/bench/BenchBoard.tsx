import { useState } from 'react';
import { Badge, Box, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchColumn, BenchTicket } from '../../../main/api/contract';
import { STATUS_COLORS } from '../common/format';
import { useBenchColumnMore, type QueueFilters } from './benchApi';
import { BenchCard } from './BenchCard';

/** Side tracks get a column only while something is in them. */
const SIDE_TRACKS: readonly string[] = ['at_vendor', 'back_from_vendor', 'on_hold'];

/** Board order: the path a repair usually takes, side tracks last. */
export const BOARD_COLUMNS = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'awaiting_parts',
  'in_repair',
  'quality_check',
  'at_vendor',
  'back_from_vendor',
  'on_hold',
  'ready',
] as const;

export function BenchBoard({
  columns,
  filters,
  onOpen,
}: {
  columns: BenchColumn[];
  filters: QueueFilters;
  onOpen(id: number): void;
}) {
  const byStatus = new Map(columns.map((c) => [c.status, c]));
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="bench-board">
      <Group align="flex-start" wrap="nowrap" gap={6}>
        {BOARD_COLUMNS.map((status) => {
          const col = byStatus.get(status) ?? { status, total: 0, offset: 0, rows: [] };
          if (SIDE_TRACKS.includes(status) && col.total === 0) return null;
          // Keyed by the filters: narrowing the board starts each column from its first page.
          return (
            <BoardColumn
              key={`${status}-${JSON.stringify(filters)}`}
              column={col}
              filters={filters}
              onOpen={onOpen}
            />
          );
        })}
      </Group>
    </ScrollArea>
  );
}

/**
 * One status: its first cards come with the board; the rest load a page at a time when the
 * column is scrolled to its end or "Show more" is pressed, so every counted card is reachable.
 */
function BoardColumn({
  column,
  filters,
  onOpen,
}: {
  column: BenchColumn;
  filters: QueueFilters;
  onOpen(id: number): void;
}) {
  const { t } = useTranslation();
  const { status } = column;
  const [wantMore, setWantMore] = useState(false);
  const more = useBenchColumnMore(status, filters, wantMore);
  const pages = more.data?.pages ?? [];
  // The newest figure wins: a column page fetched after the board knows a fresher total.
  const total = pages.length ? pages[pages.length - 1].total : column.total;
  const seen = new Set<number>();
  const cards: BenchTicket[] = [];
  for (const r of [...column.rows, ...pages.flatMap((p) => p.rows)]) {
    if (seen.has(r.id)) continue; // a card can move one page down while pages load
    seen.add(r.id);
    cards.push(r);
  }
  const left = Math.max(0, total - cards.length);
  const loadMore = () => {
    if (left === 0 || more.isFetching) return;
    if (!wantMore) setWantMore(true);
    else if (more.hasNextPage) void more.fetchNextPage();
  };
  return (
    <Paper
      withBorder
      radius="sm"
      p={6}
      style={{ flex: '1 0 176px', maxWidth: 260, minWidth: 176 }}
      bg="var(--mantine-color-default-hover)"
      data-testid={`bench-column-${status}`}
    >
      <Group justify="space-between" gap={4} mb={6} wrap="nowrap" align="flex-start">
        <Text size="xs" fw={700} tt="uppercase" lh={1.3} style={{ minWidth: 0 }}>
          {t(`status.${status}`)}
        </Text>
        <Badge
          size="sm"
          variant="light"
          color={STATUS_COLORS[status] ?? 'gray'}
          style={{ flexShrink: 0, overflow: 'visible' }}
          data-testid={`bench-count-${status}`}
        >
          {total}
        </Badge>
      </Group>
      {/* A plain scroller: Mantine's autosize ScrollArea sizes its content to min-content, so a
          long badge widened the cards past the column and cut them off at 1366 px. */}
      <Box
        mah="calc(100vh - 270px)"
        style={{ overflowY: 'auto', overflowX: 'hidden', scrollbarWidth: 'thin' }}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 40) loadMore();
        }}
        data-testid={`bench-scroll-${status}`}
      >
        <Stack gap={6}>
          {cards.map((r) => (
            <BenchCard key={r.id} ticket={r} onOpen={onOpen} />
          ))}
          {cards.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="xs">
              {t('bench.columnEmpty')}
            </Text>
          )}
          {left > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={more.isFetching}
              onClick={loadMore}
              data-testid={`bench-more-${status}`}
            >
              {t('benchBoard.more', { count: Math.min(left, 50) })}
            </Button>
          )}
        </Stack>
      </Box>
    </Paper>
  );
}
