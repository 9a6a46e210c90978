import type { KeyboardEvent, RefObject } from 'react';
import { Autocomplete, Group, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendar, IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceDto } from '../../../main/api/contract';
import { DEVICE_TYPES, PROOFS, imeiSchema, pastDate } from '../../../main/api/schemas/common';
import { call } from '../api/client';
import { fmtDate } from '../common/format';
import { FIELD } from './enterAdvance';
import { deviceLabel, type IntakeValues } from './intakeForm';
import classes from './Intake.module.css';

/** Live IMEI check with the shared schema: format once typed, Luhn at 15 digits. */
export function imeiLiveError(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!/^\d+$/.test(v) || v.length > 15) return 'errors.field.imeiFormat';
  if (v.length < 15) return null;
  const r = imeiSchema.safeParse(v);
  return r.success ? null : (r.error.issues[0]?.message ?? 'errors.field.imeiLuhn');
}

/**
 * The purchase date is typed exactly as YYYY-MM-DD and never rewritten (a date picker once
 * parsed "2030-01-01" keystroke by keystroke into 0203-01-01, and clamped a future date to
 * today). Once ten characters are typed the shared schema judges it: impossible or future → error.
 */
export function purchaseDateLiveError(value: string | null): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  if (!/^[\d-]*$/.test(v)) return 'errors.field.date';
  if (v.length < 10) return null;
  const r = pastDate.safeParse(v);
  return r.success ? null : (r.error.issues[0]?.message ?? 'errors.field.date');
}

function DevicePicker({
  devices,
  form,
  pickerRef,
}: {
  devices: DeviceDto[];
  form: UseFormReturnType<IntakeValues>;
  pickerRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const value = form.values.deviceId ? String(form.values.deviceId) : 'new';
  const options = [...devices.map((d) => String(d.id)), 'new'];
  const set = (v: string) => form.setFieldValue('deviceId', v === 'new' ? null : Number(v));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = options.indexOf(value);
    const next = options[(i + (e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : options.length - 1)) % options.length];
    set(next);
    requestAnimationFrame(() => pickerRef.current?.querySelector<HTMLElement>(`[data-value="${next}"]`)?.focus());
  };
  return (
    <Radio.Group value={value} onChange={set} label={t('intake.earlierDevices')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt={4} ref={pickerRef} onKeyDown={onKeyDown} data-testid="device-picker">
        {devices.map((d) => (
          <Radio.Card
            key={d.id}
            value={String(d.id)}
            data-value={String(d.id)}
            className={classes.deviceCard}
            p="xs"
            radius="sm"
            tabIndex={value === String(d.id) ? 0 : -1}
            {...(value === String(d.id) ? FIELD : {})}
            data-testid={`device-option-${d.id}`}
          >
            <Group wrap="nowrap" align="flex-start" gap="xs">
              <Radio.Indicator size="xs" mt={3} />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {deviceLabel(d)}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {t(`deviceType.${d.type}`)}
                  {d.imei ? ` · IMEI ${d.imei}` : d.serial ? ` · S/N ${d.serial}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {d.purchaseDate ? fmtDate(d.purchaseDate) : '—'} · {t(`proof.${d.proof}`)}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
        <Radio.Card
          value="new"
          data-value="new"
          className={classes.deviceCard}
          p="xs"
          radius="sm"
          tabIndex={value === 'new' ? 0 : -1}
          {...(value === 'new' ? FIELD : {})}
          data-testid="device-option-new"
        >
          <Group wrap="nowrap" gap="xs">
            <Radio.Indicator size="xs" />
            <IconPlus size={16} />
            <Text size="sm" fw={600}>
              {t('intake.newDevice')}
            </Text>
          </Group>
        </Radio.Card>
      </SimpleGrid>
    </Radio.Group>
  );
}

function uniq(values: string[]) {
  return Array.from(new Set(values.filter(Boolean)));
}

function NewDeviceFields({ form }: { form: UseFormReturnType<IntakeValues> }) {
  const { t } = useTranslation();
  const d = form.values.device;
  const [brandQ] = useDebouncedValue(d.brand.trim(), 150);
  const [modelQ] = useDebouncedValue(d.model.trim(), 150);
  const brands = useQuery({
    queryKey: ['models', 'brands', d.type],
    queryFn: () => call('devices.models', { q: '', type: d.type, limit: 100 }),
    staleTime: 60_000,
  });
  const models = useQuery({
    queryKey: ['models', d.type, brandQ, modelQ],
    queryFn: () => call('devices.models', { q: modelQ, type: d.type, brand: brandQ || undefined, limit: 12 }),
    staleTime: 30_000,
  });
  const live = imeiLiveError(d.imei);
  const imeiError = form.errors['device.imei'] ?? (live ? t(live) : undefined);
  const imeiOk = d.imei.length === 15 && !live;
  const dateErr = purchaseDateLiveError(d.purchaseDate);

  return (
    <Stack gap="xs" data-testid="new-device">
      <SegmentedControl
        fullWidth
        size="xs"
        {...FIELD}
        data-testid="device-type"
        value={d.type}
        onChange={(v) => form.setFieldValue('device.type', v as IntakeValues['device']['type'])}
        data={DEVICE_TYPES.map((dt) => ({ value: dt, label: t(`deviceType.${dt}`) }))}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Autocomplete
          label={t('intake.brand')}
          withAsterisk
          {...FIELD}
          data-testid="device-brand"
          selectFirstOptionOnChange
          data={uniq((brands.data ?? []).map((m) => m.brand)).slice(0, 30)}
          {...form.getInputProps('device.brand')}
        />
        <Autocomplete
          label={t('intake.model')}
          withAsterisk
          {...FIELD}
          data-testid="device-model"
          selectFirstOptionOnChange
          data={uniq((models.data ?? []).map((m) => m.model))}
          {...form.getInputProps('device.model')}
          onOptionSubmit={(model) => {
            const hit = models.data?.find((m) => m.model === model);
            if (hit && !form.values.device.brand) form.setFieldValue('device.brand', hit.brand);
          }}
        />
        <TextInput label={t('intake.serial')} {...FIELD} data-testid="device-serial" {...form.getInputProps('device.serial')} />
        <TextInput
          label={t('intake.imei')}
          inputMode="numeric"
          maxLength={20}
          placeholder={t('intake.imeiHint')}
          {...FIELD}
          data-testid="device-imei"
          {...form.getInputProps('device.imei')}
          error={imeiError}
          rightSection={imeiOk ? <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" /> : undefined}
          description={imeiOk ? t('intake.imeiOk') : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('intake.purchaseDate')}
          placeholder="YYYY-MM-DD"
          inputMode="numeric"
          maxLength={10}
          leftSection={<IconCalendar size={16} />}
          {...FIELD}
          data-testid="device-purchase-date"
          {...form.getInputProps('device.purchaseDate')}
          value={d.purchaseDate ?? ''}
          error={form.errors['device.purchaseDate'] ?? (dateErr ? t(dateErr) : undefined)}
        />
        <Select
          label={t('intake.proof')}
          allowDeselect={false}
          data={PROOFS.map((p) => ({ value: p, label: t(`proof.${p}`) }))}
          {...FIELD}
          data-testid="device-proof"
          {...form.getInputProps('device.proof')}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function DeviceSection({
  form,
  devices,
  pickerRef,
}: {
  form: UseFormReturnType<IntakeValues>;
  devices: DeviceDto[] | null;
  pickerRef: RefObject<HTMLDivElement | null>;
}) {
  const existing = form.values.customerMode === 'existing' && devices && devices.length > 0;
  return (
    <Stack gap="sm">
      {existing && <DevicePicker devices={devices} form={form} pickerRef={pickerRef} />}
      {(!existing || form.values.deviceId === null) && <NewDeviceFields form={form} />}
    </Stack>
  );
}
