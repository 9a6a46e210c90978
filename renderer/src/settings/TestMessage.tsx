import { useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChannelTestResult } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText, fieldErrors, translateKey } from '../api/errors';

/** "Send test message": a real message through the saved channel, its outcome in words. */
export function TestMessage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'email' | 'sms'>('email');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChannelTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await call('messageChannels.test', { kind, to }));
    } catch (err) {
      const fe = fieldErrors(err);
      setError(
        fe.to
          ? t(kind === 'email' ? 'errors.field.email' : 'errors.field.phone')
          : errorText(t, err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6} data-testid="mc-test">
      <Text fw={600} size="sm">
        {t('messageChannels.test.title')}
      </Text>
      <Group align="flex-end" gap="xs">
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(k) => setKind(k as 'email' | 'sms')}
          data-testid="mc-test-kind"
          data={[
            { value: 'email', label: t('messageChannels.email') },
            { value: 'sms', label: t('messageChannels.sms') },
          ]}
        />
        <TextInput
          size="xs"
          w={260}
          placeholder={
            kind === 'email' ? t('messageChannels.test.toEmail') : t('messageChannels.test.toPhone')
          }
          aria-label={t('messageChannels.test.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void send();
          }}
          data-testid="mc-test-to"
        />
        <Button
          size="xs"
          variant="light"
          leftSection={<IconSend size={14} />}
          loading={busy}
          onClick={() => void send()}
          data-testid="mc-test-send"
        >
          {t('messageChannels.test.send')}
        </Button>
      </Group>
      {result?.ok && (
        <Alert color="teal" py={6} data-testid="mc-test-result" data-ok="true">
          {t('messageChannels.test.sent', {
            provider: t(`messageChannels.provider.${result.provider}`, {
              defaultValue: result.provider,
            }),
          })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert
          color={result.kind === 'uncertain' ? 'yellow' : 'red'}
          py={6}
          data-testid="mc-test-result"
          data-ok="false"
        >
          {t('messageChannels.test.failed', {
            reason: translateKey(t, result.key, result.params, result.key),
          })}
        </Alert>
      )}
      {error && (
        <Alert color="red" py={6} data-testid="mc-test-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
