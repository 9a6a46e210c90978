import { Badge, Button, Group, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { BenchTicket } from '../../../main/api/contract';
import { PRIORITY_COLORS, STATUS_COLORS, fmtDateTime, fmtRelative } from '../common/format';
import { LIST_PAGE } from './benchApi';
import { TicketFlags, accentColor } from './TicketFlags';

/** The queue as a table by due time, paged by the server; managers get a Reassign action per row. */
export function BenchList({
  rows,
  total,
  page,
  onPage,
  loading,
  onOpen,
  onReassign,
}: {
  rows: BenchTicket[];
  total: number;
  page: number;
  onPage(page: number): void;
  loading: boolean;
  onOpen(id: number): void;
  onReassign?: (ticket: BenchTicket) => void;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      withTableBorder
      borderRadius="sm"
      striped
      highlightOnHover
      minHeight={200}
      maxHeight="calc(100vh - 230px)"
      fetching={loading}
      records={rows}
      totalRecords={total}
      recordsPerPage={LIST_PAGE}
      page={page}
      onPageChange={onPage}
      paginationText={({ from, to, totalRecords }) =>
        t('benchBoard.range', { from, to, total: totalRecords })
      }
      noRecordsText={t('bench.empty')}
      onRowClick={({ record }) => onOpen(record.id)}
      rowStyle={(r) => {
        const accent = accentColor(r);
        return accent ? { boxShadow: `inset 4px 0 0 ${accent}` } : undefined;
      }}
      idAccessor="id"
      data-testid="bench-list"
      columns={[
        {
          accessor: 'number',
          title: t('bench.number'),
          width: 110,
          render: (r) => (
            <Text size="sm" fw={600} ff="monospace" data-testid={`bench-row-${r.number}`}>
              {r.number}
            </Text>
          ),
        },
        {
          accessor: 'priority',
          title: t('bench.priority'),
          width: 90,
          render: (r) => (
            <Badge
              size="sm"
              variant={r.priority === 'emergency' ? 'filled' : 'light'}
              color={PRIORITY_COLORS[r.priority]}
            >
              {t(`priority.${r.priority}`)}
            </Badge>
          ),
        },
        { accessor: 'deviceLabel', title: t('bench.device'), width: 170, ellipsis: true },
        { accessor: 'customerName', title: t('bench.customer'), width: 120, ellipsis: true },
        {
          accessor: 'status',
          title: t('bench.status'),
          width: 170,
          render: (r) => (
            <Badge size="sm" color={STATUS_COLORS[r.status] ?? 'gray'} variant="light">
              {t(`status.${r.status}`)}
            </Badge>
          ),
        },
        {
          accessor: 'assignedTo',
          title: t('bench.assignee'),
          width: 120,
          render: (r) => r.assignedTo?.name ?? '—',
        },
        { accessor: 'flags', title: t('bench.flags'), render: (r) => <TicketFlags ticket={r} /> },
        {
          accessor: 'sla.dueAt',
          title: t('bench.due'),
          width: 150,
          render: (r) => (
            <div>
              <Text
                size="sm"
                c={r.sla.overdue ? 'red' : undefined}
                fw={r.sla.overdue ? 600 : undefined}
              >
                {fmtDateTime(r.sla.dueAt)}
              </Text>
              <Text size="xs" c="dimmed">
                {r.sla.paused ? t('sla.paused') : fmtRelative(r.sla.dueAt)}
              </Text>
            </div>
          ),
        },
        ...(onReassign
          ? [
              {
                accessor: 'actions',
                title: '',
                width: 110,
                render: (r: BenchTicket) => (
                  <Group justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={(e) => {
                        e.stopPropagation();
                        onReassign(r);
                      }}
                      data-testid={`reassign-${r.number}`}
                    >
                      {t('bench.reassign')}
                    </Button>
                  </Group>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
