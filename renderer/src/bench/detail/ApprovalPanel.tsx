import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { APPROVAL_CHANNELS, APPROVAL_DECISIONS } from '../../../../main/api/schemas/bench';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { fmtDateTime, fmtMoney } from '../../common/format';
import { useBenchCall } from '../benchApi';
import { Panel } from './Panel';

type Decision = (typeof APPROVAL_DECISIONS)[number];
type Channel = (typeof APPROVAL_CHANNELS)[number];

/** The customer's answer to the plan: approved or declined, how, when and who recorded it. */
export function ApprovalPanel({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const waiting = detail.ticket.status === 'awaiting_approval';
  const canRecord = waiting && can('approval.record');
  const record = useBenchCall('bench.approval', { notifyErrors: false });
  const [decision, setDecision] = useState<Decision>('approved');
  const [channel, setChannel] = useState<Channel>('in_person');
  const [note, setNote] = useState('');

  const submit = () =>
    void record
      .run({ ticketId: detail.ticket.id, decision, channel, note: note.trim() || undefined })
      .then(() => setNote(''))
      .catch(() => undefined);

  return (
    <Panel
      title={t('approval.title')}
      testId="approval-panel"
      right={
        <Badge
          size="sm"
          variant="light"
          color={
            detail.ticket.approval === 'approved'
              ? 'green'
              : detail.ticket.approval === 'declined'
                ? 'red'
                : 'gray'
          }
          data-testid="approval-state"
        >
          {t(`approval.state.${detail.ticket.approval}`, { defaultValue: detail.ticket.approval })}
        </Badge>
      }
    >
      <Stack gap={6}>
        {detail.approvals.map((a) => (
          <Text key={a.id} size="sm" data-testid="approval-record">
            <Text span fw={700} c={a.decision === 'approved' ? 'green' : 'red'}>
              {t(`approval.decision.${a.decision}`)}
            </Text>{' '}
            · {t(`approval.channel.${a.channel}`)} ·{' '}
            <Text span fw={600} data-testid="approval-total">
              {fmtMoney(a.totalCents)}
            </Text>
            {a.taxCents > 0 && ` (${t('money.inclTax', { tax: fmtMoney(a.taxCents) })})`}
            {a.note ? ` · ${a.note}` : ''}
            <Text span size="xs" c="dimmed">
              {' '}
              — {a.recordedBy}, {fmtDateTime(a.at)}
            </Text>
          </Text>
        ))}
        {detail.approvals.length === 0 && !canRecord && (
          <Text size="sm" c="dimmed">
            {detail.free ? t('approval.notNeeded') : t('approval.none')}
          </Text>
        )}
        {canRecord && (
          <Stack gap={6}>
            <Group gap="xs" wrap="wrap">
              <SegmentedControl
                size="xs"
                value={decision}
                onChange={(v) => setDecision(v as Decision)}
                data={APPROVAL_DECISIONS.map((d) => ({
                  value: d,
                  label: (
                    <span data-testid={`approval-decision-${d}`}>
                      {t(`approval.decision.${d}`)}
                    </span>
                  ),
                }))}
              />
              <SegmentedControl
                size="xs"
                value={channel}
                onChange={(v) => setChannel(v as Channel)}
                data={APPROVAL_CHANNELS.map((c) => ({
                  value: c,
                  label: (
                    <span data-testid={`approval-channel-${c}`}>{t(`approval.channel.${c}`)}</span>
                  ),
                }))}
              />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder={t('approval.note')}
                aria-label={t('approval.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                data-testid="approval-note"
              />
              <Button
                size="xs"
                onClick={submit}
                loading={record.isPending}
                data-testid="approval-save"
              >
                {t('approval.record', { total: fmtMoney(detail.estimate.amounts.totalCents) })}
              </Button>
            </Group>
            {record.error && (
              <Text size="sm" c="red">
                <ErrorText err={record.error} />
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Panel>
  );
}
