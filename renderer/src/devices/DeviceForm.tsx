import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOf, PeripheralDto, PeripheralKind } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText, fieldErrors } from '../api/errors';

const BAUDS = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'];

interface Values {
  kind: PeripheralKind;
  name: string;
  path: string;
  baudRate: string;
  dataBits: string;
  parity: PeripheralDto['parity'];
  stopBits: string;
  dpi: string;
  labelWidthMm: number;
  labelHeightMm: number;
  hostStatus: boolean;
  paperMm: string;
  codePage: 'gbk' | 'cp437';
  silenceMs: number;
  enabled: boolean;
}

const fromDevice = (d: PeripheralDto | null): Values => ({
  kind: d?.kind ?? 'label_printer',
  name: d?.name ?? '',
  path: d?.path ?? '',
  baudRate: String(d?.baudRate ?? 9600),
  dataBits: String(d?.dataBits ?? 8),
  parity: d?.parity ?? 'none',
  stopBits: String(d?.stopBits ?? 1),
  dpi: String(d?.options.dpi ?? 203),
  labelWidthMm: d?.options.labelWidthMm ?? 50,
  labelHeightMm: d?.options.labelHeightMm ?? 30,
  hostStatus: d?.options.hostStatus ?? true,
  paperMm: String(d?.options.paperMm ?? 80),
  codePage: d?.options.codePage ?? 'gbk',
  silenceMs: d?.options.silenceMs ?? 100,
  enabled: d?.enabled ?? true,
});

function toInput(v: Values, id: number | undefined): InputOf<'hardware.save'> {
  const options =
    v.kind === 'label_printer'
      ? {
          dpi: Number(v.dpi) as 203 | 300,
          labelWidthMm: v.labelWidthMm,
          labelHeightMm: v.labelHeightMm,
          hostStatus: v.hostStatus,
        }
      : v.kind === 'receipt_printer'
        ? { paperMm: Number(v.paperMm) as 58 | 80, codePage: v.codePage }
        : { silenceMs: v.silenceMs };
  return {
    id,
    kind: v.kind,
    name: v.name,
    path: v.path,
    baudRate: Number(v.baudRate),
    dataBits: Number(v.dataBits) as PeripheralDto['dataBits'],
    parity: v.parity,
    stopBits: Number(v.stopBits) as PeripheralDto['stopBits'],
    options,
    enabled: v.enabled,
  };
}

/** Add or edit one serial device: port and line settings, then what the device speaks. */
export function DeviceForm({
  device,
  opened,
  onClose,
  onSaved,
}: {
  device: PeripheralDto | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: fromDevice(device) });
  const ports = useQuery({
    queryKey: ['hardware', 'ports'],
    queryFn: () => call('hardware.ports', {}),
    enabled: opened,
  });
  const v = form.values;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('hardware.save', toInput(values, device?.id));
      onSaved();
    } catch (err) {
      const fe = fieldErrors(err);
      if (Object.keys(fe).length) form.setErrors(fe);
      else setError(errorText(t, err));
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={device ? t('hardware.edit') : t('hardware.add')}
      size="lg"
    >
      <form onSubmit={submit} data-testid="device-form">
        <Stack gap="sm">
          <SegmentedControl
            disabled={!!device}
            data={(['label_printer', 'receipt_printer', 'scanner'] as const).map((k) => ({
              value: k,
              label: t(`hardware.kind.${k}`),
            }))}
            {...form.getInputProps('kind')}
            data-testid="device-kind"
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t('hardware.field.name')}
              data-autofocus
              {...form.getInputProps('name')}
              data-testid="device-name"
            />
            <Autocomplete
              label={t('hardware.field.path')}
              description={
                ports.data?.error ? t('hardware.field.portsError') : t('hardware.field.pathHint')
              }
              data={(ports.data?.ports ?? []).map((p) => p.path)}
              placeholder="/dev/ttyUSB0"
              {...form.getInputProps('path')}
              data-testid="device-path"
            />
          </SimpleGrid>
          <SimpleGrid cols={4} spacing="sm">
            <Select
              label={t('hardware.field.baudRate')}
              data={BAUDS}
              allowDeselect={false}
              {...form.getInputProps('baudRate')}
            />
            <Select
              label={t('hardware.field.dataBits')}
              data={['5', '6', '7', '8']}
              allowDeselect={false}
              {...form.getInputProps('dataBits')}
            />
            <Select
              label={t('hardware.field.parity')}
              data={(['none', 'even', 'odd', 'mark', 'space'] as const).map((p) => ({
                value: p,
                label: t(`hardware.parity.${p}`),
              }))}
              allowDeselect={false}
              {...form.getInputProps('parity')}
            />
            <Select
              label={t('hardware.field.stopBits')}
              data={['1', '1.5', '2']}
              allowDeselect={false}
              {...form.getInputProps('stopBits')}
            />
          </SimpleGrid>
          {v.kind === 'label_printer' && (
            <>
              <Group grow align="flex-end">
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('hardware.field.dpi')}
                  </Text>
                  <SegmentedControl
                    data={['203', '300'].map((d) => ({ value: d, label: `${d} dpi` }))}
                    {...form.getInputProps('dpi')}
                  />
                </Stack>
                <NumberInput
                  label={t('hardware.field.labelWidth')}
                  min={20}
                  max={120}
                  {...form.getInputProps('labelWidthMm')}
                />
                <NumberInput
                  label={t('hardware.field.labelHeight')}
                  min={10}
                  max={200}
                  {...form.getInputProps('labelHeightMm')}
                />
              </Group>
              <Checkbox
                label={t('hardware.field.hostStatus')}
                {...form.getInputProps('hostStatus', { type: 'checkbox' })}
              />
            </>
          )}
          {v.kind === 'receipt_printer' && (
            <Group grow>
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('hardware.field.paperMm')}
                </Text>
                <SegmentedControl
                  data={['58', '80'].map((d) => ({ value: d, label: `${d} mm` }))}
                  {...form.getInputProps('paperMm')}
                />
              </Stack>
              <Select
                label={t('hardware.field.codePage')}
                data={(['gbk', 'cp437'] as const).map((c) => ({
                  value: c,
                  label: t(`hardware.codePage.${c}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps('codePage')}
              />
            </Group>
          )}
          {v.kind === 'scanner' && (
            <NumberInput
              label={t('hardware.field.silenceMs')}
              min={5}
              max={2000}
              w={260}
              {...form.getInputProps('silenceMs')}
            />
          )}
          <Switch
            label={t('hardware.field.enabled')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" data-testid="device-save">
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
