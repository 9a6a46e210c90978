import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { durableCall } from '../api/durable';
import { errorText } from '../api/errors';

/** Every stock query lives under ['inventory', …] so stock events refresh them (shell/events.ts). */
export const invKeys = {
  all: ['inventory'] as const,
  list: (input: unknown) => ['inventory', 'parts', input] as const,
  part: (id: number) => ['inventory', 'part', id] as const,
  low: ['inventory', 'low'] as const,
  orders: (status?: string) => ['inventory', 'orders', status ?? 'all'] as const,
  order: (id: number) => ['inventory', 'order', id] as const,
  counts: ['inventory', 'counts'] as const,
  count: (id: number) => ['inventory', 'count', id] as const,
  facets: ['inventory', 'facets'] as const,
  suppliers: ['inventory', 'suppliers'] as const,
  ticketParts: (ticketId: number) => ['tickets', 'parts', ticketId] as const,
};

/** A stock write: refreshes stock and ticket queries on success, notifies on failure. */
export function useInvCall<K extends MethodName>(name: K, opts: { notifyErrors?: boolean } = {}) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const notify = opts.notifyErrors ?? true;
  const m = useMutation({
    // One user action, one key: retried while the shop's database is away (api/durable.ts).
    mutationFn: (input: InputOf<K>) => durableCall(name, input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: invKeys.all });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['printJobs'] });
    },
    onError: (err) => {
      if (notify)
        notifications.show({ color: 'red', message: errorText(t, err), withBorder: true });
    },
  });
  const run: (input: InputOf<K>) => Promise<OutputOf<K>> = m.mutateAsync;
  return { ...m, run };
}
