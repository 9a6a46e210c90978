import { useState, type ReactNode } from 'react';
import {
  Alert,
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
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PrintJobDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { deviceTextOf } from './device-text';
import { HARDWARE_KEY } from './hardwareQuery';
import { LoadMore, useKeysetList } from '../api/useKeysetList';
import { downloadBase64 } from '../reports/reportsApi';
import { SystemPrint } from '../print/SystemPrint';
import { QueryError } from '../common/QueryState';
import { JobStation } from '../stations/JobStation';

const STATUS_COLOR: Record<string, string> = {
  queued: 'blue',
  printing: 'cyan',
  done: 'teal',
  failed: 'red',
  uncertain: 'orange',
  cancelled: 'gray',
};

/** Printed jobs grow forever: read a page at a time, newest first. */
const DONE_PAGE = 15;

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
  const [printing, setPrinting] = useState(false);
  const statusText =
    job.status === 'cancelled'
      ? t('printActions.status.cancelled')
      : t(`printQueue.status.${job.status}`, { defaultValue: job.status });
  const pdf = () =>
    act(async () => {
      const res = await call('printJobs.pdf', { id: job.id });
      downloadBase64(res.fileName, res.base64, 'application/pdf');
    });
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      data-testid={`print-job-${job.id}`}
      data-status={job.status}
    >
      <Stack gap={6}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              #{job.id} · {t(`hardware.jobKind.${job.kind}`, { defaultValue: job.kind })}
            </Text>
            <Badge size="xs" variant="light" color={STATUS_COLOR[job.status] ?? 'gray'}>
              {statusText}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {dayjs(job.createdAt).format('YYYY-MM-DD HH:mm')}
            {job.attempts > 0 && ` · ${t('printQueue.attempts', { count: job.attempts })}`}
            {job.reprintOf ? ` · ${t('printQueue.reprintOf', { id: job.reprintOf })}` : ''}
          </Text>
          {job.lastError && job.status !== 'done' && job.status !== 'cancelled' && (
            <Text size="xs" c={job.status === 'queued' ? 'dimmed' : 'red'} lineClamp={2}>
              {deviceTextOf(t, job.lastError)}
            </Text>
          )}
          <JobStation job={job} />
        </Stack>
        <Group gap={4}>
          <Tooltip label={t('printActions.pdfHint')} multiline w={240}>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconFileTypePdf size={12} />}
              loading={busy}
              onClick={() => void pdf()}
              data-testid={`job-pdf-${job.id}`}
            >
              {t('printActions.pdf')}
            </Button>
          </Tooltip>
          <Tooltip label={t('printActions.systemPrintHint')} multiline w={240}>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconPrinter size={12} />}
              onClick={() => setPrinting(true)}
              data-testid={`job-system-print-${job.id}`}
            >
              {t('printActions.systemPrint')}
            </Button>
          </Tooltip>
          {manage && (job.status === 'done' || job.status === 'cancelled') && (
            <Button
              size="compact-xs"
              variant="light"
              loading={busy}
              onClick={() =>
                void act(() => call('printJobs.reprint', { id: job.id }), t('printQueue.reprinted'))
              }
              data-testid={`job-reprint-${job.id}`}
            >
              {t('printQueue.reprint')}
            </Button>
          )}
          {manage && (job.status === 'queued' || job.status === 'failed') && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              leftSection={<IconX size={12} />}
              loading={busy}
              onClick={() =>
                void act(
                  () => call('printJobs.cancel', { id: job.id }),
                  t('printActions.cancelled'),
                )
              }
              data-testid={`job-cancel-${job.id}`}
            >
              {t('printActions.cancel')}
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
      </Stack>
      {printing && <SystemPrint doc={job.document} onDone={() => setPrinting(false)} />}
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

function Section({
  title,
  jobs,
  more,
  partial = false,
  testId,
}: {
  title: string;
  jobs: PrintJobDto[];
  more?: ReactNode;
  /** More rows exist than are loaded: the count says "15+". */
  partial?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={6}>
        {title} ({jobs.length}
        {partial ? '+' : ''})
      </Title>
      {jobs.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('printQueue.empty')}
        </Text>
      ) : (
        jobs.map((j) => <JobRow key={j.id} job={j} />)
      )}
      {more}
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
  const cancelled = useQuery(jobsQuery('cancelled', 10));
  const done = useKeysetList({
    queryKey: ['printJobs', 'list', 'done', 'pages'],
    page: (before: number | undefined) =>
      call('printJobs.list', { status: 'done', limit: DONE_PAGE, before }),
    cursorOf: (j) => j.id,
    pageSize: DONE_PAGE,
  });
  const hardware = useQuery({
    queryKey: HARDWARE_KEY,
    queryFn: () => call('hardware.list', {}),
  });
  const noPrinter =
    hardware.data && !hardware.data.devices.some((d) => d.kind !== 'scanner' && d.enabled);
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
      {noPrinter && (
        <Alert color="blue" variant="light" p="xs" data-testid="print-queue-no-printer">
          <Text size="xs">{t('printActions.noPrinterHint')}</Text>
        </Alert>
      )}
      <Section title={t('printQueue.attention')} jobs={attention} />
      <Section
        title={t('printQueue.waiting')}
        jobs={[...(printing.data ?? []), ...(queued.data ?? [])]}
      />
      <Section
        title={t('printQueue.printed')}
        jobs={done.rows}
        more={<LoadMore list={done} testId="print-queue-more" />}
        partial={done.hasNextPage}
        testId="print-queue-printed"
      />
      {(cancelled.data?.length ?? 0) > 0 && (
        <Section title={t('printActions.status.cancelled')} jobs={cancelled.data ?? []} />
      )}
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
