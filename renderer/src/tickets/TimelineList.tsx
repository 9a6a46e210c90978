import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconMessage2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../main/api/contract';
import type { OutboxRow } from '../../../main/api/contract-messages';
import { STATUS_COLORS, fmtDateTime } from '../common/format';
import { QueryError } from '../common/QueryState';
import { STATE_COLOR, messageErrorText, templateName } from '../messages/messageText';
import { useTicketMessages } from '../messages/messagesApi';
import { timelineNote } from './timelineNote';

type Item =
  | { at: number; event: TimelineEvent; message?: never }
  | { at: number; message: OutboxRow; event?: never };

/** One drawing of a ticket's history for the ticket drawer and the bench detail: its events and
 * the messages sent (or waiting) to its customer, in time order. */
export function TimelineList({
  events,
  ticketId,
  newestFirst = false,
  withFrom = false,
}: {
  events: TimelineEvent[];
  /** The ticket whose outbox messages join its events (when the role may read them). */
  ticketId?: number;
  newestFirst?: boolean;
  /** Show where a status move came from (the bench, where moves are the work). */
  withFrom?: boolean;
}) {
  const { t } = useTranslation();
  const messages = useTicketMessages(ticketId);
  const items: Item[] = [
    ...events.map((e) => ({ at: e.at, event: e })),
    ...(messages.data ?? []).map((m) => ({ at: m.sentAt ?? m.createdAt, message: m })),
  ].sort((a, b) => a.at - b.at);
  const list = newestFirst ? items.reverse() : items;
  return (
    <>
      {messages.isError && (
        <QueryError error={messages.error} onRetry={() => void messages.refetch()} />
      )}
      <Timeline bulletSize={12} lineWidth={2} active={newestFirst ? -1 : list.length}>
        {list.map((item) =>
          item.message ? (
            <Timeline.Item
              key={`m${item.message.id}`}
              bullet={<IconMessage2 size={10} />}
              data-testid="timeline-message"
              data-state={item.message.state}
              title={<MessageTitle m={item.message} />}
            >
              <Text size="xs" c="dimmed">
                {fmtDateTime(item.at)} · {t(`msg.channel.${item.message.channel}`)} ·{' '}
                {item.message.to}
              </Text>
              {item.message.lastError && item.message.state !== 'sent' && (
                <Text size="xs" c="red">
                  {messageErrorText(t, item.message)}
                </Text>
              )}
            </Timeline.Item>
          ) : (
            <Timeline.Item
              key={item.event.id}
              title={
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {t(`timeline.${item.event.kind}`, { defaultValue: item.event.kind })}
                  </Text>
                  {withFrom && item.event.fromStatus && item.event.toStatus && (
                    <Text size="xs" c="dimmed">
                      {t(`status.${item.event.fromStatus}`)} →
                    </Text>
                  )}
                  {item.event.toStatus && (
                    <Badge size="xs" color={STATUS_COLORS[item.event.toStatus] ?? 'gray'}>
                      {t(`status.${item.event.toStatus}`)}
                    </Badge>
                  )}
                </Group>
              }
            >
              {item.event.note && (
                <Text size="sm">{timelineNote(t, item.event.kind, item.event.note)}</Text>
              )}
              <Text size="xs" c="dimmed">
                {fmtDateTime(item.event.at)}
                {item.event.staffName ? ` · ${item.event.staffName}` : ''}
              </Text>
            </Timeline.Item>
          ),
        )}
      </Timeline>
    </>
  );
}

function MessageTitle({ m }: { m: OutboxRow }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Text size="sm" fw={600}>
        {t('msg.onTimeline')}: {templateName(t, m.template)}
      </Text>
      <Badge
        size="xs"
        variant="light"
        color={STATE_COLOR[m.state]}
        data-testid="timeline-message-state"
      >
        {t(`msg.state.${m.state}`)}
      </Badge>
    </Group>
  );
}
