import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  ChannelSettings,
  ChannelSettingsDto,
  ChannelTestResult,
} from '../../../../main/api/contract-message-channels';
import { translateKey } from '../../api/errors';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { QueryState } from '../../common/QueryState';
import { useSettingsSave } from './useSettingsSave';

const CHANNELS_KEY = ['messageChannels'];

/** E-mail (SMTP), SMS (Twilio or Alibaba Cloud) and manual; secrets are write-only. */
export function ChannelsPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: CHANNELS_KEY, queryFn: () => call('messageChannels.get', {}) });
  return (
    <Stack gap="sm">
      <QueryState query={q} empty={t('msg.empty')}>
        {(saved) => <ChannelsForm key={JSON.stringify(saved)} saved={saved} editable={editable} />}
      </QueryState>
      {/* A save starts the test afresh: an old result would speak of the old settings. */}
      {editable && <TestMessage key={JSON.stringify(q.data ?? null)} />}
    </Stack>
  );
}

/** A secret as typed: empty keeps the stored one (the server never sends it back). */
function Secret({
  label,
  set,
  value,
  onChange,
  error,
  disabled,
  testId,
}: {
  label: string;
  set: boolean;
  value: string;
  onChange(v: string): void;
  error?: ReactNode;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={label}
      value={value}
      disabled={disabled}
      placeholder={
        set
          ? t('messageChannels.secret.placeholderSet')
          : t('messageChannels.secret.placeholderNew')
      }
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      autoComplete="new-password"
      data-testid={testId}
      data-set={set || undefined}
    />
  );
}

type Smtp = NonNullable<ChannelSettings['email']['smtp']>;
type Twilio = NonNullable<ChannelSettings['sms']['twilio']>;
type Aliyun = NonNullable<ChannelSettings['sms']['aliyun']>;

/** What an unconfigured provider's fields start as. */
const BLANK_SMTP: Smtp = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  fromAddress: '',
  fromName: '',
  rejectUnauthorized: true,
};
const BLANK_TWILIO: Twilio = {
  accountSid: '',
  from: '',
  messagingServiceSid: '',
  baseUrl: 'https://api.twilio.com',
};
const BLANK_ALIYUN: Aliyun = {
  accessKeyId: '',
  signName: '',
  templateCode: { en: '', zh: '' },
  templateParam: 'content',
  endpoint: 'https://dysmsapi.aliyuncs.com',
};

function ChannelsForm({ saved, editable }: { saved: ChannelSettingsDto; editable: boolean }) {
  const { t } = useTranslation();
  const [emailOn, setEmailOn] = useState(saved.settings.email.provider === 'smtp');
  const [email, setEmail] = useState<Smtp>(saved.settings.email.smtp ?? BLANK_SMTP);
  const [provider, setProvider] = useState(saved.settings.sms.provider);
  const [twilio, setTwilio] = useState<Twilio>(saved.settings.sms.twilio ?? BLANK_TWILIO);
  const [aliyun, setAliyun] = useState<Aliyun>(saved.settings.sms.aliyun ?? BLANK_ALIYUN);
  // Typed secrets only; an empty one is left out of the save, so the stored one stays.
  const [secrets, setSecrets] = useState({ smtp: '', twilio: '', aliyun: '' });
  const { errors, busy, formProps } = useSettingsSave({
    write: () =>
      call('messageChannels.save', {
        // A provider switched off keeps nothing half-typed: its fields are not sent.
        email: { provider: emailOn ? 'smtp' : 'none', smtp: emailOn ? email : null },
        sms: {
          provider,
          twilio: provider === 'twilio' ? twilio : null,
          aliyun: provider === 'aliyun' ? aliyun : null,
        },
        secrets: {
          ...(secrets.smtp ? { smtpPassword: secrets.smtp } : {}),
          ...(secrets.twilio ? { twilioAuthToken: secrets.twilio } : {}),
          ...(secrets.aliyun ? { aliyunAccessKeySecret: secrets.aliyun } : {}),
        },
      }),
    invalidate: [CHANNELS_KEY],
    savedText: t('messageChannels.saved'),
    testId: 'message-channels',
  });
  const e = (k: string) => errors[k];
  const off = !editable;
  return (
    <Stack gap="sm" {...formProps}>
      <Paper withBorder p="sm" radius="sm" data-testid="channel-email">
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('messageChannels.email')}
            </Text>
            <Switch
              size="sm"
              label={t('messageChannels.provider.smtp')}
              checked={emailOn}
              disabled={off}
              onChange={(ev) => setEmailOn(ev.currentTarget.checked)}
              data-testid="smtp-enabled"
            />
          </Group>
          <SimpleGrid cols={4} spacing="xs">
            <TextInput
              label={t('messageChannels.field.host')}
              value={email.host}
              disabled={off || !emailOn}
              onChange={(ev) => setEmail({ ...email, host: ev.currentTarget.value })}
              error={e('email.smtp.host')}
              data-testid="smtp-host"
            />
            <NumberInput
              label={t('messageChannels.field.port')}
              value={email.port}
              disabled={off || !emailOn}
              min={1}
              max={65535}
              allowDecimal={false}
              onChange={(v) => setEmail({ ...email, port: Number(v) })}
              error={e('email.smtp.port')}
              data-testid="smtp-port"
            />
            <Select
              label={t('messageChannels.field.security')}
              value={email.security}
              disabled={off || !emailOn}
              allowDeselect={false}
              onChange={(v) => v && setEmail({ ...email, security: v as typeof email.security })}
              data={[
                { value: 'starttls', label: t('messageChannels.security.starttls') },
                { value: 'tls', label: t('messageChannels.security.tls') },
                { value: 'none', label: t('messageChannels.security.none') },
              ]}
              data-testid="smtp-security"
            />
            <TextInput
              label={t('messageChannels.field.user')}
              value={email.user}
              disabled={off || !emailOn}
              autoComplete="off"
              onChange={(ev) => setEmail({ ...email, user: ev.currentTarget.value })}
              error={e('email.smtp.user')}
              data-testid="smtp-user"
            />
            <Secret
              label={t('messageChannels.field.password')}
              set={saved.secrets.smtpPassword}
              value={secrets.smtp}
              disabled={off || !emailOn}
              onChange={(v) => setSecrets({ ...secrets, smtp: v })}
              error={e('secrets.smtpPassword')}
              testId="smtp-password"
            />
            <TextInput
              label={t('messageChannels.field.fromAddress')}
              value={email.fromAddress}
              disabled={off || !emailOn}
              onChange={(ev) => setEmail({ ...email, fromAddress: ev.currentTarget.value })}
              error={e('email.smtp.fromAddress')}
              data-testid="smtp-from"
            />
            <TextInput
              label={t('messageChannels.field.fromName')}
              value={email.fromName}
              disabled={off || !emailOn}
              onChange={(ev) => setEmail({ ...email, fromName: ev.currentTarget.value })}
              error={e('email.smtp.fromName')}
              data-testid="smtp-from-name"
            />
          </SimpleGrid>
          <Switch
            size="xs"
            label={t('messageChannels.field.rejectUnauthorized')}
            description={t('messageChannels.field.rejectUnauthorizedHint')}
            checked={email.rejectUnauthorized}
            disabled={off || !emailOn || email.security === 'none'}
            onChange={(ev) => setEmail({ ...email, rejectUnauthorized: ev.currentTarget.checked })}
            data-testid="smtp-check-cert"
          />
        </Stack>
      </Paper>
      <Paper withBorder p="sm" radius="sm" data-testid="channel-sms">
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} size="sm">
              {t('messageChannels.sms')}
            </Text>
            <Select
              w={200}
              size="xs"
              aria-label={t('messageChannels.field.provider')}
              value={provider}
              disabled={off || !emailOn}
              allowDeselect={false}
              onChange={(v) => v && setProvider(v as typeof provider)}
              data={[
                { value: 'none', label: t('messageChannels.provider.none') },
                { value: 'twilio', label: t('messageChannels.provider.twilio') },
                { value: 'aliyun', label: t('messageChannels.provider.aliyun') },
              ]}
              data-testid="sms-provider"
            />
          </Group>
          {provider === 'twilio' && (
            <SimpleGrid cols={3} spacing="xs">
              <TextInput
                label={t('messageChannels.field.accountSid')}
                value={twilio.accountSid}
                disabled={off}
                onChange={(ev) => setTwilio({ ...twilio, accountSid: ev.currentTarget.value })}
                error={e('sms.twilio.accountSid')}
                data-testid="twilio-sid"
              />
              <Secret
                label={t('messageChannels.field.authToken')}
                set={saved.secrets.twilioAuthToken}
                value={secrets.twilio}
                disabled={off}
                onChange={(v) => setSecrets({ ...secrets, twilio: v })}
                error={e('secrets.twilioAuthToken')}
                testId="twilio-token"
              />
              <TextInput
                label={t('messageChannels.field.from')}
                value={twilio.from}
                disabled={off}
                onChange={(ev) => setTwilio({ ...twilio, from: ev.currentTarget.value })}
                error={e('sms.twilio.from')}
                data-testid="twilio-from"
              />
              <TextInput
                label={t('messageChannels.field.messagingServiceSid')}
                value={twilio.messagingServiceSid}
                disabled={off}
                onChange={(ev) =>
                  setTwilio({ ...twilio, messagingServiceSid: ev.currentTarget.value })
                }
                error={e('sms.twilio.messagingServiceSid')}
              />
              <TextInput
                label={t('msgSettings.sms.apiAddress')}
                value={twilio.baseUrl}
                disabled={off}
                onChange={(ev) => setTwilio({ ...twilio, baseUrl: ev.currentTarget.value })}
                error={e('sms.twilio.baseUrl')}
                data-testid="twilio-base-url"
              />
            </SimpleGrid>
          )}
          {provider === 'aliyun' && (
            <SimpleGrid cols={3} spacing="xs">
              <TextInput
                label={t('messageChannels.field.accessKeyId')}
                value={aliyun.accessKeyId}
                disabled={off}
                onChange={(ev) => setAliyun({ ...aliyun, accessKeyId: ev.currentTarget.value })}
                error={e('sms.aliyun.accessKeyId')}
                data-testid="aliyun-key"
              />
              <Secret
                label={t('messageChannels.field.accessKeySecret')}
                set={saved.secrets.aliyunAccessKeySecret}
                value={secrets.aliyun}
                disabled={off}
                onChange={(v) => setSecrets({ ...secrets, aliyun: v })}
                error={e('secrets.aliyunAccessKeySecret')}
                testId="aliyun-secret"
              />
              <TextInput
                label={t('messageChannels.field.signName')}
                value={aliyun.signName}
                disabled={off}
                onChange={(ev) => setAliyun({ ...aliyun, signName: ev.currentTarget.value })}
                error={e('sms.aliyun.signName')}
                data-testid="aliyun-sign"
              />
              <TextInput
                label={t('messageChannels.field.templateCodeEn')}
                value={aliyun.templateCode.en}
                disabled={off}
                onChange={(ev) =>
                  setAliyun({
                    ...aliyun,
                    templateCode: { ...aliyun.templateCode, en: ev.currentTarget.value },
                  })
                }
                error={e('sms.aliyun.templateCode.en')}
              />
              <TextInput
                label={t('messageChannels.field.templateCodeZh')}
                value={aliyun.templateCode.zh}
                disabled={off}
                onChange={(ev) =>
                  setAliyun({
                    ...aliyun,
                    templateCode: { ...aliyun.templateCode, zh: ev.currentTarget.value },
                  })
                }
                error={e('sms.aliyun.templateCode.zh')}
              />
              <TextInput
                label={t('msgSettings.sms.apiAddress')}
                value={aliyun.endpoint}
                disabled={off}
                onChange={(ev) => setAliyun({ ...aliyun, endpoint: ev.currentTarget.value })}
                error={e('sms.aliyun.endpoint')}
                data-testid="aliyun-endpoint"
              />
            </SimpleGrid>
          )}
          {provider === 'none' && (
            <Text size="xs" c="dimmed">
              {t('msgSettings.sms.noneHint')}
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="sm" radius="sm" data-testid="channel-manual">
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Stack gap={0}>
            <Text fw={600} size="sm">
              {t('msgSettings.manual.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('msgSettings.manual.hint')}
            </Text>
          </Stack>
        </Group>
      </Paper>
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      {editable && (
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="channels-save">
            {t('messageChannels.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** "Send test message": through the saved settings, the provider's answer or the translated
 * reason it refused. */
function TestMessage() {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r: ChannelTestResult = await call('messageChannels.test', { kind: channel, to });
      setResult(
        r.ok
          ? { ok: true, text: t('messageChannels.test.sent', { provider: r.provider }) }
          : {
              ok: false,
              text: t('messageChannels.test.failed', {
                reason: translateKey(t, r.key, r.params, r.key),
              }),
            },
      );
    } catch (err) {
      setResult({
        ok: false,
        text: t('messageChannels.test.failed', { reason: errorText(t, err) }),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="channel-test">
      <Stack gap={6}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Text fw={600} size="sm" mr="auto">
            {t('messageChannels.test.title')}
          </Text>
          <Select
            w={150}
            size="xs"
            aria-label={t('messageChannels.field.provider')}
            value={channel}
            allowDeselect={false}
            onChange={(v) => v && setChannel(v as 'email' | 'sms')}
            data={[
              { value: 'email', label: t('msg.channel.email') },
              { value: 'sms', label: t('msg.channel.sms') },
            ]}
            data-testid="test-channel"
          />
          <TextInput
            w={260}
            size="xs"
            aria-label={t('messageChannels.test.to')}
            placeholder={
              channel === 'email'
                ? t('messageChannels.test.toEmail')
                : t('messageChannels.test.toPhone')
            }
            value={to}
            onChange={(ev) => setTo(ev.currentTarget.value)}
            onKeyDown={(ev) => ev.key === 'Enter' && void send()}
            data-testid="test-to"
          />
          <Button
            size="xs"
            leftSection={<IconSend size={14} />}
            loading={busy}
            disabled={!to.trim()}
            onClick={() => void send()}
            data-testid="test-send"
          >
            {t('messageChannels.test.send')}
          </Button>
        </Group>
        {result && (
          <Alert
            color={result.ok ? 'teal' : 'red'}
            py={6}
            data-testid="test-result"
            data-ok={result.ok}
          >
            {result.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
