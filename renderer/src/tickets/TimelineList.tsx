import { Badge, Group, Text, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../main/api/contract';
import { STATUS_COLORS, fmtDateTime } from '../common/format';

/**
 * A note as the backend wrote it, in the window's language. Two kinds carry a machine-written
 * prefix (stored rows are history and stay as written): an approval's channel ("phone: …") and a
 * work log's minutes ("45 min: …").
 */
export function timelineNote(t: TFunction, kind: string, note: string): string {
  if (kind === 'approved' || kind === 'declined') {
    const m = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(note);
    const label = m && t(`approval.channel.${m[1]}`, { defaultValue: '' });
    if (m && label) return m[2] ? `${label}: ${m[2]}` : label;
  }
  if (kind === 'work') {
    const m = /^(\d+) min(?::\s*([\s\S]*))?$/.exec(note);
    if (m) {
      const minutes = t('timelineMinutes', { count: Number(m[1]) });
      return m[2] ? `${minutes}: ${m[2]}` : minutes;
    }
  }
  return note;
}

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
