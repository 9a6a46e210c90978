import { useState, type RefObject } from 'react';
import { ActionIcon, Badge, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconBarcode } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { STATUS_COLORS, fmtDateTime, fmtRelative } from '../common/format';

/** "Is my phone ready?": type or scan a ticket number. The answer stays live: a move made at
 * another station (ticket.updated) refreshes it (shell/events.ts invalidates ['progress']). */
export function ProgressLookup({ inputRef }: { inputRef?: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const m = useQuery({
    queryKey: ['progress', asked],
    queryFn: () => call('tickets.progress', { number: asked! }),
    enabled: asked !== null,
    retry: false,
  });
  const submit = () => {
    const n = number.trim();
    if (!n) return;
    if (n === asked) void m.refetch();
    else setAsked(n);
  };
  const p = m.data;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="progress-box">
      <Title order={6} mb={6}>
        {t('progress.title')}
      </Title>
      <TextInput
        ref={inputRef}
        size="sm"
        placeholder={t('progress.placeholder')}
        leftSection={<IconBarcode size={16} />}
        value={number}
        onChange={(e) => setNumber(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            submit();
          }
        }}
        error={m.isError ? errorText(t, m.error) : undefined}
        data-testid="progress-input"
        rightSection={
          <ActionIcon variant="subtle" onClick={submit} aria-label={t('progress.lookup')} loading={m.isFetching}>
            <IconArrowRight size={16} />
          </ActionIcon>
        }
      />
      {p && !m.isError && (
        <Stack gap={4} mt="xs" data-testid="progress-result">
          <Group justify="space-between">
            <Text fw={700} ff="monospace">
              {p.number}
            </Text>
            <Badge color={STATUS_COLORS[p.status] ?? 'gray'} data-testid="progress-status">
              {t(`status.${p.status}`)}
            </Badge>
          </Group>
          <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
            <Text size="xs" c="dimmed">
              {t('progress.promised')}
            </Text>
            <Text size="xs">{fmtDateTime(p.promisedAt)}</Text>
            <Text size="xs" c="dimmed">
              {t('progress.lastUpdate')}
            </Text>
            <Text size="xs">
              {fmtRelative(p.lastUpdateAt)}
              {p.lastEvent ? ` · ${t(`timeline.${p.lastEvent}`, { defaultValue: p.lastEvent })}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {t('progress.device')}
            </Text>
            <Text size="xs">{p.deviceLabel}</Text>
            <Text size="xs" c="dimmed">
              {t('progress.customer')}
            </Text>
            <Text size="xs">{p.customerName}</Text>
          </SimpleGrid>
        </Stack>
      )}
    </Paper>
  );
}
