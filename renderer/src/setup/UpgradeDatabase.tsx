import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Center,
  Group,
  List,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtRelative } from '../common/format';
import { LanguageSwitch } from '../common/Toggles';
import {
  openWorkstation,
  upgradeConfirm,
  upgradeState as readState,
  type UpgradeState,
} from './setup-transport';

const STEPS = ['admin', 'announced', 'stopped', 'backup', 'migrated', 'done'] as const;

/**
 * A newer station on a shop database other stations use, asked before any workstation exists
 * (the harness: main/web/upgrade-server.ts; the app: electron/upgrade-ipc.ts). Null while
 * unknown; false when there is nothing to upgrade.
 */
export function useUpgradeState(): UpgradeState | false | null {
  const [state, setState] = useState<UpgradeState | false | null>(null);
  useEffect(() => {
    void readState().then((s) => setState(s ?? false));
  }, []);
  return state;
}

export function UpgradeDatabase({ initial }: { initial: UpgradeState }) {
  const { t } = useTranslation();
  const [state, setState] = useState(initial);
  // kept as key and params, so switching the language re-translates it
  const [refusal, setRefusal] = useState<{ key: string; params?: Record<string, unknown> } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { name: '', pin: '' } });
  const { plan, progress } = state;
  const running = progress.running;
  const done = progress.steps.includes('done');

  // While the upgrade runs, its steps are read every half second; when done, on to sign-in.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void readState().then((s) => {
        if (s) setState(s);
        else if (state.progress.steps.includes('migrated')) void openWorkstation('upgrade');
      });
    }, 500);
    return () => clearInterval(timer);
  }, [running, state.progress.steps]);
  useEffect(() => {
    if (done) void openWorkstation('upgrade');
  }, [done]);

  const submit = async (values: { name: string; pin: string }) => {
    setBusy(true);
    setRefusal(null);
    try {
      const b = await upgradeConfirm(values);
      if (!b.ok) {
        setRefusal({ key: b.key ?? 'errors.internal', params: b.params });
        form.setFieldValue('pin', '');
      }
      const s = await readState();
      if (s) setState(s);
    } catch {
      setRefusal({ key: 'errors.internal' });
    } finally {
      setBusy(false);
    }
  };

  const started = progress.steps.length > 0 || running;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={680} data-testid="upgrade-db">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2}>{t('upgrade.title')}</Title>
            <LanguageSwitch />
          </Group>
          <Text data-testid="upgrade-intro">
            {t('upgrade.intro', {
              server: plan.server,
              shop: plan.shopVersion ?? '?',
              mine: plan.mine,
            })}
          </Text>
          <Text size="sm">{t('upgrade.stationsIntro')}</Text>
          <Table withTableBorder data-testid="upgrade-stations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('upgrade.station')}</Table.Th>
                <Table.Th>{t('upgrade.lastSeen')}</Table.Th>
                <Table.Th>{t('upgrade.version')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.stations.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td title={fmtDateTime(s.lastSeenAt)}>{fmtRelative(s.lastSeenAt)}</Table.Td>
                  <Table.Td>{s.appVersion}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t('upgrade.plan')}
          </Text>
          {started && (
            <List spacing={4} size="sm" data-testid="upgrade-steps">
              {STEPS.map((step) => {
                const reached = progress.steps.includes(step);
                const current = running && !reached && STEPS[progress.steps.length] === step;
                if (!reached && !current) return null;
                return (
                  <List.Item
                    key={step}
                    data-testid={`upgrade-step-${step}`}
                    icon={
                      current ? (
                        <Loader size={16} />
                      ) : (
                        <ThemeIcon color="green" size={16} radius="xl">
                          ✓
                        </ThemeIcon>
                      )
                    }
                  >
                    {t(`upgrade.steps.${step}`, { file: progress.backup ?? '' })}
                  </List.Item>
                );
              })}
            </List>
          )}
          {progress.failed && (
            <Alert color="red" data-testid="upgrade-failed">
              <Text size="sm">{t(`upgrade.failed.${progress.failed.step}`)}</Text>
              <Text size="xs" c="dimmed">
                {t('upgrade.detail', { message: progress.failed.message })}
              </Text>
            </Alert>
          )}
          {refusal && (
            <Alert color="red" data-testid="upgrade-refused">
              {t(refusal.key, { ...refusal.params, defaultValue: t('errors.internal') })}
            </Alert>
          )}
          {!running && !done && (
            <form onSubmit={form.onSubmit((v) => void submit(v))}>
              <Stack gap="sm">
                <Group align="flex-start" grow>
                  <TextInput
                    label={t('upgrade.admin')}
                    data-testid="upgrade-name"
                    required
                    autoFocus
                    {...form.getInputProps('name')}
                  />
                  <PasswordInput
                    label={t('upgrade.pin')}
                    data-testid="upgrade-pin"
                    required
                    {...form.getInputProps('pin')}
                  />
                </Group>
                <Group justify="flex-end">
                  <Button type="submit" color="orange" data-testid="upgrade-confirm" loading={busy}>
                    {t('upgrade.confirm')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
