import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchTicket } from '../../../main/api/contract';
import { STATUS_COLORS } from '../common/format';
import { BenchCard } from './BenchCard';

/** Board order: the path a repair usually takes, side tracks last. */
/** Side tracks get a column only while something is in them. */
const SIDE_TRACKS: readonly string[] = ['at_vendor', 'back_from_vendor', 'on_hold'];

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
  rows,
  counts,
  onOpen,
}: {
  rows: BenchTicket[];
  counts: Record<string, number>;
  onOpen(id: number): void;
}) {
  const { t } = useTranslation();
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="bench-board">
      <Group align="flex-start" wrap="nowrap" gap={6}>
        {BOARD_COLUMNS.map((status) => {
          const cards = rows.filter((r) => r.status === status);
          if (SIDE_TRACKS.includes(status) && cards.length === 0 && !counts[status]) return null;
          return (
            <Paper
              key={status}
              withBorder
              radius="sm"
              p={6}
              style={{ flex: '1 0 156px', maxWidth: 260 }}
              bg="var(--mantine-color-default-hover)"
              data-testid={`bench-column-${status}`}
            >
              <Group justify="space-between" gap={4} mb={6} wrap="nowrap">
                <Text size="xs" fw={700} tt="uppercase" truncate>
                  {t(`status.${status}`)}
                </Text>
                <Badge
                  size="sm"
                  variant="light"
                  color={STATUS_COLORS[status] ?? 'gray'}
                  data-testid={`bench-count-${status}`}
                >
                  {counts[status] ?? 0}
                </Badge>
              </Group>
              <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
                <Stack gap={6}>
                  {cards.map((r) => (
                    <BenchCard key={r.id} ticket={r} onOpen={onOpen} />
                  ))}
                  {cards.length === 0 && (
                    <Text size="xs" c="dimmed" ta="center" py="xs">
                      {t('bench.columnEmpty')}
                    </Text>
                  )}
                </Stack>
              </ScrollArea.Autosize>
            </Paper>
          );
        })}
      </Group>
    </ScrollArea>
  );
}
