import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../../main/api/contract-messages';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';

/** Query keys: every outbox list and a ticket's messages refresh on `message.changed`. */
export const outboxKeys = {
  all: ['outbox'] as const,
  list: (state: string, channel: string | null) => ['outbox', 'list', state, channel] as const,
  ticket: (ticketId: number) => ['outbox', 'ticket', ticketId] as const,
};

export const OUTBOX_PAGE = 50;

export const outboxPage = (
  input: { state?: string; channel?: string; ticketId?: number },
  after?: { at: number; id: number },
) =>
  call('outbox.list', {
    ...(input as { state?: 'attention'; channel?: 'sms' }),
    after,
    limit: OUTBOX_PAGE,
  }).then((p) => p.rows);

export const outboxCursor = (r: OutboxRow) => ({ at: r.createdAt, id: r.id });

/** A person's action on one message: busy while it runs, the translated error if refused, the
 * lists refreshed after (the `message.changed` event also does, for the other windows). */
export function useOutboxAction() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<number | null>(null);
  const run = async (id: number, fn: () => Promise<unknown>, ok: string) => {
    setBusy(id);
    try {
      await fn();
      notifications.show({ color: 'teal', message: ok });
      return true;
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
      return false;
    } finally {
      setBusy(null);
      await qc.invalidateQueries({ queryKey: outboxKeys.all });
    }
  };
  return { busy, run };
}

/** A ticket's messages for its timeline (its first page is all a ticket ever has), read only
 * when the role may see the outbox. */
export function useTicketMessages(ticketId: number | undefined) {
  const { can } = useSession();
  return useQuery({
    queryKey: outboxKeys.ticket(ticketId ?? 0),
    queryFn: () => outboxPage({ ticketId }),
    enabled: ticketId !== undefined && can('message.read'),
  });
}
