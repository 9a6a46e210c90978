import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES } from '../../../main/api/schemas/common';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { PRIORITY_COLORS, STATUS_COLORS, fmtDateTime, fmtRelative } from '../common/format';
import { useNav } from '../shell/nav';

/** The open-ticket queue, earliest promise first; overdue rows stand out. */
export function BenchPage() {
  const { t } = useTranslation();
  const nav = useNav();
  const q = useQuery({
    queryKey: ['tickets', 'list', 'open'],
    queryFn: () => call('tickets.list', { statuses: [...OPEN_STATUSES], limit: 200 }),
    refetchInterval: 60_000,
  });
  const now = Date.now();
  return (
    <Stack gap="sm" data-testid="bench-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('bench.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('bench.subtitle')}
          </Text>
        </div>
        {q.data && (
          <Text size="sm" c="dimmed">
            {t('bench.total', { count: q.data.total })}
          </Text>
        )}
      </Group>
      {q.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {errorText(t, q.error)}
        </Alert>
      )}
      <DataTable
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        minHeight={200}
        maxHeight="calc(100vh - 190px)"
        fetching={q.isLoading}
        records={q.data?.rows ?? []}
        noRecordsText={t('bench.empty')}
        onRowClick={({ record }) => nav.openTicket(record.id)}
        rowStyle={(r) => (r.promisedAt < now ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-red-6)' } : undefined)}
        idAccessor="id"
        columns={[
          {
            accessor: 'number',
            title: t('bench.number'),
            width: 130,
            render: (r) => (
              <Group gap={4} wrap="nowrap">
                <Text size="sm" fw={600} ff="monospace">
                  {r.number}
                </Text>
                {r.isRepeat && (
                  <Badge size="xs" color="red" variant="filled">
                    {t('warranty.repeatShort')}
                  </Badge>
                )}
              </Group>
            ),
          },
          {
            accessor: 'priority',
            title: t('bench.priority'),
            width: 100,
            render: (r) => (
              <Badge size="sm" variant={r.priority === 'emergency' ? 'filled' : 'light'} color={PRIORITY_COLORS[r.priority]}>
                {t(`priority.${r.priority}`)}
              </Badge>
            ),
          },
          { accessor: 'customerName', title: t('bench.customer'), width: 140, ellipsis: true },
          { accessor: 'deviceLabel', title: t('bench.device'), width: 180, ellipsis: true },
          { accessor: 'problem', title: t('bench.problem'), ellipsis: true },
          {
            accessor: 'status',
            title: t('bench.status'),
            width: 180,
            render: (r) => (
              <Badge size="sm" color={STATUS_COLORS[r.status] ?? 'gray'} variant="light">
                {t(`status.${r.status}`)}
              </Badge>
            ),
          },
          {
            accessor: 'promisedAt',
            title: t('bench.promised'),
            width: 170,
            render: (r) => (
              <div>
                <Text size="sm" c={r.promisedAt < now ? 'red' : undefined} fw={r.promisedAt < now ? 600 : undefined}>
                  {fmtDateTime(r.promisedAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.promisedAt < now ? `${t('bench.overdue')} · ` : ''}
                  {fmtRelative(r.promisedAt)}
                </Text>
              </div>
            ),
          },
        ]}
      />
    </Stack>
  );
}
