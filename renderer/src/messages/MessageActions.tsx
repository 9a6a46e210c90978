import { useState } from 'react';
import { Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconRefresh, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../../main/api/contract-messages';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { ReasonModal } from '../bench/detail/ReasonModal';
import { useOutboxAction } from './messagesApi';

/** Retry (failed, uncertain), cancel with a reason (anything not yet sent), mark a manual one sent. */
export function MessageActions({ m }: { m: OutboxRow }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { busy, run } = useOutboxAction();
  const [asking, setAsking] = useState(false);
  if (!can('message.manage')) return null;
  const open = m.state === 'queued' || m.state === 'failed' || m.state === 'uncertain';
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {(m.state === 'failed' || m.state === 'uncertain') && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconRefresh size={12} />}
          loading={busy === m.id}
          onClick={() => void run(m.id, () => call('outbox.retry', { id: m.id }), t('msg.retried'))}
          data-testid={`message-retry-${m.id}`}
        >
          {t('msg.retry')}
        </Button>
      )}
      {open && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          leftSection={<IconX size={12} />}
          onClick={() => setAsking(true)}
          data-testid={`message-cancel-${m.id}`}
        >
          {t('msg.cancel')}
        </Button>
      )}
      {/* Mounted only while asking: one dialog on the page, not one per row. */}
      {asking && (
        <ReasonModal
          title={t('msg.cancelTitle')}
          opened
          busy={busy === m.id}
          onClose={() => setAsking(false)}
          onConfirm={(reason) =>
            void run(
              m.id,
              () => call('outbox.cancel', { id: m.id, reason }),
              t('msg.cancelled'),
            ).then((ok) => ok && setAsking(false))
          }
        />
      )}
    </Group>
  );
}

/** A manual (WeChat…) message: the text ready to copy, and "mark as sent" once it went out. */
export function ManualText({ m }: { m: OutboxRow }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { busy, run } = useOutboxAction();
  return (
    <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-default-hover)">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('msg.manualTitle')} · {t('msg.to', { to: m.to })}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`message-text-${m.id}`}>
          {m.text}
        </Text>
        <Group gap={6}>
          <CopyButton value={m.text}>
            {({ copied, copy }) => (
              <Button
                size="compact-xs"
                variant={copied ? 'light' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                onClick={copy}
                data-testid={`message-copy-${m.id}`}
              >
                {copied ? t('msg.copied') : t('msg.copy')}
              </Button>
            )}
          </CopyButton>
          {can('message.confirm') && (
            <Button
              size="compact-xs"
              color="teal"
              leftSection={<IconCheck size={12} />}
              loading={busy === m.id}
              onClick={() =>
                void run(
                  m.id,
                  () => call('outbox.confirmManual', { id: m.id }),
                  t('msg.markedSent'),
                )
              }
              data-testid={`message-mark-sent-${m.id}`}
            >
              {t('msg.markSent')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
