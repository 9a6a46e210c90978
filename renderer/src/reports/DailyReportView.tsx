import { Alert, Group, List, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { fmtDateTime } from '../common/format';
import { useNav } from '../shell/nav';
import {
  CategoryTable,
  DeadlineTable,
  DeviceTypeTable,
  QcFailTable,
  TechnicianTable,
} from './DailyTables';
import { FollowupSection, MoneySection, PartsSection } from './DailyMoney';
import { MessagesBlock } from './MessagesBlock';
import { useDailyReport } from './reportsApi';
import { ReportToolbar, useReportDay } from './ReportToolbar';
import { Stat, one } from './Stat';
import classes from './Reports.module.css';

/** The manager's daily report on screen: the same figures as the PDF, printable as is. */
export function DailyReportView() {
  const { t } = useTranslation();
  const nav = useNav();
  const day = useReportDay((date, lang) => call('report.dailyPdf', { date, lang }));
  const { date } = day;
  const q = useDailyReport(date);
  const r = q.data;
  return (
    <Stack gap="md" className={classes.report} data-testid="daily-report">
      <ReportToolbar id="daily" pdfLabel={t('reports.daily.pdf')} {...day.toolbar} />
      {q.isLoading && <Loader size="sm" />}
      {q.error && (
        <Alert color="red">
          <ErrorText err={q.error} />
        </Alert>
      )}
      {r && (
        <>
          <div>
            <Title order={3}>{r.shop.name}</Title>
            <Text c="dimmed" size="sm">
              {t('reports.tabs.daily')} · {r.date}
            </Text>
          </div>

          <Title order={5}>{t('reports.daily.tickets')}</Title>
          <SimpleGrid cols={4} spacing="sm">
            <Stat
              label={t('reports.daily.received')}
              value={r.tickets.received}
              testId="stat-received"
            />
            <Stat
              label={t('reports.daily.completed')}
              value={r.tickets.completed}
              testId="stat-completed"
            />
            <Stat
              label={t('reports.daily.collected')}
              value={r.tickets.collected}
              testId="stat-collected"
            />
            <Stat
              label={t('reports.daily.repeats')}
              value={r.tickets.repeats}
              testId="stat-repeats"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <CategoryTable rows={r.tickets.receivedByCategory} />
            <DeviceTypeTable r={r.tickets} />
          </SimpleGrid>

          <Group justify="space-between" align="baseline">
            <Title order={5}>{t('reports.daily.deadlines')}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.daily.asOf', { time: fmtDateTime(r.deadlines.asOf) })} ·{' '}
              {t('reports.daily.overdue')}: <b data-testid="overdue-count">{r.deadlines.overdue}</b>{' '}
              · {t('reports.daily.nearDue')}: <b>{r.deadlines.nearDue}</b>
            </Text>
          </Group>
          <DeadlineTable d={r.deadlines} onOpen={nav.openBench} />
          {r.deadlines.rows.length < r.deadlines.overdue + r.deadlines.nearDue && (
            // The counts are the whole shop; the table is a page of it: say so.
            <Text size="xs" c="dimmed" data-testid="deadlines-shown-of">
              {t('listShownOf', {
                shown: r.deadlines.rows.length,
                total: r.deadlines.overdue + r.deadlines.nearDue,
              })}
            </Text>
          )}

          <MoneySection p={r.payments} />
          <PartsSection x={r.parts} />
          <FollowupSection f={r.followup} />
          <MessagesBlock m={r.messages} />

          <Title order={5}>{t('reports.daily.quality')}</Title>
          <SimpleGrid cols={4} spacing="sm">
            <Stat label={t('reports.daily.checks')} value={r.quality.count} />
            <Stat
              label={t('reports.daily.average')}
              value={one(r.quality.average)}
              testId="stat-qc-average"
            />
            <Stat label={t('reports.daily.excellent')} value={r.quality.excellent} />
            <Stat
              label={t('reports.daily.fails')}
              value={r.quality.fails}
              color={r.quality.fails ? 'red.7' : undefined}
            />
          </SimpleGrid>
          <QcFailTable q={r.quality} />

          <Title order={5}>{t('reports.daily.technicians')}</Title>
          <TechnicianTable rows={r.technicians} />

          {r.pending.length > 0 && (
            <Alert
              variant="light"
              color="gray"
              icon={<IconInfoCircle size={18} />}
              title={t('reports.daily.pending')}
              data-testid="daily-pending"
            >
              <List size="sm">
                {r.pending.map((p) => (
                  <List.Item key={p}>{t(`reports.daily.pendingSection.${p}`)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
