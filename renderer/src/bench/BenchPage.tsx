import { useState } from 'react';
import { Alert, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconLayoutKanban, IconList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEVICE_TYPES } from '../../../main/api/schemas/common';
import type { BenchTicket } from '../../../main/api/contract';
import { useSession } from '../auth/session';
import { ErrorText } from '../common/ErrorText';
import { useNav } from '../shell/nav';
import {
  useBenchList,
  useBenchQueue,
  useStaffList,
  type BoardView,
  type QueueFilters,
  type QueueView,
} from './benchApi';
import { BenchBoard } from './BenchBoard';
import { BenchList } from './BenchList';
import { ReassignModal, type AssignTarget } from './ReassignModal';

type Layout = 'board' | 'list';
const LAYOUT_KEY = 'workstation.bench.layout';

/** The bench: every open ticket by status (board, each column paged on its own) or by due time
 * (list, paged), with live updates. */
export function BenchPage() {
  const { t } = useTranslation();
  const nav = useNav();
  const { can } = useSession();
  const isManager = can('bench.assign');
  const [layout, setLayoutState] = useState<Layout>(() =>
    localStorage.getItem(LAYOUT_KEY) === 'list' ? 'list' : 'board',
  );
  const [view, setView] = useState<QueueView>('all');
  const [technicianId, setTechnician] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [deviceType, setDeviceType] = useState<string | null>(null);
  const [reassign, setReassign] = useState<AssignTarget | null>(null);
  const staff = useStaffList();

  const [listPage, setListPage] = useState(1);
  const showList = layout === 'list' || view === 'overdue';
  const filters: QueueFilters = {
    view: view === 'overdue' ? 'all' : (view as BoardView),
    technicianId: technicianId ? Number(technicianId) : undefined,
    priority: (priority as QueueFilters['priority']) ?? undefined,
    deviceType: deviceType ?? undefined,
  };
  // Only the layout on screen is fetched; each is paged by the server (never "the first N").
  const board = useBenchQueue(filters, !showList);
  const list = useBenchList({ ...filters, view }, listPage, showList);
  const q = showList ? list : board;
  const total = showList
    ? (list.data?.total ?? 0)
    : (board.data?.columns ?? []).reduce((n, c) => n + c.total, 0);
  // Any change of filter starts the list from its first page.
  const narrow =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setListPage(1);
    };
  const setLayout = (l: Layout) => {
    localStorage.setItem(LAYOUT_KEY, l);
    setLayoutState(l);
  };
  const views: QueueView[] = isManager
    ? ['mine', 'unassigned', 'all', 'overdue']
    : ['mine', 'unassigned', 'all'];

  return (
    <Stack gap="sm" data-testid="bench-page">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={3}>{t('bench.title')}</Title>
          <Text size="sm" c="dimmed">
            {view === 'overdue'
              ? t('bench.overdueSubtitle')
              : showList
                ? t('bench.subtitle')
                : t('benchBoard.subtitle')}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {q.isFetching && <Loader size="xs" />}
          <Text size="sm" c="dimmed" data-testid="bench-total">
            {view === 'overdue'
              ? t('benchBoard.overdueTotal', { count: total })
              : t('bench.total', { count: total })}
          </Text>
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={view}
          onChange={(v) => narrow(setView)(v as QueueView)}
          data={views.map((v) => ({
            value: v,
            label: <span data-testid={`bench-view-${v}`}>{t(`bench.view.${v}`)}</span>,
          }))}
        />
        <SegmentedControl
          value={showList ? 'list' : 'board'}
          onChange={(v) => setLayout(v as Layout)}
          disabled={view === 'overdue'}
          data={[
            {
              value: 'board',
              label: (
                <Group gap={4} wrap="nowrap" data-testid="bench-layout-board">
                  <IconLayoutKanban size={14} />
                  {t('bench.board')}
                </Group>
              ),
            },
            {
              value: 'list',
              label: (
                <Group gap={4} wrap="nowrap" data-testid="bench-layout-list">
                  <IconList size={14} />
                  {t('bench.list')}
                </Group>
              ),
            },
          ]}
        />
        <Select
          w={180}
          placeholder={t('bench.anyTechnician')}
          aria-label={t('bench.technician')}
          clearable
          value={technicianId}
          onChange={narrow(setTechnician)}
          data={(staff.data ?? [])
            .filter((s) => s.role === 'technician' || s.role === 'manager')
            .map((s) => ({ value: String(s.id), label: s.name }))}
          data-testid="bench-filter-technician"
        />
        <Select
          w={140}
          placeholder={t('bench.anyPriority')}
          aria-label={t('bench.priority')}
          clearable
          value={priority}
          onChange={narrow(setPriority)}
          data={['emergency', 'urgent', 'normal'].map((p) => ({
            value: p,
            label: t(`priority.${p}`),
          }))}
          data-testid="bench-filter-priority"
        />
        <Select
          w={140}
          placeholder={t('bench.anyDevice')}
          aria-label={t('bench.device')}
          clearable
          value={deviceType}
          onChange={narrow(setDeviceType)}
          data={DEVICE_TYPES.map((d) => ({ value: d, label: t(`deviceType.${d}`) }))}
          data-testid="bench-filter-device"
        />
      </Group>
      {q.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          <ErrorText err={q.error} />
        </Alert>
      )}
      {showList ? (
        <BenchList
          rows={list.data?.rows ?? []}
          total={list.data?.total ?? 0}
          page={listPage}
          onPage={setListPage}
          loading={list.isLoading}
          onOpen={nav.openBench}
          onReassign={isManager ? (r: BenchTicket) => setReassign(r) : undefined}
        />
      ) : (
        board.data && (
          <BenchBoard columns={board.data.columns} filters={filters} onOpen={nav.openBench} />
        )
      )}
      <ReassignModal target={reassign} onClose={() => setReassign(null)} />
    </Stack>
  );
}
