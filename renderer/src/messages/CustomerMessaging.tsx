import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomerMessagingDto } from '../../../main/api/contract-messages';
import { MESSAGE_CHANNELS } from '../../../main/api/schemas/messages';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { QueryError } from '../common/QueryState';

const key = (customerId: number) => ['customer', 'messaging', customerId];

/** The preferred-channel choices: each channel, or none (whatever each rule says). */
export function usePreferenceData() {
  const { t } = useTranslation();
  return [
    { value: 'rule', label: t('msgSettings.rules.preferred') },
    ...MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`msg.channel.${c}`) })),
  ];
}

/** On the customer's record (the chosen customer at intake): consent to status messages, the
 * preferred channel, and unsubscribe. Each change is saved at once (one line, no form), one at a
 * time: each save sends the whole record, so two in flight could land in either order and the
 * later answer would undo the other change. */
export function CustomerMessaging({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = usePreferenceData();
  const q = useQuery({
    queryKey: key(customerId),
    queryFn: () => call('customers.getMessaging', { customerId }),
  });
  const [busy, setBusy] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  const m = q.data;
  const save = async (patch: Partial<CustomerMessagingDto> & { unsubscribed?: boolean }) => {
    setBusy(true);
    const input = {
      customerId,
      consent: patch.consent ?? m.consent,
      preference: patch.preference !== undefined ? patch.preference : m.preference,
      language: patch.language ?? m.language,
      unsubscribed: patch.unsubscribed ?? m.unsubscribedAt !== null,
    };
    // The box shows the click at once; a refusal puts it back and says why. A re-read already
    // under way (a live event) would land after it with the old choice: it is dropped.
    void qc.cancelQueries({ queryKey: key(customerId) });
    qc.setQueryData<CustomerMessagingDto>(key(customerId), {
      ...m,
      consent: input.consent,
      preference: input.preference,
      unsubscribedAt: input.unsubscribed ? (m.unsubscribedAt ?? Date.now()) : null,
    });
    try {
      const next = await call('customers.setMessaging', input);
      qc.setQueryData(key(customerId), next);
      notifications.show({ color: 'teal', message: t('consent.saved') });
    } catch (err) {
      qc.setQueryData(key(customerId), m);
      notifications.show({ color: 'red', message: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };
  const unsubscribed = m.unsubscribedAt !== null;
  return (
    <Group gap="sm" wrap="nowrap" data-testid="customer-messaging">
      <Text size="xs" c="dimmed">
        {t('consent.title')}
      </Text>
      {unsubscribed ? (
        <Badge color="gray" variant="light" data-testid="customer-unsubscribed">
          {t('consent.unsubscribed')}
        </Badge>
      ) : (
        <>
          <Checkbox
            size="xs"
            label={t('consent.agree')}
            checked={m.consent}
            disabled={busy}
            onChange={(e) => void save({ consent: e.currentTarget.checked })}
            data-testid="customer-consent"
          />
          <Select
            size="xs"
            w={170}
            aria-label={t('consent.channel')}
            allowDeselect={false}
            disabled={!m.consent || busy}
            value={m.preference ?? 'rule'}
            data={prefs}
            onChange={(v) =>
              v &&
              void save({
                preference: v === 'rule' ? null : (v as CustomerMessagingDto['preference']),
              })
            }
            data-testid="customer-preference"
          />
        </>
      )}
      <Button
        size="compact-xs"
        variant="subtle"
        color={unsubscribed ? undefined : 'red'}
        loading={busy}
        onClick={() => void save({ unsubscribed: !unsubscribed })}
        data-testid="customer-unsubscribe"
      >
        {unsubscribed ? t('consent.resubscribe') : t('consent.unsubscribe')}
      </Button>
    </Group>
  );
}
