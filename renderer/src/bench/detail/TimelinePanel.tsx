import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../main/api/contract';
import { STATUS_COLORS, fmtDateTime } from '../../common/format';
import { Panel } from './Panel';

/** Who did what and when, newest first. */
export function TimelinePanel({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  const list = [...events].reverse();
  return (
    <Panel title={t('ticket.timeline')} testId="bench-timeline">
      <Timeline bulletSize={12} lineWidth={2} active={-1}>
        {list.map((e) => (
          <Timeline.Item
            key={e.id}
            title={
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {t(`timeline.${e.kind}`, { defaultValue: e.kind })}
                </Text>
                {e.fromStatus && e.toStatus && (
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
            {e.note && <Text size="sm">{e.note}</Text>}
            <Text size="xs" c="dimmed">
              {fmtDateTime(e.at)}
              {e.staffName ? ` · ${e.staffName}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Panel>
  );
}
