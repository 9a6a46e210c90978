import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartRow, PrintJobDto, RmaDto } from '../../../main/api/contract';
import { RMA_PROOFS } from '../../../main/api/schemas/pickup';
import { call } from '../api/client';
import { fieldErrors } from '../api/errors';
import { ErrorText } from '../common/ErrorText';
import { fmtDateTime, fmtMoney, toCents } from '../common/format';
import { PrintJobCard } from '../print/PrintPreview';
import { CaseCard, CaseToolbar, NewCaseForm, ToldStep } from './CaseParts';
import { ManagerApprovalFields } from './ManagerApproval';
import { QueryState } from '../common/QueryState';
import { PanelHeader } from './PanelHeader';
import { pickupKeys, usePickupCall } from './pickupApi';
import { MoneyInput, moneyError } from '../common/MoneyInput';

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
      if (!customer) return setError(t('pickup.rma.customerNotFound'));
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
    <NewCaseForm
      error={error}
      busy={request.isPending}
      disabled={!f.phone || !f.product || !f.proofRef || !f.reason}
      submitLabel={t('pickup.rma.new')}
      onSubmit={() => void submit()}
    >
      <Group grow>
        <TextInput label={t('pickup.rma.customerPhone')} value={f.phone} onChange={set('phone')} />
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
        <TextInput label={t('pickup.rma.proofRef')} value={f.proofRef} onChange={set('proofRef')} />
      </Group>
      <Textarea
        label={t('pickup.rma.reason')}
        autosize
        minRows={2}
        value={f.reason}
        onChange={set('reason')}
      />
    </NewCaseForm>
  );
}

/** Refund (manager PIN) or exchange (a unit from stock; the returned one goes where inspection said). */
function ResolveStep({ r }: { r: RmaDto }) {
  const { t } = useTranslation();
  const [refund, setRefund] = useState<number | string>('');
  const [managerId, setManagerId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  // The chosen part is kept, not looked up in the latest results: picking an option puts its
  // label in the search box, and that search need not find the part again.
  const [chosen, setChosen] = useState<PartRow | null>(null);
  const [exchangeSerial, setExchangeSerial] = useState('');
  const [returnedSerial, setReturnedSerial] = useState('');
  const resolve = usePickupCall('rma.resolve', { notifyErrors: false });
  const parts = useQuery({
    queryKey: ['inventory', 'rma-exchange', debounced],
    queryFn: () => call('parts.search', { q: debounced, limit: 20 }),
  });
  const found = parts.data ?? [];
  const options = chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;
  const errors = resolve.error ? fieldErrors(resolve.error) : {};
  const base = { id: r.id, version: r.version };
  return (
    <Stack gap={6} mt="xs" w="100%">
      <Text size="xs" c={r.sound ? 'teal' : 'orange'} data-testid="rma-inspected">
        {t(`pickup.rma.inspected.${r.sound ? 'sound' : 'faulty'}`)}
      </Text>
      <Group gap="xs" align="flex-start">
        <Select
          w={360}
          size="xs"
          label={t('pickup.rma.stockPart')}
          placeholder={t('pickup.rma.stockPartHint')}
          searchable
          searchValue={q}
          onSearchChange={setQ}
          filter={({ options }) => options}
          data={options.map((p) => ({
            value: String(p.id),
            label: `${p.sku} · ${p.name} · ${t('pickup.rma.inStock', { available: p.available })}`,
          }))}
          value={chosen ? String(chosen.id) : null}
          onChange={(id) => setChosen(options.find((p) => String(p.id) === id) ?? null)}
          error={errors.partId}
          data-testid="rma-exchange-part"
        />
        {chosen?.serialTracked && (
          <TextInput
            w={170}
            size="xs"
            label={t('pickup.rma.exchangeSerial')}
            placeholder={t('pickup.rma.exchangeSerialHint')}
            value={exchangeSerial}
            onChange={(e) => setExchangeSerial(e.currentTarget.value)}
            error={errors.exchangeSerial}
            data-testid="rma-exchange-serial"
          />
        )}
        {chosen?.serialTracked && !r.serial && (
          <TextInput
            w={170}
            size="xs"
            label={t('pickup.rma.returnedSerial')}
            value={returnedSerial}
            onChange={(e) => setReturnedSerial(e.currentTarget.value)}
            error={errors.returnedSerial}
          />
        )}
        <Button
          size="xs"
          mt={22}
          variant="light"
          disabled={!chosen}
          loading={resolve.isPending && resolve.variables?.outcome === 'exchange'}
          onClick={() =>
            void resolve
              .run({
                ...base,
                outcome: 'exchange',
                partId: chosen?.id,
                exchangeSerial: exchangeSerial || undefined,
                returnedSerial: returnedSerial || undefined,
              })
              .catch(() => undefined)
          }
          data-testid="rma-exchange"
        >
          {t('pickup.rma.exchange')}
        </Button>
      </Group>
      <Group gap="xs" align="flex-start">
        <MoneyInput
          w={120}
          size="xs"
          label={t('pickup.rma.refundAmount')}
          value={refund}
          onChange={setRefund}
          error={errors.refundCents}
        />
        <ManagerApprovalFields
          labelled
          managerId={managerId}
          onManager={setManagerId}
          pin={pin}
          onPin={setPin}
          error={errors['approval.pin']}
        />
        <Button
          size="xs"
          mt={22}
          disabled={!toCents(refund) || moneyError(refund, { positive: true }) !== null || !managerId}
          loading={resolve.isPending && resolve.variables?.outcome === 'refund'}
          onClick={() =>
            void resolve
              .run({
                ...base,
                outcome: 'refund',
                refundCents: toCents(refund),
                approval: { staffId: Number(managerId), pin },
              })
              .catch(() => undefined)
          }
        >
          {t('pickup.rma.refund')}
        </Button>
      </Group>
      {resolve.error && (
        <Alert color="red" variant="light" py={6} data-testid="rma-resolve-error">
          <ErrorText err={resolve.error} />
        </Alert>
      )}
    </Stack>
  );
}

function RmaCard({ r, onSlip }: { r: RmaDto; onSlip: (job: PrintJobDto) => void }) {
  const { t } = useTranslation();
  const [inspection, setInspection] = useState('');
  const [sound, setSound] = useState(true);
  const verify = usePickupCall('rma.verify');
  const receive = usePickupCall('rma.receive');
  const tell = usePickupCall('rma.tell');
  const base = { id: r.id, version: r.version };
  return (
    <CaseCard
      kind="rma"
      status={t(`pickup.rma.statuses.${r.status}`)}
      head={
        <>
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
        </>
      }
    >
      <Text size="xs" c="dimmed">
        {t(`pickup.rma.proofs.${r.proof}`)} {r.proofRef} · {r.reason} · {fmtDateTime(r.updatedAt)}
        {r.inspection && ` · ${r.inspection}`}
        {r.refundCents !== null && ` · ${t('pickup.rma.refund')} ${fmtMoney(r.refundCents)}`}
        {r.exchangeSerial && ` · ${t('pickup.rma.exchangeSerial')} ${r.exchangeSerial}`}
        {r.toldChannel && ` · ${t(`pickup.messages.channels.${r.toldChannel}`)}`}
      </Text>
      {r.status === 'received' && <ResolveStep r={r} />}
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
        {(r.status === 'refunded' || r.status === 'exchanged') && (
          <ToldStep
            label={t('pickup.messages.channel')}
            buttonLabel={t('pickup.rma.tell')}
            busy={tell.isPending}
            onTold={(channel) => void tell.run({ ...base, channel })}
          />
        )}
      </Group>
    </CaseCard>
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
        <CaseToolbar
          views={['open', 'all'] as const}
          view={view}
          onView={setView}
          labelPrefix="pickup.rma.views"
          adding={adding}
          onToggle={() => setAdding((a) => !a)}
          newLabel={t('pickup.rma.new')}
          addTestId="rma-add"
        >
          <TextInput
            w={170}
            placeholder={t('pickup.rma.lookup')}
            aria-label={t('pickup.rma.lookup')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
        </CaseToolbar>
      </PanelHeader>
      {adding && <NewRma onDone={() => setAdding(false)} />}
      {slip && <PrintJobCard job={slip} />}
      <QueryState query={q} empty={t('pickup.rma.empty')}>
        {(rows) => rows.map((r) => <RmaCard key={`${r.id}-${r.version}`} r={r} onSlip={setSlip} />)}
      </QueryState>
    </Stack>
  );
}
