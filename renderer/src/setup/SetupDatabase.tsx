import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../common/Toggles';

/**
 * The harness's first start on a data folder that has chosen no database (`start:web --setup`):
 * asked before any workstation exists, so it talks to the setup routes, not the API.
 * Null while unknown; false in Electron and on every later start.
 */
export function useSetupNeeded(): boolean | null {
  const [needed, setNeeded] = useState<boolean | null>(window.workstation ? false : null);
  useEffect(() => {
    if (window.workstation) return;
    fetch('/setup/state')
      .then((r) => r.json() as Promise<{ needed?: boolean }>)
      // the workstation's harness answers this path with the page itself: not JSON
      .then((b) => setNeeded(b.needed === true))
      .catch(() => setNeeded(false));
  }, []);
  return needed;
}

type Outcome =
  | { ok: true; server?: string; empty?: boolean; shopKey?: boolean }
  | { ok: false; code: string; params?: Record<string, string> };

async function post(path: string, body: unknown): Promise<Outcome> {
  try {
    const r = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await r.json()) as Outcome;
  } catch {
    return { ok: false, code: 'SETUP_FAILED' };
  }
}

/** Waits until the workstation's harness answers on this port, then loads the app. */
export async function openWorkstation(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    try {
      const r = await fetch('/api');
      if (r.ok) break;
    } catch {
      // the setup server has gone, the workstation is still opening
    }
  }
  window.location.reload();
}

interface JoinValues {
  host: string;
  port: number | string;
  database: string;
  user: string;
  password: string;
  joinSecret: string;
}

export function SetupDatabase() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'choose' | 'join' | 'opening'>('choose');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm<JoinValues>({
    initialValues: {
      host: '',
      port: 5432,
      database: 'shop',
      user: 'shop',
      password: '',
      joinSecret: '',
    },
  });
  const message = (o: Outcome): string => {
    if (o.ok) return t(o.empty ? 'setupDb.okEmpty' : 'setupDb.okShop', { server: o.server });
    return o.code.startsWith('ENGINE_')
      ? t(`engine.errors.${o.code}`, o.params ?? {})
      : t(`setupDb.errors.${o.code}`, { defaultValue: t('setupDb.errors.SETUP_FAILED') });
  };
  const run = async (path: string, values?: JoinValues) => {
    setBusy(true);
    const o = await post(
      path,
      values ? { ...values, joinSecret: values.joinSecret || undefined } : {},
    );
    setBusy(false);
    setOutcome(o);
    if (o.ok && path !== '/setup/test') {
      setMode('opening');
      await openWorkstation();
    }
  };

  if (mode === 'opening') {
    return (
      <Center h="100vh" data-testid="setup-opening">
        <Group>
          <Loader size="sm" />
          <Text>{t('setupDb.opening')}</Text>
        </Group>
      </Center>
    );
  }
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={560} data-testid="setup-db">
        <Stack>
          <Group justify="space-between">
            <Title order={2}>{t('setupDb.title')}</Title>
            <LanguageSwitch />
          </Group>
          {mode === 'choose' ? (
            <>
              <Text>{t('setupDb.intro')}</Text>
              <Button
                size="md"
                data-testid="setup-local"
                onClick={() => void run('/setup/local')}
                loading={busy}
              >
                {t('setupDb.local')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('setupDb.localHint')}
              </Text>
              <Button
                size="md"
                variant="light"
                data-testid="setup-join"
                onClick={() => setMode('join')}
              >
                {t('setupDb.join')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('setupDb.joinHint')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('setupDb.moveHint')}
              </Text>
            </>
          ) : (
            <form onSubmit={form.onSubmit((v) => void run('/setup/join', v))}>
              <Stack gap="sm">
                <Group grow align="flex-start">
                  <TextInput
                    label={t('setupDb.host')}
                    data-testid="setup-host"
                    required
                    {...form.getInputProps('host')}
                  />
                  <NumberInput
                    label={t('setupDb.port')}
                    data-testid="setup-port"
                    min={1}
                    max={65535}
                    maw={120}
                    {...form.getInputProps('port')}
                  />
                </Group>
                <Group grow>
                  <TextInput
                    label={t('setupDb.database')}
                    data-testid="setup-database"
                    required
                    {...form.getInputProps('database')}
                  />
                  <TextInput
                    label={t('setupDb.user')}
                    data-testid="setup-user"
                    required
                    {...form.getInputProps('user')}
                  />
                </Group>
                <PasswordInput
                  label={t('setupDb.password')}
                  data-testid="setup-password"
                  {...form.getInputProps('password')}
                />
                <PasswordInput
                  label={t('setupDb.joinSecret')}
                  description={t('setupDb.joinSecretHint')}
                  data-testid="setup-secret"
                  {...form.getInputProps('joinSecret')}
                />
                {outcome && (
                  <Alert color={outcome.ok ? 'green' : 'red'} data-testid="setup-outcome">
                    {message(outcome)}
                  </Alert>
                )}
                <Group justify="space-between">
                  <Button variant="subtle" onClick={() => setMode('choose')}>
                    {t('setupDb.back')}
                  </Button>
                  <Group>
                    <Button
                      variant="default"
                      data-testid="setup-test"
                      loading={busy}
                      onClick={() => void run('/setup/test', form.getValues())}
                    >
                      {t('setupDb.test')}
                    </Button>
                    <Button type="submit" data-testid="setup-connect" loading={busy}>
                      {t('setupDb.connect')}
                    </Button>
                  </Group>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
