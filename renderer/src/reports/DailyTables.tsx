import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CountBy, DailyReport } from '../../../main/api/contract';
import { fmtDateTime } from '../common/format';
import { one } from './Stat';

const Num = ({ v }: { v: number | string }) => <Table.Td ta="right">{v}</Table.Td>;

/** The row a table shows when the day had none. */
export function Empty({ cols }: { cols: number }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td colSpan={cols}>
        <Text size="sm" c="dimmed">
          {t('reports.daily.none')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function CategoryTable({ rows }: { rows: CountBy[] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid="daily-by-category">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.daily.category')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.received')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length ? (
          rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{t(`category.${r.key}`)}</Table.Td>
              <Num v={r.count} />
            </Table.Tr>
          ))
        ) : (
          <Empty cols={2} />
        )}
      </Table.Tbody>
    </Table>
  );
}

export function DeviceTypeTable({ r }: { r: DailyReport['tickets'] }) {
  const { t } = useTranslation();
  const keys = [
    ...new Set(
      [...r.receivedByDeviceType, ...r.completedByDeviceType, ...r.collectedByDeviceType].map(
        (c) => c.key,
      ),
    ),
  ];
  const of = (l: CountBy[], k: string) => l.find((c) => c.key === k)?.count ?? 0;
  return (
    <Table striped withTableBorder data-testid="daily-by-device">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.daily.deviceType')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.received')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.completed')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.collected')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.length ? (
          keys.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{t(`deviceType.${k}`)}</Table.Td>
              <Num v={of(r.receivedByDeviceType, k)} />
              <Num v={of(r.completedByDeviceType, k)} />
              <Num v={of(r.collectedByDeviceType, k)} />
            </Table.Tr>
          ))
        ) : (
          <Empty cols={4} />
        )}
      </Table.Tbody>
    </Table>
  );
}

export function DeadlineTable({
  d,
  onOpen,
}: {
  d: DailyReport['deadlines'];
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover withTableBorder data-testid="daily-deadlines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.daily.ticket')}</Table.Th>
          <Table.Th>{t('reports.daily.status')}</Table.Th>
          <Table.Th>{t('reports.daily.device')}</Table.Th>
          <Table.Th>{t('reports.daily.customer')}</Table.Th>
          <Table.Th>{t('reports.daily.technician')}</Table.Th>
          <Table.Th>{t('reports.daily.due')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {d.rows.length ? (
          d.rows.map((row) => (
            <Table.Tr key={row.id} onClick={() => onOpen(row.id)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Badge variant="light" color={row.overdue ? 'red' : 'orange'} radius="sm">
                  {row.number}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`status.${row.status}`)}</Table.Td>
              <Table.Td>{row.deviceLabel}</Table.Td>
              <Table.Td>{row.customerName}</Table.Td>
              <Table.Td>{row.assignee ?? '–'}</Table.Td>
              <Table.Td>{fmtDateTime(row.dueAt)}</Table.Td>
            </Table.Tr>
          ))
        ) : (
          <Empty cols={6} />
        )}
      </Table.Tbody>
    </Table>
  );
}

export function QcFailTable({ q }: { q: DailyReport['quality'] }) {
  const { t } = useTranslation();
  if (!q.failed.length) return null;
  return (
    <Table withTableBorder data-testid="daily-qc-fails">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.daily.ticket')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.score')}</Table.Th>
          <Table.Th>{t('reports.daily.inspector')}</Table.Th>
          <Table.Th>{t('reports.daily.feedback')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.failed.map((f) => (
          <Table.Tr key={f.number}>
            <Table.Td>{f.number}</Table.Td>
            <Num v={f.total} />
            <Table.Td>{f.inspector}</Table.Td>
            <Table.Td>{f.feedback}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function TechnicianTable({ rows }: { rows: DailyReport['technicians'] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid="daily-technicians">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.daily.technician')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.completed')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.hours')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.checks')}</Table.Th>
          <Table.Th ta="right">{t('reports.daily.qcAverage')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length ? (
          rows.map((r) => (
            <Table.Tr key={r.staffId}>
              <Table.Td>{r.name}</Table.Td>
              <Num v={r.completed} />
              <Num v={(r.minutes / 60).toFixed(1)} />
              <Num v={r.qcCount} />
              <Num v={one(r.qcAverage)} />
            </Table.Tr>
          ))
        ) : (
          <Empty cols={5} />
        )}
      </Table.Tbody>
    </Table>
  );
}
