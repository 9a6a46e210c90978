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
import {
  openWorkstation,
  setupNeeded,
  setupRequest,
  type Outcome,
  type SetupAction,
} from './setup-transport';

/**
 * First start on a data folder that has chosen no database (the app, or `start:web --setup`):
 * asked before any workstation exists, so it talks to Setup (setup-transport.ts), not the API.
 * Null while unknown; false on every later start.
 */
export function useSetupNeeded(): boolean | null {
  const [needed, setNeeded] = useState<boolean | null>(null);
  useEffect(() => {
    void setupNeeded().then(setNeeded);
  }, []);
  return needed;
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
  const run = async (action: SetupAction, values?: JoinValues) => {
    setBusy(true);
    const o = await setupRequest(
      action,
      values ? { ...values, joinSecret: values.joinSecret || undefined } : {},
    );
    setBusy(false);
    setOutcome(o);
    if (o.ok && action !== 'test') {
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
                onClick={() => void run('local')}
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
            <form onSubmit={form.onSubmit((v) => void run('join', v))}>
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
                      onClick={() => void run('test', form.getValues())}
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
