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
import { openWorkstation } from './setup-transport';

const STEPS = ['admin', 'announced', 'stopped', 'backup', 'migrated', 'done'] as const;
type Step = (typeof STEPS)[number];

interface UpgradeState {
  needed: true;
  plan: {
    server: string;
    shopVersion: string | null;
    mine: string;
    stations: Array<{ id: string; name: string; appVersion: string; lastSeenAt: number }>;
  };
  progress: {
    steps: Step[];
    backup?: string;
    running: boolean;
    failed?: { step: 'backup' | 'migrate'; message: string };
  };
}

async function readState(): Promise<UpgradeState | null> {
  try {
    const r = await fetch('/upgrade/state');
    const b = (await r.json()) as Partial<UpgradeState>;
    return b.needed === true ? (b as UpgradeState) : null;
  } catch {
    // the workstation's harness answers this path with the page itself: not JSON
    return null;
  }
}

/**
 * A newer station's harness on a shop database other stations use: asked before any workstation
 * exists (main/web/upgrade-server.ts). Null while unknown; false in Electron and whenever the
 * harness is the workstation.
 */
export function useUpgradeState(): UpgradeState | false | null {
  const [state, setState] = useState<UpgradeState | false | null>(
    window.workstation ? false : null,
  );
  useEffect(() => {
    if (window.workstation) return;
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
        else if (state.progress.steps.includes('migrated')) void openWorkstation();
      });
    }, 500);
    return () => clearInterval(timer);
  }, [running, state.progress.steps]);
  useEffect(() => {
    if (done) void openWorkstation();
  }, [done]);

  const submit = async (values: { name: string; pin: string }) => {
    setBusy(true);
    setRefusal(null);
    try {
      const r = await fetch('/upgrade/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values),
      });
      const b = (await r.json()) as { ok: boolean; key?: string; params?: Record<string, unknown> };
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
