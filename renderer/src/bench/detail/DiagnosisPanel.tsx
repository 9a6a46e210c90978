import { useState } from 'react';
import { Button, Chip, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { PLAN_MEASURES, RESPONSIBLE_PARTIES } from '../../../../main/api/schemas/bench';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { useBenchCall } from '../benchApi';
import { PLAN_OPEN } from './moves';
import { Panel } from './Panel';

/** Analysis & plan: cause, responsible party and measures (DOMAIN step 5). */
export function DiagnosisPanel({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const editable = can('bench.work') && PLAN_OPEN.includes(detail.ticket.status);
  const [cause, setCause] = useState(detail.cause ?? '');
  const [responsible, setResponsible] = useState<string>(detail.responsible ?? '');
  const [plan, setPlan] = useState<string[]>(detail.plan);
  const save = useBenchCall('bench.diagnose', { notifyErrors: false });
  const errors = save.error ? fieldErrors(save.error) : {};
  const dirty =
    cause !== (detail.cause ?? '') ||
    responsible !== (detail.responsible ?? '') ||
    plan.join() !== detail.plan.join();

  const submit = () =>
    void save
      .run({
        id: detail.ticket.id,
        version: detail.ticket.version,
        cause,
        responsible: responsible as (typeof RESPONSIBLE_PARTIES)[number],
        plan: plan as Array<(typeof PLAN_MEASURES)[number]>,
      })
      .catch(() => undefined);

  if (!editable)
    return (
      <Panel title={t('diagnosis.title')} testId="diagnosis-panel">
        {detail.cause ? (
          <Stack gap={4}>
            <Text size="sm" data-testid="diagnosis-cause">
              {detail.cause}
            </Text>
            <Text size="xs" c="dimmed">
              {t('diagnosis.responsible')}:{' '}
              {detail.responsible ? t(`responsible.${detail.responsible}`) : '—'} ·{' '}
              {t('diagnosis.plan')}: {detail.plan.map((p) => t(`plan.${p}`)).join(', ') || '—'}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('diagnosis.none')}
          </Text>
        )}
      </Panel>
    );

  return (
    <Panel
      title={t('diagnosis.title')}
      testId="diagnosis-panel"
      right={
        detail.cause && !dirty ? (
          <Text size="xs" c="teal" data-testid="diagnosis-saved">
            {t('diagnosis.saved')}
          </Text>
        ) : undefined
      }
    >
      <Stack gap="xs">
        <Textarea
          label={t('diagnosis.cause')}
          value={cause}
          onChange={(e) => setCause(e.currentTarget.value)}
          onKeyDown={getHotkeyHandler([['mod+Enter', submit]])}
          error={errors.cause}
          autosize
          minRows={2}
          data-testid="diagnosis-cause"
        />
        <Radio.Group
          label={t('diagnosis.responsible')}
          value={responsible}
          onChange={setResponsible}
          error={errors.responsible}
        >
          <Group gap="sm" mt={4}>
            {RESPONSIBLE_PARTIES.map((r) => (
              <Radio
                key={r}
                value={r}
                label={t(`responsible.${r}`)}
                size="xs"
                data-testid={`responsible-${r}`}
              />
            ))}
          </Group>
        </Radio.Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('diagnosis.plan')}
          </Text>
          <Chip.Group multiple value={plan} onChange={setPlan}>
            <Group gap={6}>
              {PLAN_MEASURES.map((p) => (
                <Chip key={p} value={p} size="xs" wrapperProps={{ 'data-testid': `plan-${p}` }}>
                  {t(`plan.${p}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.plan && (
            <Text size="xs" c="red" mt={2}>
              {errors.plan}
            </Text>
          )}
        </div>
        {save.error && Object.keys(errors).length === 0 && (
          <Text size="sm" c="red">
            <ErrorText err={save.error} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            size="xs"
            onClick={submit}
            loading={save.isPending}
            disabled={!dirty}
            data-testid="diagnosis-save"
          >
            {t('diagnosis.save')}
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
