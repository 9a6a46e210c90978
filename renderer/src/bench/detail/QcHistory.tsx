import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { fmtDateTime, fmtRelative } from '../../common/format';
import { Panel } from './Panel';
import { BAND_COLORS } from './QcSheet';

/** Earlier quality checks; a failed one shows its feedback and rework deadline to the technician. */
export function QcHistory({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  if (detail.qcChecks.length === 0) return null;
  const checks = [...detail.qcChecks].reverse();
  return (
    <Panel title={t('qc.history')} testId="qc-history">
      <Stack gap={6}>
        {checks.map((q, i) =>
          q.band === 'fail' ? (
            <Alert
              key={q.id}
              color="red"
              variant={i === 0 && detail.ticket.status === 'in_repair' ? 'filled' : 'light'}
              icon={<IconAlertTriangle size={18} />}
              title={t('qc.failedTitle', { total: q.total, inspector: q.inspector })}
              data-testid="qc-failed"
            >
              <Text size="sm" data-testid="qc-feedback-text">
                {q.feedback}
              </Text>
              {q.reworkDueAt !== null && (
                <Text size="sm" fw={700} data-testid="qc-rework-due">
                  {t('qc.reworkDue', {
                    when: `${fmtDateTime(q.reworkDueAt)} (${fmtRelative(q.reworkDueAt)})`,
                  })}
                </Text>
              )}
              <Text size="xs" opacity={0.8}>
                {t('qc.scores', {
                  procedure: q.procedure,
                  effectiveness: q.effectiveness,
                  communication: q.communication,
                })}{' '}
                · {fmtDateTime(q.at)}
              </Text>
            </Alert>
          ) : (
            <Group key={q.id} gap="xs" data-testid="qc-passed">
              <Badge color={BAND_COLORS[q.band] ?? 'gray'}>{t(`qc.band.${q.band}`)}</Badge>
              <Text size="sm" fw={700}>
                {q.total}
              </Text>
              <Text size="xs" c="dimmed">
                {t('qc.scores', {
                  procedure: q.procedure,
                  effectiveness: q.effectiveness,
                  communication: q.communication,
                })}{' '}
                · {q.inspector} · {fmtDateTime(q.at)}
              </Text>
              {q.feedback && <Text size="xs">{q.feedback}</Text>}
            </Group>
          ),
        )}
      </Stack>
    </Panel>
  );
}
