import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../../main/api/contract-messages';
import { MESSAGE_CHANNELS } from '../../../main/api/schemas/messages';
import { LoadMore, useKeysetList } from '../api/useKeysetList';
import { QueryState } from '../common/QueryState';
import { fmtDateTime } from '../common/format';
import { useNav } from '../shell/nav';
import { MessageActions, ManualText } from './MessageActions';
import { STATE_COLOR, messageErrorText, templateName } from './messageText';
import { OUTBOX_PAGE, outboxCursor, outboxKeys, outboxPage } from './messagesApi';

/** What the state filter offers: what needs a person first, then each state. */
const FILTERS = ['attention', 'queued', 'failed', 'uncertain', 'sent', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number];

/** The Messages screen: the outbox, newest first, with what a person can do about each row. */
export function MessagesPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('attention');
  const [channel, setChannel] = useState<string | null>(null);
  const list = useKeysetList<OutboxRow, { at: number; id: number }>({
    queryKey: outboxKeys.list(filter, channel),
    page: (after) => outboxPage({ state: filter, ...(channel ? { channel } : {}) }, after),
    cursorOf: outboxCursor,
    pageSize: OUTBOX_PAGE,
  });
  const rows = list.rows;
  return (
    <Stack gap="sm" data-testid="messages-page">
      <Group justify="space-between" wrap="nowrap">
        <Title order={3}>{t('msg.title')}</Title>
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={FILTERS.map((f) => ({
              value: f,
              label: f === 'attention' ? t('msg.filter.open') : t(`msg.state.${f}`),
            }))}
            data-testid="messages-filter"
          />
          <Select
            size="xs"
            w={170}
            aria-label={t('msg.filter.channel')}
            placeholder={t('msg.filter.anyChannel')}
            clearable
            value={channel}
            onChange={setChannel}
            data={MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`msg.channel.${c}`) }))}
            data-testid="messages-channel"
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={list.isRefetching}
            onClick={() => void list.refetch()}
            data-testid="messages-refresh"
          >
            {t('msg.refresh')}
          </Button>
        </Group>
      </Group>
      <QueryState
        query={{ ...list, data: list.isPending ? undefined : rows }}
        empty={t('msg.empty')}
      >
        {(data) => (
          <Paper withBorder radius="sm">
            <Table verticalSpacing={4} fz="sm" data-testid="messages-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>{t('msg.col.when')}</Table.Th>
                  <Table.Th w={110}>{t('msg.col.ticket')}</Table.Th>
                  <Table.Th>{t('msg.col.customer')}</Table.Th>
                  <Table.Th>{t('msg.col.template')}</Table.Th>
                  <Table.Th w={100}>{t('msg.col.state')}</Table.Th>
                  <Table.Th>{t('msg.col.detail')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((m) => (
                  <MessageRow key={m.id} m={m} />
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryState>
      <LoadMore list={list} testId="messages-more" />
    </Stack>
  );
}

function MessageRow({ m }: { m: OutboxRow }) {
  const { t } = useTranslation();
  const nav = useNav();
  const manualOpen = m.channel === 'manual' && (m.state === 'queued' || m.state === 'failed');
  return (
    <>
      <Table.Tr data-testid={`message-${m.id}`} data-state={m.state} data-channel={m.channel}>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(m.sentAt ?? m.createdAt)}</Table.Td>
        <Table.Td>
          {m.ticketId && m.ticketNumber ? (
            <Anchor size="sm" onClick={() => nav.openTicket(m.ticketId!)}>
              {m.ticketNumber}
            </Anchor>
          ) : (
            '—'
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" lineClamp={1}>
            {m.customerName}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {t(`msg.channel.${m.channel}`)} · {m.to}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" lineClamp={1}>
            {templateName(t, m.template)}
          </Text>
          <Text size="xs" c="dimmed">
            {m.language === 'zh' ? '中文' : 'EN'}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge size="sm" variant="light" color={STATE_COLOR[m.state]} data-testid="message-state">
            {t(`msg.state.${m.state}`)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <MessageDetail m={m} />
        </Table.Td>
        <Table.Td>
          <MessageActions m={m} />
        </Table.Td>
      </Table.Tr>
      {manualOpen && (
        <Table.Tr>
          <Table.Td colSpan={7} pt={0}>
            <ManualText m={m} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function MessageDetail({ m }: { m: OutboxRow }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (m.attempts > 0) parts.push(t('msg.attempts', { count: m.attempts }));
  if (m.state === 'queued' && m.nextAttemptAt)
    parts.push(t('msg.nextAttempt', { when: fmtDateTime(m.nextAttemptAt) }));
  return (
    <Stack gap={0}>
      {parts.length > 0 && (
        <Text size="xs" c="dimmed">
          {parts.join(' · ')}
        </Text>
      )}
      {m.lastError && m.state !== 'sent' && m.state !== 'cancelled' && (
        <Text size="xs" c={m.state === 'queued' ? 'dimmed' : 'red'} lineClamp={2}>
          {messageErrorText(t, m)}
        </Text>
      )}
      {m.state === 'uncertain' && (
        <Text size="xs" c="orange" lineClamp={2}>
          {t('msg.uncertainHint')}
        </Text>
      )}
    </Stack>
  );
}
