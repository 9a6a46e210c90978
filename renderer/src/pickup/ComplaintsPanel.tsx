import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ComplaintDto } from '../../../main/api/contract';
import {
  COMPENSATIONS,
  COMPLAINT_TYPES,
  RESOLUTIONS,
  SEVERITIES,
} from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { CaseCard, CaseToolbar, NewCaseForm, ToldStep } from './CaseParts';
import { QueryState } from '../common/QueryState';
import { PanelHeader } from './PanelHeader';
import { pickupKeys, usePickupCall } from './pickupApi';

const opts = (t: (k: string) => string, prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

function NewComplaint({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [type, setType] = useState<string | null>('slow_handling');
  const [severity, setSeverity] = useState<string | null>('medium');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const create = usePickupCall('complaints.create', { notifyErrors: false });
  const submit = async () => {
    setError(null);
    try {
      const v = await call('pickup.lookup', { number });
      await create.run({
        ticketId: v.ticket.id,
        type: type as (typeof COMPLAINT_TYPES)[number],
        severity: severity as (typeof SEVERITIES)[number],
        description,
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <NewCaseForm
      testId="complaint-new"
      error={error}
      busy={create.isPending}
      disabled={!number || !description}
      submitLabel={t('pickup.complaints.new')}
      submitTestId="complaint-create"
      onSubmit={() => void submit()}
    >
      <Group grow>
        <TextInput
          label={t('pickup.complaints.ticket')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          data-testid="complaint-ticket"
        />
        <Select
          label={t('pickup.complaints.type')}
          data={opts(t, 'pickup.complaints.types', COMPLAINT_TYPES)}
          value={type}
          onChange={setType}
          allowDeselect={false}
        />
        <Select
          label={t('pickup.complaints.severity')}
          data={opts(t, 'pickup.complaints.severities', SEVERITIES)}
          value={severity}
          onChange={setSeverity}
          allowDeselect={false}
        />
      </Group>
      <Textarea
        label={t('pickup.complaints.description')}
        autosize
        minRows={2}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        data-testid="complaint-description"
      />
    </NewCaseForm>
  );
}

function ComplaintCard({ k }: { k: ComplaintDto }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const manage = can('followup.manage');
  const [resolution, setResolution] = useState<string | null>(k.resolution ?? 'repair');
  const [compensation, setCompensation] = useState<string | null>(k.compensation ?? 'none');
  const [cause, setCause] = useState(k.cause ?? '');
  const [note, setNote] = useState('');
  const resolve = usePickupCall('complaints.resolve');
  const confirm = usePickupCall('complaints.confirm');
  const close = usePickupCall('complaints.close');
  return (
    <CaseCard
      kind="complaint"
      status={t(`pickup.complaints.statuses.${k.status}`)}
      head={
        <>
          <Badge
            color={k.severity === 'high' ? 'red' : k.severity === 'medium' ? 'orange' : 'gray'}
          >
            {t(`pickup.complaints.severities.${k.severity}`)}
          </Badge>
          <Text fw={600} size="sm">
            {t(`pickup.complaints.types.${k.type}`)}
          </Text>
          {k.ticketNumber && (
            <Text size="sm" ff="monospace">
              {k.ticketNumber}
            </Text>
          )}
          <Text size="sm">
            {k.customerName} · {k.customerPhone}
          </Text>
        </>
      }
    >
      <Text size="sm">{k.description}</Text>
      {k.resolution && (
        <Text size="xs" c="dimmed">
          {t(`pickup.complaints.resolutions.${k.resolution}`)} ·{' '}
          {t(`pickup.complaints.compensations.${k.compensation ?? 'none'}`)}
          {k.resolutionNote && ` · ${k.resolutionNote}`}
          {k.owner && ` · ${k.owner.name}`}
        </Text>
      )}
      {k.confirmedAt && (
        <Text size="xs" c="teal">
          {t('pickup.complaints.confirmedAt', {
            at: fmtDateTime(k.confirmedAt),
            channel: t(`pickup.messages.channels.${k.confirmationChannel}`),
          })}
        </Text>
      )}
      {k.status === 'open' && manage && (
        <Group gap="xs" mt="xs" align="flex-end">
          <TextInput
            w={200}
            size="xs"
            label={t('pickup.complaints.cause')}
            value={cause}
            onChange={(e) => setCause(e.currentTarget.value)}
          />
          <Select
            w={140}
            size="xs"
            label={t('pickup.complaints.resolution')}
            data={opts(t, 'pickup.complaints.resolutions', RESOLUTIONS)}
            value={resolution}
            onChange={setResolution}
            allowDeselect={false}
          />
          <Select
            w={160}
            size="xs"
            label={t('pickup.complaints.compensation')}
            data={opts(t, 'pickup.complaints.compensations', COMPENSATIONS)}
            value={compensation}
            onChange={setCompensation}
            allowDeselect={false}
          />
          <TextInput
            w={160}
            size="xs"
            label={t('pickup.complaints.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button
            size="xs"
            loading={resolve.isPending}
            onClick={() =>
              void resolve.run({
                id: k.id,
                version: k.version,
                cause: cause || undefined,
                resolution: resolution as (typeof RESOLUTIONS)[number],
                compensation: compensation as (typeof COMPENSATIONS)[number],
                note: note || undefined,
              })
            }
          >
            {t('pickup.complaints.resolve')}
          </Button>
        </Group>
      )}
      {k.status === 'resolved' && (
        <Group gap="xs" mt="xs" align="flex-end">
          {!k.confirmedAt && (
            <ToldStep
              label={t('pickup.complaints.channel')}
              buttonLabel={t('pickup.complaints.confirm')}
              variant="light"
              busy={confirm.isPending}
              onTold={(channel) => void confirm.run({ id: k.id, version: k.version, channel })}
            />
          )}
          {manage && (
            <Button
              size="xs"
              disabled={!k.confirmedAt}
              loading={close.isPending}
              onClick={() => void close.run({ id: k.id, version: k.version })}
              data-testid="complaint-close"
            >
              {t('pickup.complaints.close')}
            </Button>
          )}
        </Group>
      )}
    </CaseCard>
  );
}

/** DOMAIN step 12: complaints are followed until the customer confirms. */
export function ComplaintsPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<'open' | 'closed' | 'all'>('open');
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: pickupKeys.complaints(view),
    queryFn: () => call('complaints.list', { view }),
  });
  return (
    <Stack gap="sm" data-testid="complaints-panel">
      <PanelHeader title={t('pickup.complaints.title')} subtitle={t('pickup.complaints.subtitle')}>
        <CaseToolbar
          views={['open', 'closed', 'all'] as const}
          view={view}
          onView={setView}
          labelPrefix="pickup.complaints.views"
          adding={adding}
          onToggle={() => setAdding((a) => !a)}
          newLabel={t('pickup.complaints.new')}
          addTestId="complaint-add"
        />
      </PanelHeader>
      {adding && <NewComplaint onDone={() => setAdding(false)} />}
      <QueryState query={q} empty={t('pickup.complaints.empty')}>
        {(rows) => rows.map((k) => <ComplaintCard key={`${k.id}-${k.version}`} k={k} />)}
      </QueryState>
    </Stack>
  );
}
