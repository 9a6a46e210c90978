import { useState } from 'react';
import { Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { fmtDateTime } from '../../common/format';
import { useBenchCall } from '../benchApi';
import { Panel } from './Panel';

/** Work log: my start/stop timer, manual entries, and the total minutes on this ticket. */
export function WorkLogPanel({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canWork = can('bench.work');
  const id = detail.ticket.id;
  const start = useBenchCall('bench.workStart');
  const stop = useBenchCall('bench.workStop');
  const add = useBenchCall('bench.workAdd', { notifyErrors: false });
  const [minutes, setMinutes] = useState<number | string>('');
  const [note, setNote] = useState('');
  const errors = add.error ? fieldErrors(add.error) : {};
  const timer = detail.myTimer;

  const submit = () =>
    void add
      .run({ ticketId: id, minutes: Number(minutes) || 0, note: note.trim() || undefined })
      .then(() => {
        setMinutes('');
        setNote('');
      })
      .catch(() => undefined);

  return (
    <Panel
      title={t('work.title')}
      testId="work-panel"
      right={
        <Text size="sm" fw={700} data-testid="work-total">
          {t('work.total', { count: detail.workedMinutes })}
        </Text>
      }
    >
      <Stack gap={6}>
        {canWork && (
          <Group gap="xs">
            {timer ? (
              <Button
                size="xs"
                color="red"
                leftSection={<IconPlayerStop size={14} />}
                onClick={() => void stop.run({ ticketId: id }).catch(() => undefined)}
                loading={stop.isPending}
                data-testid="work-stop"
              >
                {t('work.stop', { since: fmtDateTime(timer.startedAt) })}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlayerPlay size={14} />}
                onClick={() => void start.run({ ticketId: id }).catch(() => undefined)}
                loading={start.isPending}
                data-testid="work-start"
              >
                {t('work.start')}
              </Button>
            )}
          </Group>
        )}
        {detail.workLog.length > 0 && (
          <Stack gap={2}>
            {detail.workLog.map((w) => (
              <Text key={w.id} size="sm" data-testid="work-entry">
                <Text span fw={700} c={w.minutes === null ? 'teal' : undefined}>
                  {w.minutes === null ? t('work.running') : t('work.minutes', { count: w.minutes })}
                </Text>
                {w.note ? ` · ${w.note}` : ''}
                <Text span size="xs" c="dimmed">
                  {' '}
                  —{' '}
                  {[w.staffName, fmtDateTime(w.startedAt), w.manual ? t('work.manual') : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
        {canWork && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Group gap={6} align="flex-start" wrap="nowrap">
              <NumberInput
                size="xs"
                w={90}
                min={1}
                max={1440}
                allowDecimal={false}
                placeholder={t('work.minutesLabel')}
                aria-label={t('work.minutesLabel')}
                value={minutes}
                onChange={setMinutes}
                error={errors.minutes}
                data-testid="work-minutes"
              />
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder={t('work.note')}
                aria-label={t('work.note')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                data-testid="work-note"
              />
              <Button
                size="xs"
                variant="default"
                type="submit"
                loading={add.isPending}
                data-testid="work-add"
              >
                {t('work.add')}
              </Button>
            </Group>
            {add.error && Object.keys(errors).length === 0 && (
              <Text size="sm" c="red" mt={4}>
                <ErrorText err={add.error} />
              </Text>
            )}
          </form>
        )}
      </Stack>
    </Panel>
  );
}
