import { useState } from 'react';
import {
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PrintJobDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { deviceTextOf } from './device-text';
import { QueryError } from '../common/QueryState';

const STATUS_COLOR: Record<string, string> = {
  queued: 'blue',
  printing: 'cyan',
  done: 'teal',
  failed: 'red',
  uncertain: 'orange',
};

const jobsQuery = (status: PrintJobDto['status'], limit = 50) => ({
  queryKey: ['printJobs', 'list', status, limit],
  queryFn: () => call('printJobs.list', { status: status as 'queued', limit }),
});

function JobRow({ job }: { job: PrintJobDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, ok?: string) => {
    setBusy(true);
    try {
      await fn();
      if (ok) notifications.show({ color: 'teal', message: ok });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: ['printJobs'] });
    }
  };
  const manage = can('print.manage');
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      data-testid={`print-job-${job.id}`}
      data-status={job.status}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              #{job.id} · {t(`hardware.jobKind.${job.kind}`, { defaultValue: job.kind })}
            </Text>
            <Badge size="xs" variant="light" color={STATUS_COLOR[job.status] ?? 'gray'}>
              {t(`printQueue.status.${job.status}`, { defaultValue: job.status })}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {dayjs(job.createdAt).format('YYYY-MM-DD HH:mm')}
            {job.attempts > 0 && ` · ${t('printQueue.attempts', { count: job.attempts })}`}
            {job.reprintOf ? ` · ${t('printQueue.reprintOf', { id: job.reprintOf })}` : ''}
          </Text>
          {job.lastError && job.status !== 'done' && (
            <Text size="xs" c={job.status === 'queued' ? 'dimmed' : 'red'} lineClamp={2}>
              {deviceTextOf(t, job.lastError)}
            </Text>
          )}
        </Stack>
        {manage && job.status === 'done' && (
          <Button
            size="compact-xs"
            variant="light"
            loading={busy}
            onClick={() =>
              void act(() => call('printJobs.reprint', { id: job.id }), t('printQueue.reprinted'))
            }
          >
            {t('printQueue.reprint')}
          </Button>
        )}
        {manage && job.status === 'failed' && (
          <Button
            size="compact-xs"
            variant="light"
            loading={busy}
            onClick={() =>
              void act(() => call('printJobs.resolve', { id: job.id, printed: false }))
            }
          >
            {t('printQueue.retry')}
          </Button>
        )}
      </Group>
      {manage && job.status === 'uncertain' && (
        <Stack gap={4} mt={6}>
          <Text size="xs">{t('printQueue.didItPrint')}</Text>
          <Group gap={6}>
            <Button
              size="compact-xs"
              color="teal"
              variant="light"
              loading={busy}
              onClick={() =>
                void act(() => call('printJobs.resolve', { id: job.id, printed: true }))
              }
              data-testid={`job-printed-${job.id}`}
            >
              {t('printQueue.yesPrinted')}
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              loading={busy}
              onClick={() =>
                void act(() => call('printJobs.resolve', { id: job.id, printed: false }))
              }
              data-testid={`job-again-${job.id}`}
            >
              {t('printQueue.noAgain')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function Section({ title, jobs }: { title: string; jobs: PrintJobDto[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Title order={6}>
        {title} ({jobs.length})
      </Title>
      {jobs.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('printQueue.empty')}
        </Text>
      ) : (
        jobs.map((j) => <JobRow key={j.id} job={j} />)
      )}
    </Stack>
  );
}

/** Failed and interrupted jobs first (with "did it print?"), then what waits, then the last
 * printed ones (reprint on demand, audited). */
export function PrintQueuePanel() {
  const { t } = useTranslation();
  const failed = useQuery(jobsQuery('failed'));
  const uncertain = useQuery(jobsQuery('uncertain'));
  const queued = useQuery(jobsQuery('queued'));
  const printing = useQuery(jobsQuery('printing'));
  const done = useQuery(jobsQuery('done', 15));
  const attention = [...(uncertain.data ?? []), ...(failed.data ?? [])].sort((a, b) => b.id - a.id);
  // A refused or failed read is said, not drawn as three empty sections.
  const broken = [failed, uncertain, queued, printing, done].find((q) => q.isError);
  if (broken)
    return (
      <Stack gap="md" data-testid="print-queue-panel">
        <QueryError error={broken.error} onRetry={() => void broken.refetch()} />
      </Stack>
    );
  return (
    <Stack gap="md" data-testid="print-queue-panel">
      <Section title={t('printQueue.attention')} jobs={attention} />
      <Section
        title={t('printQueue.waiting')}
        jobs={[...(printing.data ?? []), ...(queued.data ?? [])]}
      />
      <Section title={t('printQueue.printed')} jobs={done.data ?? []} />
    </Stack>
  );
}

/** The header badge: jobs waiting (orange), jobs needing a person (red); opens the queue. */
export function PrintQueueButton() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const enabled = can('print.read');
  const queued = useQuery({
    queryKey: ['printJobs', 'queued', 'count'],
    queryFn: () => call('printJobs.count', { status: 'queued' }),
    enabled,
    refetchInterval: 30_000,
  });
  const failed = useQuery({
    queryKey: ['printJobs', 'failed', 'count'],
    queryFn: () => call('printJobs.count', { status: 'failed' }),
    enabled,
  });
  const uncertain = useQuery({
    queryKey: ['printJobs', 'uncertain', 'count'],
    queryFn: () => call('printJobs.count', { status: 'uncertain' }),
    enabled,
  });
  const n = queued.data?.count ?? 0;
  const attention = (failed.data?.count ?? 0) + (uncertain.data?.count ?? 0);
  return (
    <>
      <Tooltip label={t('app.printQueueCount', { count: n })}>
        <UnstyledButton
          onClick={() => setOpen(true)}
          aria-label={t('printQueue.open')}
          data-testid="print-queue-open"
        >
          <Badge
            variant={n || attention ? 'light' : 'default'}
            color={attention ? 'red' : n ? 'orange' : 'gray'}
            size="lg"
            leftSection={<IconPrinter size={14} />}
            data-testid="print-queue-count"
            data-attention={attention}
            aria-label={t('app.printQueue')}
            style={{ cursor: 'pointer' }}
          >
            {attention ? `${n} · ${attention}!` : n}
          </Badge>
        </UnstyledButton>
      </Tooltip>
      <Drawer
        opened={open}
        onClose={() => setOpen(false)}
        position="right"
        size="md"
        title={t('printQueue.title')}
      >
        {open && <PrintQueuePanel />}
      </Drawer>
    </>
  );
}
