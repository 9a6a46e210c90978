import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PeripheralDto, PeripheralStatus } from '../../../main/api/contract';
import { PRINT_JOB_KINDS } from '../../../main/api/schemas/devices';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { DeviceForm } from './DeviceForm';
import { ShopLogo } from './ShopLogo';
import { HARDWARE_KEY } from './hardwareQuery';
import { deviceTextOf } from './device-text';

const STATE_COLOR: Record<PeripheralStatus['state'], string> = {
  online: 'teal',
  connecting: 'yellow',
  offline: 'red',
  disabled: 'gray',
};

export function StatusBadge({ status }: { status: PeripheralStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const warn = status.state === 'online' && status.condition;
  const badge = (
    <Badge
      color={warn ? 'orange' : STATE_COLOR[status.state]}
      variant="light"
      style={{ flexShrink: 0, overflow: 'visible' }}
      miw={90}
      data-testid={`device-status-${status.deviceId}`}
      data-state={status.state}
    >
      {warn ? t(`hardware.condition.${status.condition}`) : t(`hardware.state.${status.state}`)}
    </Badge>
  );
  return status.detail && status.state !== 'online' ? (
    <Tooltip label={deviceTextOf(t, status.detail)}>{badge}</Tooltip>
  ) : (
    badge
  );
}

function portLine(d: PeripheralDto, t: (k: string) => string) {
  const line = `${d.baudRate} ${d.dataBits}${d.parity[0].toUpperCase()}${d.stopBits}`;
  if (d.kind === 'label_printer')
    return `${line} · ${d.options.dpi} dpi · ${d.options.labelWidthMm}×${d.options.labelHeightMm} mm`;
  if (d.kind === 'receipt_printer')
    return `${line} · ${d.options.paperMm} mm · ${t(`hardware.codePage.${d.options.codePage}`)}`;
  return line;
}

/** Settings → Devices: the shop's scanners and printers with live status, test print and the
 * default printer for each job kind. Everyone sees the status; admins change things. */
export function DevicesPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const manage = can('devices.manage');
  const [editing, setEditing] = useState<PeripheralDto | 'new' | null>(null);
  const q = useQuery({ queryKey: HARDWARE_KEY, queryFn: () => call('hardware.list', {}) });
  const refresh = () => qc.invalidateQueries({ queryKey: HARDWARE_KEY });
  const devices = q.data?.devices ?? [];
  const printers = devices.filter((d) => d.kind !== 'scanner');

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      notifications.show({ color: 'teal', message: ok });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    } finally {
      await refresh();
      await qc.invalidateQueries({ queryKey: ['printJobs'] });
    }
  };

  const remove = (d: PeripheralDto) =>
    modals.openConfirmModal({
      title: t('hardware.remove'),
      children: <Text size="sm">{t('hardware.removeConfirm', { name: d.name })}</Text>,
      labels: { confirm: t('hardware.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void run(() => call('hardware.remove', { id: d.id }), t('hardware.removed')),
    });

  return (
    <Paper withBorder p="md" radius="sm" data-testid="devices-panel">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('hardware.title')}</Title>
        {manage && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
            data-testid="device-add"
          >
            {t('hardware.add')}
          </Button>
        )}
      </Group>
      {q.isError && <Alert color="red">{errorText(t, q.error)}</Alert>}
      {q.data && devices.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('hardware.none')}
        </Text>
      )}
      {devices.length > 0 && (
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('hardware.columns.name')}</Table.Th>
              <Table.Th>{t('hardware.columns.kind')}</Table.Th>
              <Table.Th>{t('hardware.columns.port')}</Table.Th>
              <Table.Th>{t('hardware.columns.status')}</Table.Th>
              {manage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.id} data-testid={`device-row-${d.id}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {d.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`hardware.kind.${d.kind}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {d.path}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {portLine(d, t)}
                  </Text>
                </Table.Td>
                <Table.Td w={140}>
                  <StatusBadge status={q.data?.status.find((s) => s.deviceId === d.id)} />
                </Table.Td>
                {manage && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {d.kind !== 'scanner' && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          leftSection={<IconPrinter size={12} />}
                          onClick={() =>
                            void run(
                              () => call('hardware.testPrint', { id: d.id }),
                              t('hardware.testQueued', { name: d.name }),
                            )
                          }
                          data-testid={`device-test-${d.id}`}
                        >
                          {t('hardware.testPrint')}
                        </Button>
                      )}
                      <Tooltip label={t('hardware.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('hardware.edit')}
                          onClick={() => setEditing(d)}
                        >
                          <IconPencil size={14} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('hardware.remove')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('hardware.remove')}
                          onClick={() => remove(d)}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {printers.length > 0 && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={500}>
            {t('hardware.defaults')}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {PRINT_JOB_KINDS.filter((k) => k !== 'test_print').map((kind) => (
              <Select
                key={kind}
                size="xs"
                label={t(`hardware.jobKind.${kind}`)}
                disabled={!manage}
                placeholder={t('hardware.defaultAuto')}
                clearable
                data={printers.map((p) => ({ value: String(p.id), label: p.name }))}
                value={q.data?.defaults[kind] ? String(q.data.defaults[kind]) : null}
                onChange={(v) =>
                  void run(
                    () =>
                      call('hardware.setDefault', {
                        jobKind: kind,
                        deviceId: v ? Number(v) : null,
                      }),
                    t('hardware.saved'),
                  )
                }
                data-testid={`default-${kind}`}
              />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {printers.length > 0 && <ShopLogo />}
      {editing && (
        <DeviceForm
          opened
          device={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifications.show({ color: 'teal', message: t('hardware.saved') });
            void refresh();
          }}
        />
      )}
    </Paper>
  );
}
