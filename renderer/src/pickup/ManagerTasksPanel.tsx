import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ManagerTaskDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { fmtDateTime } from '../common/format';
import { QueryState } from '../common/QueryState';
import { PanelHeader } from './PanelHeader';
import { pickupKeys, usePickupCall } from './pickupApi';
import { LoadMore, useKeysetList } from '../api/useKeysetList';

/** Done tasks grow forever: a page at a time, newest first. */
const PAGE = 50;

function TaskCard({ task }: { task: ManagerTaskDto }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState('');
  const [outcome, setOutcome] = useState('');
  const resolve = usePickupCall('managerTasks.resolve');
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-testid="manager-task"
      data-overdue={task.overdue ? 'true' : 'false'}
      bg={task.overdue ? 'var(--mantine-color-red-light)' : undefined}
      style={task.overdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
    >
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          {task.overdue && (
            <Badge
              color="red"
              leftSection={<IconAlertTriangle size={12} />}
              data-testid="task-overdue"
            >
              {t('pickup.tasks.overdue')}
            </Badge>
          )}
          <Text fw={600} size="sm" ff="monospace">
            {task.ticketNumber}
          </Text>
          <Text size="sm">
            {task.customerName} · {task.customerPhone}
          </Text>
        </Group>
        <Text size="xs" c={task.overdue ? 'red' : 'dimmed'} fw={task.overdue ? 700 : 400}>
          {t('pickup.tasks.dueAt', { at: fmtDateTime(task.dueAt) })}
        </Text>
      </Group>
      <Text size="sm" mb="xs">
        {task.summary
          .split(' · ')
          .map((part) => t(`pickup.satisfaction.${part}`, { defaultValue: part }))
          .join(' · ')}
      </Text>
      {task.status === 'open' ? (
        <Stack gap={6}>
          <Group grow align="flex-start">
            <Textarea
              label={t('pickup.tasks.plan')}
              autosize
              minRows={2}
              value={plan}
              onChange={(e) => setPlan(e.currentTarget.value)}
              data-testid="task-plan"
            />
            <Textarea
              label={t('pickup.tasks.outcome')}
              autosize
              minRows={2}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
              data-testid="task-outcome"
            />
          </Group>
          <Button
            size="xs"
            style={{ alignSelf: 'flex-end' }}
            disabled={!plan.trim() || !outcome.trim()}
            loading={resolve.isPending}
            onClick={() => void resolve.run({ id: task.id, version: task.version, plan, outcome })}
            data-testid="task-resolve"
          >
            {t('pickup.tasks.resolve')}
          </Button>
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {task.plan} → {task.outcome} ·{' '}
          {t('pickup.tasks.doneBy', { name: task.doneBy ?? '', at: fmtDateTime(task.doneAt ?? 0) })}
        </Text>
      )}
    </Paper>
  );
}

/** Neutral or dissatisfied customers reach a manager within the hour (DOMAIN step 11). */
export function ManagerTasksPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<'open' | 'done'>('open');
  const open = useQuery({
    queryKey: pickupKeys.tasks('open'),
    queryFn: () => call('managerTasks.list', { view: 'open' }),
    refetchInterval: 30_000,
    // Overdue is decided by the shop's clock: opening the tab always asks again.
    refetchOnMount: 'always',
    enabled: view === 'open',
  });
  const done = useKeysetList({
    queryKey: [...pickupKeys.tasks('done'), 'pages'],
    page: (after: { at: number; id: number } | undefined) =>
      call('managerTasks.list', { view: 'done', after, limit: PAGE }),
    cursorOf: (task) => ({ at: task.doneAt ?? 0, id: task.id }),
    pageSize: PAGE,
    enabled: view === 'done',
  });
  const q = view === 'open' ? open : { ...done, data: done.data ? done.rows : undefined };
  return (
    <Stack gap="sm" data-testid="manager-tasks-panel">
      <PanelHeader title={t('pickup.tasks.title')} subtitle={t('pickup.tasks.subtitle')}>
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as 'open' | 'done')}
          data={(['open', 'done'] as const).map((v) => ({
            value: v,
            label: t(`pickup.tasks.views.${v}`),
          }))}
        />
      </PanelHeader>
      <QueryState query={q} empty={t('pickup.tasks.empty')}>
        {(rows) => rows.map((task) => <TaskCard key={`${task.id}-${task.version}`} task={task} />)}
      </QueryState>
      {view === 'done' && <LoadMore list={done} testId="tasks-more" />}
    </Stack>
  );
}
