import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelSettings, ChannelSettingsDto, InputOf } from '../../../main/api/contract';
import { call } from '../api/client';
import { TestMessage } from './TestMessage';
import { errorText, fieldErrors } from '../api/errors';

const KEY = ['messageChannels'];

/** The form mirrors the API's paths (email.smtp.port…), so a refused field is marked in place. */
interface Values {
  email: { provider: 'none' | 'smtp'; smtp: NonNullable<ChannelSettings['email']['smtp']> };
  sms: {
    provider: 'none' | 'twilio' | 'aliyun';
    twilio: { accountSid: string; from: string; messagingServiceSid: string };
    aliyun: {
      accessKeyId: string;
      signName: string;
      templateCode: { en: string; zh: string };
      templateParam: string;
    };
  };
  secrets: { smtpPassword: string; twilioAuthToken: string; aliyunAccessKeySecret: string };
}

function toValues(s: ChannelSettings): Values {
  return {
    email: {
      provider: s.email.provider,
      smtp: s.email.smtp ?? {
        host: '',
        port: 587,
        security: 'starttls',
        user: '',
        fromAddress: '',
        fromName: '',
        rejectUnauthorized: true,
      },
    },
    sms: {
      provider: s.sms.provider,
      twilio: {
        accountSid: s.sms.twilio?.accountSid ?? '',
        from: s.sms.twilio?.from ?? '',
        messagingServiceSid: s.sms.twilio?.messagingServiceSid ?? '',
      },
      aliyun: {
        accessKeyId: s.sms.aliyun?.accessKeyId ?? '',
        signName: s.sms.aliyun?.signName ?? '',
        templateCode: s.sms.aliyun?.templateCode ?? { en: '', zh: '' },
        templateParam: s.sms.aliyun?.templateParam ?? 'content',
      },
    },
    secrets: { smtpPassword: '', twilioAuthToken: '', aliyunAccessKeySecret: '' },
  };
}

/** Only what the chosen providers use is sent; provider addresses set outside the screen
 * (tests, support) are kept; a blank secret keeps the stored one. */
function toInput(v: Values, saved: ChannelSettings): InputOf<'messageChannels.save'> {
  const secrets = Object.fromEntries(
    Object.entries(v.secrets).filter(([, s]) => s !== ''),
  ) as InputOf<'messageChannels.save'>['secrets'];
  return {
    email: { provider: v.email.provider, smtp: v.email.provider === 'smtp' ? v.email.smtp : null },
    sms: {
      provider: v.sms.provider,
      twilio:
        v.sms.provider === 'twilio'
          ? { ...v.sms.twilio, ...(saved.sms.twilio ? { baseUrl: saved.sms.twilio.baseUrl } : {}) }
          : null,
      aliyun:
        v.sms.provider === 'aliyun'
          ? {
              ...v.sms.aliyun,
              ...(saved.sms.aliyun ? { endpoint: saved.sms.aliyun.endpoint } : {}),
            }
          : null,
    },
    secrets,
  };
}

function SecretInput({
  form,
  name,
  label,
  set,
}: {
  form: ReturnType<typeof useForm<Values>>;
  name: keyof Values['secrets'];
  label: string;
  set: boolean;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      size="xs"
      label={
        <Group gap={6} component="span">
          {label}
          <Badge
            size="xs"
            variant="light"
            color={set ? 'teal' : 'gray'}
            data-testid={`mc-secret-${name}-state`}
          >
            {set ? t('messageChannels.secret.set') : t('messageChannels.secret.notSet')}
          </Badge>
        </Group>
      }
      placeholder={
        set
          ? t('messageChannels.secret.placeholderSet')
          : t('messageChannels.secret.placeholderNew')
      }
      autoComplete="new-password"
      data-testid={`mc-secret-${name}`}
      {...form.getInputProps(`secrets.${name}`)}
    />
  );
}

function ChannelsForm({ dto }: { dto: ChannelSettingsDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<Values>({ initialValues: toValues(dto.settings) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const v = form.getValues();
  const f = (k: string) => t(`messageChannels.field.${k}`);
  const txt = (path: string, label: string, testId: string) => (
    <TextInput size="xs" label={f(label)} data-testid={testId} {...form.getInputProps(path)} />
  );

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await call('messageChannels.save', toInput(values, dto.settings));
      qc.setQueryData(KEY, saved);
      // Secrets are write-only: once saved, the fields empty and the badge says "Set".
      form.setFieldValue('secrets', {
        smtpPassword: '',
        twilioAuthToken: '',
        aliyunAccessKeySecret: '',
      });
      notifications.show({
        color: 'teal',
        icon: <IconCheck size={16} />,
        message: t('messageChannels.saved'),
      });
    } catch (err) {
      const fe = fieldErrors(err);
      form.setErrors(fe);
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} data-testid="mc-form">
      <SimpleGrid cols={2} spacing="md">
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('messageChannels.email')}
            </Text>
            <SegmentedControl
              size="xs"
              data-testid="mc-email-provider"
              data={(['none', 'smtp'] as const).map((p) => ({
                value: p,
                label: t(`messageChannels.provider.${p}`),
              }))}
              {...form.getInputProps('email.provider')}
            />
          </Group>
          {v.email.provider === 'smtp' && (
            <>
              <Group grow align="flex-start" gap="xs">
                {txt('email.smtp.host', 'host', 'mc-smtp-host')}
                <NumberInput
                  size="xs"
                  label={f('port')}
                  maw={90}
                  hideControls
                  data-testid="mc-smtp-port"
                  {...form.getInputProps('email.smtp.port')}
                />
                <Select
                  size="xs"
                  label={f('security')}
                  allowDeselect={false}
                  data-testid="mc-smtp-security"
                  data={(['starttls', 'tls', 'none'] as const).map((s) => ({
                    value: s,
                    label: t(`messageChannels.security.${s}`),
                  }))}
                  {...form.getInputProps('email.smtp.security')}
                />
              </Group>
              <Group grow align="flex-start" gap="xs">
                {txt('email.smtp.user', 'user', 'mc-smtp-user')}
                <SecretInput
                  form={form}
                  name="smtpPassword"
                  label={f('password')}
                  set={dto.secrets.smtpPassword}
                />
              </Group>
              <Group grow align="flex-start" gap="xs">
                {txt('email.smtp.fromAddress', 'fromAddress', 'mc-smtp-from')}
                {txt('email.smtp.fromName', 'fromName', 'mc-smtp-from-name')}
              </Group>
              <Checkbox
                size="xs"
                label={f('rejectUnauthorized')}
                description={f('rejectUnauthorizedHint')}
                data-testid="mc-smtp-verify"
                {...form.getInputProps('email.smtp.rejectUnauthorized', { type: 'checkbox' })}
              />
            </>
          )}
        </Stack>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('messageChannels.sms')}
            </Text>
            <SegmentedControl
              size="xs"
              data-testid="mc-sms-provider"
              data={(['none', 'twilio', 'aliyun'] as const).map((p) => ({
                value: p,
                label:
                  p === 'aliyun'
                    ? t('messageChannels.providerShort.aliyun')
                    : t(`messageChannels.provider.${p}`),
              }))}
              {...form.getInputProps('sms.provider')}
            />
          </Group>
          {v.sms.provider === 'twilio' && (
            <>
              {txt('sms.twilio.accountSid', 'accountSid', 'mc-twilio-sid')}
              <SecretInput
                form={form}
                name="twilioAuthToken"
                label={f('authToken')}
                set={dto.secrets.twilioAuthToken}
              />
              <Group grow align="flex-start" gap="xs">
                {txt('sms.twilio.from', 'from', 'mc-twilio-from')}
                {txt('sms.twilio.messagingServiceSid', 'messagingServiceSid', 'mc-twilio-service')}
              </Group>
            </>
          )}
          {v.sms.provider === 'aliyun' && (
            <>
              <Group grow align="flex-start" gap="xs">
                {txt('sms.aliyun.accessKeyId', 'accessKeyId', 'mc-aliyun-key')}
                <SecretInput
                  form={form}
                  name="aliyunAccessKeySecret"
                  label={f('accessKeySecret')}
                  set={dto.secrets.aliyunAccessKeySecret}
                />
              </Group>
              <Group grow align="flex-start" gap="xs">
                {txt('sms.aliyun.signName', 'signName', 'mc-aliyun-sign')}
                {txt('sms.aliyun.templateParam', 'templateParam', 'mc-aliyun-param')}
              </Group>
              <Group grow align="flex-start" gap="xs">
                {txt('sms.aliyun.templateCode.zh', 'templateCodeZh', 'mc-aliyun-tpl-zh')}
                {txt('sms.aliyun.templateCode.en', 'templateCodeEn', 'mc-aliyun-tpl-en')}
              </Group>
            </>
          )}
        </Stack>
      </SimpleGrid>
      {error && (
        <Alert color="red" mt="sm" data-testid="mc-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" mt="sm">
        <Button size="xs" type="submit" loading={busy} data-testid="mc-save">
          {t('messageChannels.save')}
        </Button>
      </Group>
    </form>
  );
}

/** Settings → Messages → channels (admins): the e-mail and SMS providers, their credentials
 * (write-only) and a real test message. */
export function MessageChannelsPanel() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: KEY, queryFn: () => call('messageChannels.get', {}) });
  return (
    <Paper withBorder p="md" radius="sm" data-testid="message-channels-panel">
      <Title order={5}>{t('messageChannels.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('messageChannels.intro')}
      </Text>
      {q.isError && <Alert color="red">{errorText(t, q.error)}</Alert>}
      {q.data && (
        <Stack gap="md">
          <ChannelsForm key={JSON.stringify(q.data)} dto={q.data} />
          <TestMessage />
        </Stack>
      )}
    </Paper>
  );
}
