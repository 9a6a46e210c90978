import { useState } from 'react';
import { Badge, Button, Divider, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { fmtDateTime } from '../common/format';
import { QueryError } from '../common/QueryState';

const SHOP_KEY = ['stations', 'shopKey'] as const;
/** The server's rule (main/domain/privacy/shop-key.ts JOIN_SECRET_MIN), said in the hint; the
 * server refuses a shorter one. */
const MIN = 8;

/**
 * Settings → Stations (admin): shares this station's passcode key under a join secret typed
 * twice, so a station that joins the shop's database with that secret reveals the passcodes
 * taken here. Sharing again replaces the secret; what was shared is shown, never the key.
 */
export function ShopKeyShare() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: SHOP_KEY, queryFn: () => call('stations.shopKey', {}) });
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<{ field: 'secret' | 'again'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (secret !== again) {
      setError({ field: 'again', text: t('shopKey.errors.mismatch') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(SHOP_KEY, await call('stations.shareKey', { secret }));
      setSecret('');
      setAgain('');
      notifications.show({ color: 'teal', message: t('shopKey.shared') });
    } catch (err) {
      setError({ field: 'secret', text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };

  const state = q.data;
  return (
    <Stack gap="xs" data-testid="shop-key">
      <Divider my="xs" />
      <Group gap="sm">
        <Text fw={600} size="sm">
          {t('shopKey.title')}
        </Text>
        {state?.server && (
          <Badge
            variant="light"
            color={state.shared ? 'teal' : 'gray'}
            data-testid="shop-key-state"
            data-shared={state.shared}
          >
            {state.shared && state.sharedAt !== null
              ? t('shopKey.sharedOn', { when: fmtDateTime(state.sharedAt) })
              : t('shopKey.notShared')}
          </Badge>
        )}
      </Group>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {state && !state.server && (
        <Text size="xs" c="dimmed" data-testid="shop-key-server-only">
          {t('shopKey.serverOnly')}
        </Text>
      )}
      {state?.server && (
        <>
          <Text size="xs" c="dimmed">
            {t('shopKey.intro')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('shopKey.secretHint', { min: MIN })}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Group align="flex-start" gap="sm">
              <PasswordInput
                w={260}
                size="xs"
                label={t('shopKey.secret')}
                value={secret}
                onChange={(e) => {
                  setSecret(e.currentTarget.value);
                  setError(null);
                }}
                error={error?.field === 'secret' ? error.text : undefined}
                maxLength={200}
                autoComplete="new-password"
                data-testid="shop-key-secret"
              />
              <PasswordInput
                w={260}
                size="xs"
                label={t('shopKey.again')}
                value={again}
                onChange={(e) => {
                  setAgain(e.currentTarget.value);
                  setError(null);
                }}
                error={error?.field === 'again' ? error.text : undefined}
                maxLength={200}
                autoComplete="new-password"
                data-testid="shop-key-again"
              />
              <Button
                type="submit"
                size="xs"
                mt={21}
                loading={busy}
                disabled={!secret || !again}
                data-testid="shop-key-share"
              >
                {state.shared ? t('shopKey.shareAgain') : t('shopKey.share')}
              </Button>
            </Group>
          </form>
        </>
      )}
    </Stack>
  );
}
