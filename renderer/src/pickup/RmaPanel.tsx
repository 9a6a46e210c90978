import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PrintJobDto, RmaDto } from '../../../main/api/contract';
import { RMA_PROOFS, TELL_CHANNELS } from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { ErrorText } from '../common/ErrorText';
import { fmtDateTime, fmtMoney, toCents } from '../common/format';
import { PrintJobCard } from '../print/PrintPreview';
import { PanelHeader } from './PanelHeader';
import { pickupKeys, useManagers, usePickupCall } from './pickupApi';

function NewRma({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    phone: '',
    product: '',
    serial: '',
    proof: 'invoice',
    proofRef: '',
    reason: '',
  });
  const [error, setError] = useState<unknown>(null);
  const request = usePickupCall('rma.request', { notifyErrors: false });
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [k]: e.currentTarget.value });
  const submit = async () => {
    setError(null);
    try {
      const [customer] = await call('customers.search', { q: f.phone, limit: 1 });
      if (!customer) throw new Error(t('pickup.rma.customerNotFound'));
      await request.run({
        customerId: customer.id,
        product: f.product,
        serial: f.serial || undefined,
        proof: f.proof as (typeof RMA_PROOFS)[number],
        proofRef: f.proofRef,
        reason: f.reason,
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label={t('pickup.rma.customerPhone')}
            value={f.phone}
            onChange={set('phone')}
          />
          <TextInput label={t('pickup.rma.product')} value={f.product} onChange={set('product')} />
          <TextInput label={t('pickup.rma.serial')} value={f.serial} onChange={set('serial')} />
        </Group>
        <Group grow>
          <Select
            label={t('pickup.rma.proof')}
            data={RMA_PROOFS.map((p) => ({ value: p, label: t(`pickup.rma.proofs.${p}`) }))}
            value={f.proof}
            onChange={(v) => v && setF({ ...f, proof: v })}
            allowDeselect={false}
          />
          <TextInput
            label={t('pickup.rma.proofRef')}
            value={f.proofRef}
            onChange={set('proofRef')}
          />
        </Group>
        <Textarea
          label={t('pickup.rma.reason')}
          autosize
          minRows={2}
          value={f.reason}
          onChange={set('reason')}
        />
        {error !== null && (
          <Alert color="red" variant="light">
            {error instanceof Error && !('body' in error) ? (
              error.message
            ) : (
              <ErrorText err={error} />
            )}
          </Alert>
        )}
        <Button
          style={{ alignSelf: 'flex-end' }}
          loading={request.isPending}
          disabled={!f.phone || !f.product || !f.proofRef || !f.reason}
          onClick={() => void submit()}
        >
          {t('pickup.rma.new')}
        </Button>
      </Stack>
    </Paper>
  );
}

function RmaCard({ r, onSlip }: { r: RmaDto; onSlip: (job: PrintJobDto) => void }) {
  const { t } = useTranslation();
  const managers = useManagers();
  const [inspection, setInspection] = useState('');
  const [sound, setSound] = useState(true);
  const [refund, setRefund] = useState<number | string>('');
  const [exchangeSerial, setExchangeSerial] = useState('');
  const [managerId, setManagerId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [channel, setChannel] = useState<string | null>('phone');
  const verify = usePickupCall('rma.verify');
  const receive = usePickupCall('rma.receive');
  const resolve = usePickupCall('rma.resolve');
  const tell = usePickupCall('rma.tell');
  const base = { id: r.id, version: r.version };
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="rma-row">
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          {r.code && (
            <Text fw={700} ff="monospace" data-testid="rma-code">
              {r.code}
            </Text>
          )}
          <Text size="sm" fw={600}>
            {r.product}
          </Text>
          {r.serial && (
            <Text size="xs" c="dimmed">
              {r.serial}
            </Text>
          )}
          <Text size="sm">
            {r.customerName} · {r.customerPhone}
          </Text>
        </Group>
        <Badge variant="light" data-testid="rma-status">
          {t(`pickup.rma.statuses.${r.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t(`pickup.rma.proofs.${r.proof}`)} {r.proofRef} · {r.reason} · {fmtDateTime(r.updatedAt)}
        {r.inspection && ` · ${r.inspection}`}
        {r.refundCents !== null && ` · ${t('pickup.rma.refund')} ${fmtMoney(r.refundCents)}`}
        {r.exchangeSerial && ` · ${r.exchangeSerial}`}
        {r.toldChannel && ` · ${t(`pickup.messages.channels.${r.toldChannel}`)}`}
      </Text>
      <Group gap="xs" mt="xs" align="flex-end">
        {r.status === 'requested' && (
          <>
            <Button
              size="xs"
              loading={verify.isPending}
              onClick={() =>
                void verify
                  .run({ ...base, approve: true })
                  .then((x) => x.printJob && onSlip(x.printJob))
              }
            >
              {t('pickup.rma.approve')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => void verify.run({ ...base, approve: false })}
            >
              {t('pickup.rma.reject')}
            </Button>
          </>
        )}
        {r.status === 'authorised' && (
          <>
            <TextInput
              w={260}
              size="xs"
              label={t('pickup.rma.inspection')}
              value={inspection}
              onChange={(e) => setInspection(e.currentTarget.value)}
            />
            <Checkbox
              size="xs"
              label={t('pickup.rma.sound')}
              checked={sound}
              onChange={(e) => setSound(e.currentTarget.checked)}
            />
            <Button
              size="xs"
              disabled={!inspection}
              onClick={() => void receive.run({ ...base, inspection, sound })}
            >
              {t('pickup.rma.receive')}
            </Button>
          </>
        )}
        {r.status === 'received' && (
          <>
            <NumberInput
              w={120}
              size="xs"
              label={t('pickup.rma.refundAmount')}
              min={0}
              decimalScale={2}
              value={refund}
              onChange={setRefund}
            />
            <Select
              w={150}
              size="xs"
              label={t('pickup.desk.manager')}
              data={(managers.data ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
              value={managerId}
              onChange={setManagerId}
            />
            <PasswordInput
              w={110}
              size="xs"
              label={t('pickup.desk.pin')}
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
            />
            <Button
              size="xs"
              disabled={!toCents(refund) || !managerId}
              onClick={() =>
                void resolve.run({
                  ...base,
                  outcome: 'refund',
                  refundCents: toCents(refund),
                  approval: { staffId: Number(managerId), pin },
                })
              }
            >
              {t('pickup.rma.refund')}
            </Button>
            <TextInput
              w={150}
              size="xs"
              label={t('pickup.rma.exchangeSerial')}
              value={exchangeSerial}
              onChange={(e) => setExchangeSerial(e.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                void resolve.run({
                  ...base,
                  outcome: 'exchange',
                  exchangeSerial: exchangeSerial || undefined,
                })
              }
            >
              {t('pickup.rma.exchange')}
            </Button>
          </>
        )}
        {(r.status === 'refunded' || r.status === 'exchanged') && (
          <>
            <Select
              w={130}
              size="xs"
              label={t('pickup.messages.channel')}
              data={TELL_CHANNELS.map((c) => ({
                value: c,
                label: t(`pickup.messages.channels.${c}`),
              }))}
              value={channel}
              onChange={setChannel}
              allowDeselect={false}
            />
            <Button
              size="xs"
              onClick={() =>
                void tell.run({ ...base, channel: channel as (typeof TELL_CHANNELS)[number] })
              }
            >
              {t('pickup.rma.tell')}
            </Button>
          </>
        )}
      </Group>
    </Paper>
  );
}

/** DOMAIN "Returns and exchanges", with the status visible at the counter by code. */
export function RmaPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<'open' | 'all'>('open');
  const [code, setCode] = useState('');
  const [adding, setAdding] = useState(false);
  const [slip, setSlip] = useState<PrintJobDto | null>(null);
  const q = useQuery({
    queryKey: pickupKeys.rma(view, code.trim()),
    queryFn: () => call('rma.list', { view, code: code.trim() || undefined }),
  });
  return (
    <Stack gap="sm" data-testid="rma-panel">
      <PanelHeader title={t('pickup.rma.title')} subtitle={t('pickup.rma.subtitle')}>
        <Group gap="xs">
          <TextInput
            w={170}
            placeholder={t('pickup.rma.lookup')}
            aria-label={t('pickup.rma.lookup')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as 'open' | 'all')}
            data={(['open', 'all'] as const).map((v) => ({
              value: v,
              label: t(`pickup.rma.views.${v}`),
            }))}
          />
          <Button variant={adding ? 'default' : 'filled'} onClick={() => setAdding((a) => !a)}>
            {t('pickup.rma.new')}
          </Button>
        </Group>
      </PanelHeader>
      {adding && <NewRma onDone={() => setAdding(false)} />}
      {slip && <PrintJobCard job={slip} />}
      {(q.data ?? []).length === 0 && !q.isLoading && (
        <Text size="sm" c="dimmed">
          {t('pickup.rma.empty')}
        </Text>
      )}
      {(q.data ?? []).map((r) => (
        <RmaCard key={`${r.id}-${r.version}`} r={r} onSlip={setSlip} />
      ))}
    </Stack>
  );
}
