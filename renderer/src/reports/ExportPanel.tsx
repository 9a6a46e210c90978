import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFileExport } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExportJob } from '../../../main/api/contract';
import { EXPORT_KINDS } from '../../../main/api/schemas/reports';
import { call, subscribeEvents } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { daysAgo, today } from './reportsApi';

/** CSV export of a date range, written by the backend in pages; progress comes as events. */
export function ExportPanel() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof EXPORT_KINDS)[number]>('tickets');
  const [range, setRange] = useState<[string | null, string | null]>([daysAgo(29), today()]);
  const [job, setJob] = useState<ExportJob | null>(null);
  const start = useMutation({
    mutationFn: () =>
      call('export.start', {
        kind,
        from: range[0] ?? today(),
        to: range[1] ?? range[0] ?? today(),
      }),
    onSuccess: setJob,
  });
  useEffect(
    () =>
      subscribeEvents((name, payload) => {
        if (name !== 'export.progress') return;
        const p = payload as ExportJob;
        setJob((cur) => (cur && cur.jobId === p.jobId ? p : cur));
      }),
    [],
  );
  const running = job?.state === 'running';
  // Events move the bar; polling makes sure the end is seen even when the last event
  // arrived before the start call returned.
  const status = useQuery({
    queryKey: ['export', job?.jobId],
    queryFn: () => call('export.status', { jobId: job!.jobId }),
    enabled: running,
    refetchInterval: 500,
  });
  useEffect(() => {
    if (status.data)
      setJob((cur) =>
        cur && cur.jobId === status.data.jobId && cur.state === 'running' ? status.data : cur,
      );
  }, [status.data]);
  const value = job && job.total ? (job.done / job.total) * 100 : job?.state === 'done' ? 100 : 0;
  return (
    <Paper withBorder p="md" radius="sm" maw={640} data-testid="export-panel">
      <Stack gap="sm">
        <Title order={5}>{t('reports.export.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('reports.export.hint')}
        </Text>
        <Group align="end">
          <Select
            label={t('reports.export.kind')}
            data={EXPORT_KINDS.map((k) => ({ value: k, label: t(`reports.export.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as typeof kind)}
            allowDeselect={false}
            w={240}
            data-testid="export-kind"
          />
          <DatePickerInput
            type="range"
            label={t('reports.export.range')}
            value={range}
            onChange={(v) => setRange([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
            valueFormat="YYYY-MM-DD"
            allowSingleDateInRange
            w={240}
          />
          <Button
            leftSection={<IconFileExport size={16} />}
            onClick={() => start.mutate()}
            loading={start.isPending || running}
            disabled={!range[0]}
            data-testid="export-start"
          >
            {t('reports.export.start')}
          </Button>
        </Group>
        {start.error && (
          <Alert color="red">
            <ErrorText err={start.error} />
          </Alert>
        )}
        {job && (
          <Stack gap={4} data-testid="export-progress">
            <Progress
              value={value}
              animated={running}
              color={job.state === 'failed' ? 'red' : 'teal'}
            />
            <Text size="sm" c={job.state === 'failed' ? 'red' : undefined}>
              {job.state === 'running' &&
                t('reports.export.running', { done: job.done, total: job.total })}
              {job.state === 'done' && t('reports.export.done', { done: job.done, path: job.path })}
              {job.state === 'failed' && t('reports.export.failed', { error: job.error })}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
