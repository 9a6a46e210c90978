import { useState } from 'react';
import { Badge, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { CallbacksPanel } from './CallbacksPanel';
import { ComplaintsPanel } from './ComplaintsPanel';
import { ManagerTasksPanel } from './ManagerTasksPanel';
import { PickupDesk } from './PickupDesk';
import { RmaPanel } from './RmaPanel';
import { pickupKeys } from './pickupApi';

type Tab = 'desk' | 'callbacks' | 'tasks' | 'complaints' | 'returns';

/** The counter's after-sales screen: pickup, callbacks, manager tasks, complaints, returns. */
export function PickupPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const manager = can('followup.manage');
  const desk = can('pickup.take');
  const follow = can('followup.work');
  const [tab, setTab] = useState<Tab>(desk ? 'desk' : 'callbacks');
  const due = useQuery({
    queryKey: pickupKeys.callbacks('due'),
    queryFn: () => call('callbacks.queue', { view: 'due' }),
    enabled: can('followup.work'),
    refetchInterval: 60_000,
  });
  const tasks = useQuery({
    queryKey: pickupKeys.tasks('open'),
    queryFn: () => call('managerTasks.list', { view: 'open' }),
    enabled: manager,
    refetchInterval: 30_000,
  });
  const overdueCallbacks = (due.data ?? []).filter((c) => c.overdue).length;
  const overdueTasks = (tasks.data ?? []).filter((x) => x.overdue).length;
  const count = (n: number, red: number) =>
    n > 0 ? (
      <Badge
        size="xs"
        circle={n < 10}
        color={red > 0 ? 'red' : 'gray'}
        variant={red > 0 ? 'filled' : 'light'}
      >
        {n}
      </Badge>
    ) : null;
  return (
    <Stack gap="sm" data-testid="pickup-page">
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List>
          {desk && (
            <Tabs.Tab value="desk" data-testid="tab-desk">
              {t('pickup.tabs.desk')}
            </Tabs.Tab>
          )}
          {follow && (
            <Tabs.Tab
              value="callbacks"
              rightSection={count(due.data?.length ?? 0, overdueCallbacks)}
              data-testid="tab-callbacks"
            >
              {t('pickup.tabs.callbacks')}
            </Tabs.Tab>
          )}
          {manager && (
            <Tabs.Tab
              value="tasks"
              rightSection={count(tasks.data?.length ?? 0, overdueTasks)}
              data-testid="tab-tasks"
            >
              {t('pickup.tabs.tasks')}
            </Tabs.Tab>
          )}
          {follow && (
            <Tabs.Tab value="complaints" data-testid="tab-complaints">
              {t('pickup.tabs.complaints')}
            </Tabs.Tab>
          )}
          {follow && (
            <Tabs.Tab value="returns" data-testid="tab-returns">
              {t('pickup.tabs.returns')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="desk" pt="sm">
          <PickupDesk />
        </Tabs.Panel>
        <Tabs.Panel value="callbacks" pt="sm">
          <CallbacksPanel />
        </Tabs.Panel>
        {manager && (
          <Tabs.Panel value="tasks" pt="sm">
            <ManagerTasksPanel />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="complaints" pt="sm">
          <ComplaintsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="returns" pt="sm">
          <RmaPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
