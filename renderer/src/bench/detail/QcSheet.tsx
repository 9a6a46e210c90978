import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { fieldErrors } from '../../api/errors';
import { ErrorText } from '../../common/ErrorText';
import { useBenchCall, useQcSettings, type QcSettings } from '../benchApi';
import { Panel } from './Panel';

const CRITERIA = ['procedure', 'effectiveness', 'communication'] as const;
type Criterion = (typeof CRITERIA)[number];
export const BAND_COLORS: Record<string, string> = { excellent: 'teal', pass: 'blue', fail: 'red' };

/** The same maths as the backend (qc-sampling.ts), so the inspector sees the outcome before saving. */
export function qcPreview(scores: Record<Criterion, number>, s: QcSettings) {
  const total = Math.round(CRITERIA.reduce((sum, c) => sum + scores[c] * s.weights[c], 0) / 100);
  const band = total >= s.excellentFrom ? 'excellent' : total >= s.passFrom ? 'pass' : 'fail';
  return { total, band };
}

/** DOMAIN step 9 score sheet: three criteria 0-100, weighted total, band; a fail needs feedback. */
export function QcSheet({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const settings = useQcSettings();
  const record = useBenchCall('qc.record', { notifyErrors: false });
  const [scores, setScores] = useState<Record<Criterion, number | string>>({
    procedure: '',
    effectiveness: '',
    communication: '',
  });
  const [feedback, setFeedback] = useState('');
  const [reworkDays, setReworkDays] = useState<number | string>('');
  const errors = record.error ? fieldErrors(record.error) : {};
  const complete = CRITERIA.every((c) => scores[c] !== '');
  const nums = Object.fromEntries(CRITERIA.map((c) => [c, Number(scores[c]) || 0])) as Record<
    Criterion,
    number
  >;
  const preview = settings.data && complete ? qcPreview(nums, settings.data) : null;
  const fail = preview?.band === 'fail';

  const submit = () =>
    void record
      .run({
        ticketId: detail.ticket.id,
        version: detail.ticket.version,
        ...nums,
        feedback: feedback.trim() || undefined,
        reworkDays: fail && reworkDays !== '' ? Number(reworkDays) : undefined,
      })
      .catch(() => undefined);

  return (
    <Panel
      title={t('qc.sheet')}
      testId="qc-sheet"
      right={
        settings.data && (
          <Text size="xs" c="dimmed">
            {t('qc.weightsHint', {
              ...settings.data.weights,
              excellent: settings.data.excellentFrom,
              pass: settings.data.passFrom,
            })}
          </Text>
        )
      }
    >
      <Stack gap="xs">
        <SimpleGrid cols={3} spacing="xs">
          {CRITERIA.map((c) => (
            <NumberInput
              key={c}
              label={`${t(`qcPart.${c}`)} (${settings.data?.weights[c] ?? '…'}%)`}
              description={t(`qc.hint.${c}`)}
              min={0}
              max={100}
              clampBehavior="strict"
              allowDecimal={false}
              value={scores[c]}
              onChange={(v) => setScores((s) => ({ ...s, [c]: v }))}
              error={errors[c]}
              data-testid={`qc-${c}`}
            />
          ))}
        </SimpleGrid>
        <Group gap="xs" data-testid="qc-preview">
          <Text size="sm">{t('qc.total')}:</Text>
          <Text size="xl" fw={800} data-testid="qc-total">
            {preview ? preview.total : '—'}
          </Text>
          {preview && (
            <Badge
              size="lg"
              color={BAND_COLORS[preview.band]}
              data-testid="qc-band"
              data-band={preview.band}
            >
              {t(`qc.band.${preview.band}`)}
            </Badge>
          )}
          {preview && (
            <Text size="xs" c="dimmed">
              {preview.band === 'fail' ? t('qc.failOutcome') : t('qc.passOutcome')}
            </Text>
          )}
        </Group>
        <Textarea
          label={t('qc.feedback')}
          description={fail ? t('qc.feedbackRequired') : t('qc.feedbackOptional')}
          required={fail}
          value={feedback}
          onChange={(e) => setFeedback(e.currentTarget.value)}
          error={errors.feedback}
          autosize
          minRows={2}
          data-testid="qc-feedback"
        />
        {fail && (
          <NumberInput
            w={220}
            label={t('qc.reworkDays')}
            placeholder={String(settings.data?.reworkDays ?? 1)}
            min={0}
            max={30}
            allowDecimal={false}
            value={reworkDays}
            onChange={setReworkDays}
            data-testid="qc-rework-days"
          />
        )}
        {record.error && Object.keys(errors).length === 0 && (
          <Text size="sm" c="red" data-testid="qc-error">
            <ErrorText err={record.error} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            onClick={submit}
            disabled={!complete || (fail && !feedback.trim())}
            loading={record.isPending}
            color={fail ? 'red' : 'teal'}
            data-testid="qc-save"
          >
            {fail ? t('qc.saveFail') : t('qc.savePass')}
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
