import { useState } from 'react';
import {
  Button,
  CopyButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MESSAGE_TEMPLATES, TELL_CHANNELS } from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { fmtDateTime } from '../common/format';
import { pickupKeys, usePickupCall } from './pickupApi';

type Template = (typeof MESSAGE_TEMPLATES)[number];
type Channel = (typeof TELL_CHANNELS)[number];

/** The template that says where the ticket stands: ready, waiting for the customer's yes, or
 * (for work still on the bench) in progress with its promised date. Defaulting to "ready"
 * offered a ready-for-pickup message for a device still in diagnosis. */
export function templateForStatus(status: string): Template {
  if (status === 'ready' || status === 'collected') return 'ready';
  if (status === 'awaiting_approval') return 'awaiting_approval';
  return 'progress';
}

/** A message from the shop's template, copied into whatever the shop uses; what was told is recorded. */
export function MessagesCard({ ticketId, status }: { ticketId: number; status: string }) {
  const { t, i18n } = useTranslation();
  const [template, setTemplate] = useState<Template>(() => templateForStatus(status));
  const [lang, setLang] = useState<'en' | 'zh'>(i18n.language === 'zh' ? 'zh' : 'en');
  const [channel, setChannel] = useState<Channel>('sms');
  const [edited, setEdited] = useState<string | null>(null);
  const composed = useQuery({
    queryKey: ['tickets', 'messages', 'compose', ticketId, template, lang],
    queryFn: () => call('messages.compose', { ticketId, template, lang }),
  });
  const history = useQuery({
    queryKey: pickupKeys.messages(ticketId),
    queryFn: () => call('messages.list', { ticketId }),
  });
  const record = usePickupCall('messages.record');
  const text = edited ?? composed.data?.text ?? '';
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="messages-card">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('pickup.desk.messages')}
        </Text>
        <Group gap="xs">
          <Select
            w={180}
            aria-label={t('pickup.messages.template')}
            data={MESSAGE_TEMPLATES.map((m) => ({
              value: m,
              label: t(`pickup.messages.templates.${m}`),
            }))}
            value={template}
            onChange={(v) => {
              if (v) setTemplate(v as Template);
              setEdited(null);
            }}
            allowDeselect={false}
            data-testid="messages-template"
          />
          <SegmentedControl
            size="xs"
            value={lang}
            onChange={(v) => {
              setLang(v as 'en' | 'zh');
              setEdited(null);
            }}
            data={[
              { value: 'en', label: 'EN' },
              { value: 'zh', label: '中文' },
            ]}
          />
        </Group>
        <Textarea
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setEdited(e.currentTarget.value)}
          data-testid="message-text"
        />
        <Group gap="xs">
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'light' : 'default'}
                color={copied ? 'teal' : undefined}
                onClick={copy}
                data-testid="message-copy"
              >
                {copied ? t('pickup.messages.copied') : t('pickup.messages.copy')}
              </Button>
            )}
          </CopyButton>
          <Select
            w={130}
            size="xs"
            aria-label={t('pickup.messages.channel')}
            data={TELL_CHANNELS.map((c) => ({
              value: c,
              label: t(`pickup.messages.channels.${c}`),
            }))}
            value={channel}
            onChange={(v) => v && setChannel(v as Channel)}
            allowDeselect={false}
          />
          <Button
            size="xs"
            loading={record.isPending}
            disabled={!text}
            onClick={() =>
              void record
                .run({ ticketId, template, lang, text, channel })
                .then(() => setEdited(null))
            }
            data-testid="message-record"
          >
            {t('pickup.messages.record')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('pickup.messages.history')}
        </Text>
        {(history.data ?? []).length === 0 && (
          <Text size="xs" c="dimmed">
            {t('pickup.messages.none')}
          </Text>
        )}
        {(history.data ?? []).map((m) => (
          <Text size="xs" key={m.id} data-testid="message-told">
            {fmtDateTime(m.at)} · {t(`pickup.messages.channels.${m.channel}`)} · {m.staffName}:{' '}
            {m.text}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
