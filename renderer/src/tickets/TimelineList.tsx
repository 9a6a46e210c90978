import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../main/api/contract';
import { STATUS_COLORS, fmtDateTime } from '../common/format';
import { timelineNote } from './timelineNote';

/** One drawing of a ticket's history for the ticket drawer and the bench detail. */
export function TimelineList({
  events,
  newestFirst = false,
  withFrom = false,
}: {
  events: TimelineEvent[];
  newestFirst?: boolean;
  /** Show where a status move came from (the bench, where moves are the work). */
  withFrom?: boolean;
}) {
  const { t } = useTranslation();
  const list = newestFirst ? [...events].reverse() : events;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={newestFirst ? -1 : list.length}>
      {list.map((e) => (
        <Timeline.Item
          key={e.id}
          title={
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {t(`timeline.${e.kind}`, { defaultValue: e.kind })}
              </Text>
              {withFrom && e.fromStatus && e.toStatus && (
                <Text size="xs" c="dimmed">
                  {t(`status.${e.fromStatus}`)} →
                </Text>
              )}
              {e.toStatus && (
                <Badge size="xs" color={STATUS_COLORS[e.toStatus] ?? 'gray'}>
                  {t(`status.${e.toStatus}`)}
                </Badge>
              )}
            </Group>
          }
        >
          {e.note && <Text size="sm">{timelineNote(t, e.kind, e.note)}</Text>}
          <Text size="xs" c="dimmed">
            {fmtDateTime(e.at)}
            {e.staffName ? ` · ${e.staffName}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
