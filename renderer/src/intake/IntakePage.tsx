import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Grid,
  Group,
  Kbd,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconDeviceMobile,
  IconMessageReport,
  IconUser,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail, DeviceDto, IntakeResult } from '../../../main/api/contract';
import { call } from '../api/client';
import { fieldErrors } from '../api/errors';
import { ErrorText } from '../common/ErrorText';
import { Tr } from '../common/Tr';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { useNav } from '../shell/nav';
import { CustomerHistory } from './CustomerHistory';
import { CustomerSection } from './CustomerSection';
import { clearDraft, loadDraft, saveDraft } from './draftStore';
import { DraftNote, DuplicateWarning } from './IntakeNotes';
import { DeviceSection, imeiLiveError } from './DeviceSection';
import { onEnterAdvance, onEnterAdvanceCapture } from './enterAdvance';
import {
  formPath,
  initialValues,
  newIdempotencyKey,
  toPayload,
  validateLocally,
  type IntakeValues,
} from './intakeForm';
import { ProgressLookup } from './ProgressLookup';
import { ShortcutHints } from './ShortcutHints';
import { SuccessPanel } from './SuccessPanel';
import { TicketSection } from './TicketSection';
import bar from '../common/ActionBar.module.css';
import { evaluationInput, useIntakeEvaluation, WarrantyPanel } from './WarrantyPanel';
import { KbSuggestions } from '../knowledge/KbSuggestions';

function Section({
  n,
  title,
  icon,
  children,
}: {
  n: number;
  title: string;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group gap="xs" mb="xs">
        <ThemeIcon size="sm" variant="light" radius="xl">
          {icon}
        </ThemeIcon>
        <Text fw={600} size="sm">
          {n}. {title}
        </Text>
      </Group>
      {children}
    </Paper>
  );
}

/** The device a returning customer most likely brought: the one of their latest ticket. */
function likelyDevice(detail: CustomerDetail): DeviceDto | null {
  const latest = detail.tickets[0];
  const byTicket = latest && detail.devices.find((d) => d.id === latest.deviceId);
  return byTicket ?? detail.devices[0] ?? null;
}

const focusSoon = (fn: () => void) => requestAnimationFrame(() => requestAnimationFrame(fn));

export function IntakePage() {
  const { t } = useTranslation();
  const nav = useNav();
  const qc = useQueryClient();
  const staffId = useSession().staff?.id ?? 0;
  // The draft this person left (another screen, a reload, a lock screen): back on the form.
  const [restored, setRestored] = useState(() => loadDraft(staffId));
  const keyRef = useRef(restored?.idempotencyKey ?? newIdempotencyKey());
  const form = useForm<IntakeValues>({
    // A draft from before a field was added gets that field's start value.
    initialValues: restored ? { ...initialValues(), ...restored.values } : initialValues(),
    onValuesChange: (v) => saveDraft(staffId, v, keyRef.current),
  });
  const [dupOk, setDupOk] = useState<number | null>(null);
  const [dupTicket, setDupTicket] = useState<{ id: number; number: string; status: string } | null>(
    null,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const pickerRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLTextAreaElement>(null);
  const justPicked = useRef(false);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [formError, setFormError] = useState<ReactNode>(null);

  const { customerMode, customerId, deviceId } = form.values;
  const customerQ = useQuery({
    queryKey: ['customer', customerId],
    queryFn: () => call('customers.get', { id: customerId! }),
    enabled: customerMode === 'existing' && customerId !== null,
  });
  const detail = customerMode === 'existing' ? (customerQ.data ?? null) : null;
  const chosenDevice =
    detail && deviceId ? (detail.devices.find((d) => d.id === deviceId) ?? null) : null;

  // A freshly picked customer: pre-select their likely device and put focus on it (Enter moves on).
  useEffect(() => {
    if (!detail || !justPicked.current) return;
    justPicked.current = false;
    const d = likelyDevice(detail);
    form.setFieldValue('deviceId', d ? d.id : null);
    focusSoon(() => {
      if (d) pickerRef.current?.querySelector<HTMLElement>(`[data-value="${d.id}"]`)?.focus();
      else formRef.current?.querySelector<HTMLElement>('[data-testid="device-brand"]')?.focus();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail]);

  const pick = useCallback(
    (id: number) => {
      justPicked.current = true;
      form.setValues({ customerMode: 'existing', customerId: id, deviceId: null });
      form.clearErrors();
    },
    [form],
  );

  const startNew = () => {
    form.setValues({ customerMode: 'new', customerId: null, deviceId: null });
    focusSoon(() => {
      const name = formRef.current?.querySelector<HTMLInputElement>(
        '[data-testid="customer-name"]',
      );
      const phone = formRef.current?.querySelector<HTMLInputElement>(
        '[data-testid="customer-phone"]',
      );
      (name?.value && !phone?.value ? phone : name)?.focus();
    });
  };

  const clearCustomer = () => {
    form.setValues({ customerMode: 'search', customerId: null, deviceId: null });
    focusSoon(() => lookupRef.current?.focus());
  };

  // Spotlight asked for this customer.
  useEffect(() => {
    const id = nav.takePendingCustomer();
    if (id !== null) {
      setResult(null);
      pick(id);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nav.pendingCustomerId]);

  const commit = useMutation({
    mutationFn: (payload: ReturnType<typeof toPayload>) => call('intake.commit', payload),
    onSuccess: (r) => {
      clearDraft(staffId);
      setRestored(null);
      setResult(r);
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['printJobs'] });
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['customer'] });
    },
    onError: (err) => {
      const fe = fieldErrors(err);
      const mapped = Object.fromEntries(Object.entries(fe).map(([k, v]) => [formPath(k), v]));
      form.setErrors(mapped);
      setFormError(<ErrorText err={err} />);
      focusFirstError(Object.keys(mapped));
    },
  });

  const focusFirstError = (paths: string[]) => {
    const testIds: Record<string, string> = {
      'customer.name': 'customer-name',
      'customer.phone': 'customer-phone',
      'customer.email': 'customer-email',
      'device.brand': 'device-brand',
      'device.model': 'device-model',
      'device.serial': 'device-serial',
      'device.imei': 'device-imei',
      'device.purchaseDate': 'device-purchase-date',
      'ticket.problem': 'ticket-problem',
      'ticket.backupAck': 'ticket-backup-ack',
      'ticket.conditionNotes': 'ticket-condition',
      'ticket.passcode': 'ticket-passcode',
      'ticket.estimate': 'ticket-estimate',
      'ticket.deposit': 'ticket-deposit',
    };
    const first = paths.map((p) => testIds[p]).find(Boolean);
    if (first)
      focusSoon(() =>
        formRef.current?.querySelector<HTMLElement>(`[data-testid="${first}"]`)?.focus(),
      );
  };

  const checking = useRef(false);
  const save = async () => {
    if (result || commit.isPending || checking.current) return;
    setFormError(null);
    const v = form.values;
    if (v.customerMode === 'search') {
      form.setErrors({ customer: <Tr k="intake.pickCustomerFirst" /> });
      setFormError(<Tr k="intake.pickCustomerFirst" />);
      lookupRef.current?.focus();
      return;
    }
    const payload = toPayload(v, keyRef.current);
    const errors = validateLocally(payload);
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      setFormError(<Tr k="intake.fixErrors" />);
      focusFirstError(Object.keys(errors));
      return;
    }
    form.clearErrors();
    // The same device is still in the shop: say so first; a second ticket only on purpose.
    // Asked afresh: the live panel's answer may still be on its way after fast typing.
    checking.current = true;
    const now = await call('intake.evaluate', evaluationInput(v, chosenDevice))
      .then((r) => r.openTicket)
      .catch(() => null)
      .finally(() => (checking.current = false));
    if (now && dupOk !== now.id) {
      setDupTicket(now);
      return;
    }
    commit.mutate(payload);
  };

  const nextWalkIn = () => {
    keyRef.current = newIdempotencyKey();
    clearDraft(staffId);
    setRestored(null);
    setDupOk(null);
    setDupTicket(null);
    form.setValues(initialValues());
    form.clearErrors();
    form.resetDirty();
    setResult(null);
    setFormError(null);
    commit.reset();
    focusSoon(() => lookupRef.current?.focus());
  };

  const discardDraft = () => {
    nextWalkIn();
    clearDraft(staffId);
  };

  useHotkeys(
    [
      ['mod+Enter', () => void save()],
      ['alt+N', () => !result && customerMode !== 'new' && startNew()],
      ['Escape', () => result && nextWalkIn()],
    ],
    [],
  );

  useEffect(() => {
    lookupRef.current?.focus();
  }, []);

  const evaluation = useIntakeEvaluation(form.values, result ? null : chosenDevice);

  const imeiErr =
    customerMode !== 'existing' || deviceId === null
      ? imeiLiveError(form.values.device.imei)
      : null;

  return (
    <Stack gap="sm" data-testid="intake-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} data-testid="intake-title">
            {t('intake.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('intake.subtitle')}
          </Text>
        </div>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {restored && !result && (
            <DraftNote when={fmtDateTime(restored.savedAt)} onDiscard={discardDraft} />
          )}
          {result ? (
            <SuccessPanel result={result} onNext={nextWalkIn} onOpen={nav.openTicket} />
          ) : (
            <form
              ref={formRef}
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
              onKeyDown={onEnterAdvance}
              onKeyDownCapture={onEnterAdvanceCapture}
              data-testid="intake-form"
              noValidate
            >
              <Stack gap="sm">
                <Section n={1} title={t('intake.customer')} icon={<IconUser size={14} />}>
                  <CustomerSection
                    form={form}
                    lookupRef={lookupRef}
                    customer={detail?.customer ?? null}
                    onPick={pick}
                    onNew={startNew}
                    onClear={clearCustomer}
                  />
                </Section>
                <Section n={2} title={t('intake.device')} icon={<IconDeviceMobile size={14} />}>
                  <DeviceSection
                    form={form}
                    devices={detail?.devices ?? null}
                    pickerRef={pickerRef}
                  />
                </Section>
                <Section
                  n={3}
                  title={t('intake.problemSection')}
                  icon={<IconMessageReport size={14} />}
                >
                  <TicketSection form={form} problemRef={problemRef} />
                </Section>
                {dupTicket && dupOk !== dupTicket.id && (
                  <DuplicateWarning
                    ticket={dupTicket}
                    onOpen={() => nav.openTicket(dupTicket.id)}
                    onContinue={() => {
                      setDupOk(dupTicket.id);
                      setDupTicket(null);
                      commit.mutate(toPayload(form.values, keyRef.current));
                    }}
                  />
                )}
                {/* Sticky: at 1366×768 the save button stays in reach below a long form. */}
                <Group justify="space-between" py={6} className={bar.actionBar}>
                  <div>
                    {formError && (
                      <Alert
                        color="red"
                        py={6}
                        icon={<IconAlertCircle size={16} />}
                        data-testid="intake-error"
                      >
                        {formError}
                      </Alert>
                    )}
                  </div>
                  <Button
                    type="submit"
                    size="md"
                    loading={commit.isPending}
                    disabled={!!imeiErr}
                    data-testid="intake-save"
                    rightSection={
                      <Group gap={2}>
                        <Kbd size="xs">Ctrl</Kbd>
                        <Kbd size="xs">Enter</Kbd>
                      </Group>
                    }
                  >
                    {t('intake.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="sm">
            {!result && <WarrantyPanel q={evaluation} />}
            {!result && (
              <KbSuggestions
                brand={chosenDevice?.brand ?? form.values.device.brand}
                model={chosenDevice?.model ?? form.values.device.model}
                problem={form.values.ticket.problem}
              />
            )}
            {detail && !result && <CustomerHistory detail={detail} onOpen={nav.openTicket} />}
            <ProgressLookup />
            <ShortcutHints />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
