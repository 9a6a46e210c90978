import { useState, type ReactNode } from 'react';
import { Alert, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText, fieldErrors } from '../api/errors';
import { useSession } from '../auth/session';
import { DevicesPanel } from '../devices/DevicesPanel';
import { MessagesSettings } from '../messages/settings/MessagesSettings';
import { SafetyPanel } from './SafetyPanel';
import { AboutPanel } from './AboutPanel';
import { StaffPanel } from '../staff/StaffPanel';
import { StationsPanel } from '../stations/StationsPanel';
import { SettingEditor, partLabel } from './SettingEditor';
import { showNumber } from './setting-kinds';

/** Objects keyed by device type / service mode / priority read as translated pairs. */
function formatValue(
  t: (k: string, o?: Record<string, unknown>) => string,
  value: unknown,
  key = '',
): string {
  if (typeof value === 'number') return showNumber(key, value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value !== 'object' || value === null) return String(value);
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        // The same part names as the editor (a template's name, a device type…), never the raw key.
        const label = partLabel(t, k);
        const shown =
          v === null
            ? '—'
            : typeof v === 'object'
              ? Object.values(v as object).join(' / ')
              : String(v);
        return `${label} ${shown}`;
      })
      .join(' · ');
  }
  return String(value);
}

function SettingRow({ k, value, editable }: { k: string; value: unknown; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, ReactNode>>({});
  const [busy, setBusy] = useState(false);
  const labels = t('settings.labels', { returnObjects: true }) as Record<string, string>;

  const save = async (next: unknown) => {
    setBusy(true);
    setErrors({});
    try {
      await call('settings.update', { key: k, value: next });
      await qc.invalidateQueries({ queryKey: ['settings'] });
      notifications.show({
        color: 'teal',
        icon: <IconCheck size={16} />,
        message: t('settings.saved'),
      });
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(Object.keys(fe).length ? fe : { value: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Table.Tr data-testid={`setting-row-${k}`}>
      <Table.Td w="30%" style={{ verticalAlign: 'top' }}>
        {/* The label only: the stored key is for support, kept in the row's test id. */}
        <Text size="sm">{labels[k] ?? k}</Text>
      </Table.Td>
      <Table.Td>
        {editable ? (
          // Keyed by the saved value: a save (or someone else's) starts the draft afresh.
          <SettingEditor
            key={JSON.stringify(value)}
            k={k}
            value={value}
            busy={busy}
            errors={errors}
            onSave={(v) => void save(v)}
          />
        ) : (
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {typeof value === 'boolean'
              ? value
                ? t('app.yes')
                : t('app.no')
              : formatValue(t, value, k)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Settings with screens of their own, kept off the table: the logo is a picture (its control is
 * under Devices); the outbox's rules, templates and channels are edited under Settings →
 * Messages (admins only). The hand-recorded message templates stay in the table. */
const OWN_SCREENS = new Set([
  'shop.logo',
  'messages.rules',
  'messages.outboxTemplates',
  'messages.channels',
  // Default printers are per station now (the station's row, set under Devices).
  'print.defaultPrinters',
]);

export function SettingsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const q = useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
  const editable = can('settings.write');
  return (
    <Stack gap="md" maw={1000} data-testid="settings-page">
      <Title order={3}>{t('settings.title')}</Title>
      {!editable && <Alert color="gray">{t('settings.readOnly')}</Alert>}
      {can('staff.read') && <StaffPanel />}
      {can('print.read') && <DevicesPanel />}
      <SafetyPanel />
      <StationsPanel />
      {can('settings.write') && <MessagesSettings />}
      <AboutPanel />
      {q.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {errorText(t, q.error)}
        </Alert>
      )}
      {q.data && (
        <Paper withBorder radius="sm">
          <Table verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.key')}</Table.Th>
                <Table.Th>{t('settings.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(q.data)
                .filter(([k]) => !OWN_SCREENS.has(k))
                .map(([k, v]) => (
                  <SettingRow key={k} k={k} value={v} editable={editable} />
                ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
