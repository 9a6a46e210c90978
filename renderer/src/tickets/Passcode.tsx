import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';

/**
 * The device passcode, masked until someone with passcode.reveal asks for it. Each reveal is a
 * server call the audit log records (DOMAIN "Privacy and trust"); hiding it again forgets it.
 */
export function Passcode({ ticket }: { ticket: Pick<TicketDetail, 'id' | 'hasPasscode'> }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!ticket.hasPasscode)
    return (
      <Text size="sm" data-testid="passcode-none">
        {t('ticket.noPasscode')}
      </Text>
    );
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setShown((await call('tickets.revealPasscode', { id: ticket.id })).passcode);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <IconLock size={14} />
        <Text ff="monospace" size="sm" data-testid="passcode-value">
          {shown ?? '••••••'}
        </Text>
        {shown ? (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconEyeOff size={14} />}
            onClick={() => setShown(null)}
            data-testid="passcode-hide"
          >
            {t('ticket.hide')}
          </Button>
        ) : (
          can('passcode.reveal') && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconEye size={14} />}
              loading={busy}
              onClick={() => void reveal()}
              data-testid="passcode-reveal"
            >
              {t('ticket.reveal')}
            </Button>
          )
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {can('passcode.reveal') ? t('ticket.revealAudited') : t('benchDetail.revealNotAllowed')}
      </Text>
      {error && (
        <Text size="xs" c="red" data-testid="passcode-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
