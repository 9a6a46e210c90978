import { useState } from 'react';
import { Alert, Button, Chip, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { BenchDetail } from '../../../../main/api/contract';
import { PLAN_MEASURES, RESPONSIBLE_PARTIES } from '../../../../main/api/schemas/bench';
import { ApiCallError } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../auth/session';
import { ErrorText } from '../../common/ErrorText';
import { useBenchCall } from '../benchApi';
import { PLAN_OPEN } from './moves';
import { Panel } from './Panel';

interface Snapshot {
  version: number;
  cause: string;
  responsible: string;
  plan: string[];
}
const snapshot = (d: BenchDetail): Snapshot => ({
  version: d.ticket.version,
  cause: d.cause ?? '',
  responsible: d.responsible ?? '',
  plan: d.plan,
});

/** Analysis & plan: cause, responsible party and measures (DOMAIN step 5). */
export function DiagnosisPanel({ detail }: { detail: BenchDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const editable = can('bench.work') && PLAN_OPEN.includes(detail.ticket.status);
  // What the form was loaded from: its version is what a save claims to change, so a save
  // after someone else's is refused (and names them) instead of overwriting it.
  const [base, setBase] = useState<Snapshot>(() => snapshot(detail));
  const [cause, setCause] = useState(base.cause);
  const [responsible, setResponsible] = useState<string>(base.responsible);
  const [plan, setPlan] = useState<string[]>(base.plan);
  const [reloaded, setReloaded] = useState(false);
  const save = useBenchCall('bench.diagnose', { notifyErrors: false });
  const errors = save.error ? fieldErrors(save.error) : {};
  const dirty = cause !== base.cause || responsible !== base.responsible || plan.join() !== base.plan.join();
  const conflict = save.error instanceof ApiCallError && save.error.code === 'CONFLICT';

  // Someone else's change arriving while nothing is typed here: show it at once.
  const server = snapshot(detail);
  if (!dirty && !save.isPending && server.version !== base.version) {
    setBase(server);
    setCause(server.cause);
    setResponsible(server.responsible);
    setPlan(server.plan);
  }

  /** After a conflict: take the saved ticket, keeping every field typed here since the load. */
  const reload = () => {
    setCause(cause !== base.cause ? cause : server.cause);
    setResponsible(responsible !== base.responsible ? responsible : server.responsible);
    setPlan(plan.join() !== base.plan.join() ? plan : server.plan);
    setBase(server);
    setReloaded(true);
    save.reset();
  };

  const submit = () => {
    setReloaded(false);
    void save
      .run({
        id: detail.ticket.id,
        version: base.version,
        cause,
        responsible: responsible as (typeof RESPONSIBLE_PARTIES)[number],
        plan: plan as Array<(typeof PLAN_MEASURES)[number]>,
      })
      .then((r) => setBase({ version: r.version, cause, responsible, plan }))
      .catch(() => undefined);
  };

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
        {conflict ? (
          <Alert color="orange" title={t('concurrency.changedTitle')} py="xs" data-testid="diagnosis-conflict">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">
                <ErrorText err={save.error} />
              </Text>
              <Button size="xs" variant="light" onClick={reload} data-testid="diagnosis-reload">
                {t('concurrency.reload')}
              </Button>
            </Group>
          </Alert>
        ) : (
          save.error &&
          Object.keys(errors).length === 0 && (
            <Text size="sm" c="red">
              <ErrorText err={save.error} />
            </Text>
          )
        )}
        {reloaded && dirty && (
          <Text size="xs" c="dimmed" data-testid="diagnosis-reloaded">
            {t('concurrency.reloaded')}
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
