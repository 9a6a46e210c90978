import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DayCloseDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { fmtDateTime, fmtMoney, toCents } from '../common/format';
import { ReportToolbar, useReportDay } from './ReportToolbar';
import { Stat } from './Stat';
import { TakingsTable } from './TakingsTable';
import classes from './Reports.module.css';
import { MoneyInput, moneyError } from '../common/MoneyInput';

const signed = (cents: number) => (cents > 0 ? `+${fmtMoney(cents)}` : fmtMoney(cents));

/** The count form: counted cash, the live variance, a reason when it is not zero. */
function CloseForm({ v }: { v: DayCloseDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [counted, setCounted] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const countedCents = counted === '' ? null : toCents(counted);
  const variance = countedCents === null ? null : countedCents - v.cash.expectedCents;
  const close = useMutation({
    mutationFn: () =>
      call('dayClose.close', {
        date: v.date,
        countedCents: countedCents ?? 0,
        reason: reason || undefined,
      }),
    onSuccess: (res) => {
      qc.setQueryData(['dayClose', v.date], res);
      notifications.show({
        color: 'teal',
        message: t('reports.close.closedNote', { date: v.date }),
      });
    },
  });
  const needsReason = variance !== null && variance !== 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (countedCents !== null) close.mutate();
      }}
    >
      <Stack gap="sm" maw={520}>
        <Group align="end" gap="md">
          <MoneyInput
            label={t('reports.close.counted')}
            w={180}
            fixedDecimalScale
            thousandSeparator=","
            value={counted}
            onChange={setCounted}
            data-autofocus
            data-testid="close-counted"
          />
          <div>
            <Text size="xs" c="dimmed">
              {t('reports.close.variance')}
            </Text>
            <Text
              fz={20}
              fw={600}
              c={variance === null ? 'dimmed' : variance === 0 ? 'teal.7' : 'red.7'}
              data-testid="close-variance"
            >
              {variance === null ? '–' : signed(variance)}
            </Text>
          </div>
        </Group>
        <Textarea
          label={t('reports.close.reason')}
          description={needsReason ? t('reports.close.reasonHint') : undefined}
          withAsterisk={needsReason}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="close-reason"
        />
        {close.error && (
          <Alert color="red" data-testid="close-error">
            <ErrorText err={close.error} />
          </Alert>
        )}
        <Group>
          <Button
            type="submit"
            leftSection={<IconLock size={16} />}
            disabled={countedCents === null || moneyError(counted) !== null}
            loading={close.isPending}
            data-testid="close-submit"
          >
            {t('reports.close.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('reports.close.lockHint')}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

/** Day close (Z report): count the till against what the day's payments say it holds. */
export function DayClose() {
  const { t } = useTranslation();
  const day = useReportDay((date, lang) => call('dayClose.pdf', { date, lang }));
  const { date } = day;
  const q = useQuery({
    queryKey: ['dayClose', date],
    queryFn: () => call('dayClose.get', { date }),
  });
  const v = q.data;
  return (
    <Stack gap="md" className={classes.report} data-testid="day-close">
      <ReportToolbar id="close" pdfLabel={t('reports.close.pdf')} {...day.toolbar} />
      {q.isLoading && <Loader size="sm" />}
      {q.error && (
        <Alert color="red">
          <ErrorText err={q.error} />
        </Alert>
      )}
      {v && (
        <>
          <Title order={4}>
            {t('reports.close.title')} · {v.date}
          </Title>
          <SimpleGrid cols={4} spacing="sm">
            <Stat label={t('reports.close.cashIn')} value={fmtMoney(v.cash.inCents)} />
            <Stat label={t('reports.close.change')} value={fmtMoney(v.cash.changeCents)} />
            <Stat label={t('reports.close.refunds')} value={fmtMoney(v.cash.refundsCents)} />
            <Stat
              label={t('reports.close.expected')}
              value={fmtMoney(v.closed?.expectedCents ?? v.cash.expectedCents)}
              testId="close-expected"
            />
          </SimpleGrid>
          {v.closed ? (
            <Alert
              color={v.closed.varianceCents === 0 ? 'teal' : 'orange'}
              icon={<IconLock size={18} />}
              title={t('reports.close.closedTitle', {
                name: v.closed.closedBy,
                time: fmtDateTime(v.closed.closedAt),
              })}
              data-testid="close-closed"
            >
              <Text size="sm">
                {t('reports.close.counted')}: <b>{fmtMoney(v.closed.countedCents)}</b> ·{' '}
                {t('reports.close.variance')}: <b>{signed(v.closed.varianceCents)}</b>
              </Text>
              {v.closed.reason && (
                <Text size="sm">
                  {t('reports.close.reason')}: {v.closed.reason}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={4}>
                {t('reports.close.locked')}
              </Text>
            </Alert>
          ) : v.canClose ? (
            <CloseForm key={v.date} v={v} />
          ) : (
            <Text c="dimmed">{t('reports.close.notStarted')}</Text>
          )}
          <Title order={5}>{t('reports.close.byMethod')}</Title>
          <TakingsTable rows={v.takings} />
        </>
      )}
    </Stack>
  );
}
