import { useState } from 'react';
import { Alert, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { KpiDashboard } from '../../../main/api/contract';
import { ErrorText } from '../common/ErrorText';
import { daysAgo, today, useDashboard } from './reportsApi';
import { Stat, one, pct } from './Stat';

function ChartCard({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text size="sm" fw={600} mb="xs">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function TechTable({ rows }: { rows: KpiDashboard['technicians'] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid="kpi-technicians">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.kpi.technician')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.completed')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.medianHours')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.qcAverage')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.qcFails')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.hours')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.staffId}>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td ta="right">{r.completed}</Table.Td>
            <Table.Td ta="right">{one(r.medianHours)}</Table.Td>
            <Table.Td ta="right">{one(r.qcAverage)}</Table.Td>
            <Table.Td ta="right">{r.qcFails}</Table.Td>
            <Table.Td ta="right">{(r.minutes / 60).toFixed(1)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FaultTable({ rows }: { rows: KpiDashboard['topFaults'] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid="kpi-top-faults">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.kpi.model')}</Table.Th>
          <Table.Th>{t('reports.kpi.problem')}</Table.Th>
          <Table.Th ta="right">{t('reports.kpi.count')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.model}|${r.problem}`}>
            <Table.Td>{r.model}</Table.Td>
            <Table.Td>{r.problem}</Table.Td>
            <Table.Td ta="right">{r.count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** KPIs over a date range (30 days by default); every figure comes from one SQL aggregate. */
export function Dashboard() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string | null, string | null]>([daysAgo(29), today()]);
  const [from, to] = range[0] && range[1] ? [range[0], range[1]] : [daysAgo(29), today()];
  const q = useDashboard(from, to);
  const k = q.data;
  return (
    <Stack gap="md" data-testid="dashboard">
      <Group justify="space-between" align="end">
        <DatePickerInput
          type="range"
          label={t('reports.kpi.range')}
          value={range}
          onChange={(v) => setRange([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
          valueFormat="YYYY-MM-DD"
          maxDate={today()}
          w={260}
          data-testid="kpi-range"
        />
        {q.isFetching && <Loader size="sm" />}
      </Group>
      {q.error && (
        <Alert color="red">
          <ErrorText err={q.error} />
        </Alert>
      )}
      {k && (
        <>
          <SimpleGrid cols={{ base: 3, lg: 9 }} spacing="sm">
            <Stat label={t('reports.kpi.completed')} value={k.completed} testId="kpi-completed" />
            <Stat label={t('reports.kpi.sla')} value={pct(k.slaCompliance)} testId="kpi-sla" />
            <Stat
              label={t('reports.kpi.firstTimeFix')}
              value={pct(k.firstTimeFix)}
              testId="kpi-ftf"
            />
            <Stat
              label={t('reports.kpi.repeatRate')}
              value={pct(k.repeatRate)}
              testId="kpi-repeat"
            />
            <Stat label={t('reports.kpi.qcAverage')} value={one(k.qc.average)} testId="kpi-qc" />
            <Stat
              label={t('reports.kpi.csat')}
              value={pct(k.satisfaction?.csat ?? null)}
              testId="kpi-csat"
            />
            <Stat
              label={t('reports.kpi.nps')}
              value={one(k.satisfaction?.nps ?? null)}
              testId="kpi-nps"
            />
            <Stat
              label={t('reports.kpi.qcFailRate')}
              value={pct(k.qc.failRate)}
              testId="kpi-qc-fail"
            />
            <Stat
              label={t('outboxReport.toldWithin15')}
              value={pct(k.customersTold.share)}
              testId="kpi-told-15"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartCard title={t('reports.kpi.intake')} testId="chart-intake">
              <BarChart
                h={220}
                data={k.intakePerDay.map((d) => ({ date: d.date.slice(5), count: d.count }))}
                dataKey="date"
                series={[{ name: 'count', label: t('reports.kpi.count'), color: 'teal.6' }]}
                tickLine="y"
              />
            </ChartCard>
            <ChartCard title={t('reports.kpi.turnaround')} testId="chart-turnaround">
              <LineChart
                h={220}
                data={k.turnaround.map((d) => ({
                  date: d.date.slice(5),
                  p50: d.p50Hours,
                  p90: d.p90Hours,
                }))}
                dataKey="date"
                series={[
                  { name: 'p50', label: t('reports.kpi.p50'), color: 'teal.6' },
                  { name: 'p90', label: t('reports.kpi.p90'), color: 'orange.6' },
                ]}
                withLegend
                connectNulls
                curveType="monotone"
              />
            </ChartCard>
            <ChartCard title={t('reports.kpi.backlog')} testId="chart-backlog">
              <BarChart
                // Every status gets its label: room for each bar, and no tick skipped.
                h={Math.max(220, 26 * k.backlog.length)}
                data={k.backlog.map((b) => ({ status: t(`status.${b.key}`), count: b.count }))}
                dataKey="status"
                orientation="vertical"
                yAxisProps={{ width: 130, interval: 0 }}
                series={[{ name: 'count', label: t('reports.kpi.count'), color: 'indigo.5' }]}
              />
            </ChartCard>
            <ChartCard title={t('reports.kpi.satisfaction')} testId="kpi-satisfaction">
              <Text size="sm" c="dimmed">
                {t('reports.kpi.satisfactionDetail', {
                  csat: pct(k.satisfaction?.csat ?? null),
                  nps: one(k.satisfaction?.nps ?? null),
                  count: k.satisfaction?.responses ?? 0,
                })}
              </Text>
            </ChartCard>
          </SimpleGrid>
          <Title order={5}>{t('reports.kpi.technicians')}</Title>
          <TechTable rows={k.technicians} />
          <Title order={5}>{t('reports.kpi.topFaults')}</Title>
          <FaultTable rows={k.topFaults} />
        </>
      )}
    </Stack>
  );
}
