import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { call } from '../api/client';
import { durableCall } from '../api/durable';
import { errorText } from '../api/errors';

/** Keyed under ['tickets', …] so backend ticket events refresh these views too. */
export const pickupKeys = {
  lookup: (number: string) => ['tickets', 'pickup', 'lookup', number] as const,
  quote: (ticketId: number, discount: number) =>
    ['tickets', 'pickup', 'quote', ticketId, discount] as const,
  callbacks: (view: string) => ['tickets', 'callbacks', view] as const,
  tasks: (view: string) => ['tickets', 'managerTasks', view] as const,
  complaints: (view: string) => ['tickets', 'complaints', view] as const,
  rma: (view: string, code: string) => ['tickets', 'rma', view, code] as const,
  messages: (ticketId: number) => ['tickets', 'messages', ticketId] as const,
};

export function usePickupLookup(number: string | null) {
  return useQuery({
    queryKey: pickupKeys.lookup(number ?? ''),
    queryFn: () => call('pickup.lookup', { number: number! }),
    enabled: !!number,
    retry: false,
  });
}

/** A write: refreshes every ticket-keyed query on success, notifies failures unless told not to. */
export function usePickupCall<K extends MethodName>(
  name: K,
  opts: { notifyErrors?: boolean } = {},
) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const m = useMutation({
    // One user action, one key: retried while the shop's database is away (api/durable.ts).
    mutationFn: (input: InputOf<K>) => durableCall(name, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tickets'] }),
    onError: (err) => {
      if (opts.notifyErrors ?? true)
        notifications.show({
          color: 'red',
          title: t('bench.actionFailed'),
          message: errorText(t, err),
          withBorder: true,
        });
    },
  });
  const run: (input: InputOf<K>) => Promise<OutputOf<K>> = m.mutateAsync;
  return { ...m, run };
}

export function useManagers() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => call('staff.directory', {}),
    staleTime: 60_000,
    select: (rows) => rows.filter((s) => s.role === 'manager' || s.role === 'admin'),
  });
}
