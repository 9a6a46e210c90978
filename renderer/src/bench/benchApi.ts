import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';

export type QueueView = 'all' | 'mine' | 'unassigned' | 'overdue';
export interface QueueFilters {
  view: QueueView;
  technicianId?: number;
  priority?: 'normal' | 'urgent' | 'emergency';
  deviceType?: string;
}

/** Keyed under ['tickets', …] so backend ticket events refresh the board (shell/events.ts). */
export const benchKeys = {
  queue: (f: QueueFilters) => ['tickets', 'bench', 'queue', f] as const,
  detail: (id: number) => ['tickets', 'bench', 'detail', id] as const,
};

export function useBenchQueue(f: QueueFilters) {
  return useQuery({
    queryKey: benchKeys.queue(f),
    queryFn: () => call('bench.queue', { ...f, limit: 300 }),
    // SLA marks move with the clock even when nobody touches a ticket.
    refetchInterval: 60_000,
  });
}

export function useBenchDetail(id: number | null) {
  return useQuery({
    queryKey: benchKeys.detail(id ?? 0),
    queryFn: () => call('bench.detail', { id: id! }),
    enabled: id !== null,
  });
}

export function useStaffList() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => call('staff.directory', {}),
    staleTime: 60_000,
  });
}

export interface QcSettings {
  weights: { procedure: number; effectiveness: number; communication: number };
  excellentFrom: number;
  passFrom: number;
  reworkDays: number;
}

export function useQcSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: () => call('settings.get', {}),
    staleTime: 60_000,
    select: (s): QcSettings => ({
      weights: (s['qc.weights'] as QcSettings['weights'] | undefined) ?? {
        procedure: 30,
        effectiveness: 50,
        communication: 20,
      },
      excellentFrom: (s['qc.excellentFrom'] as number | undefined) ?? 90,
      passFrom: (s['qc.passFrom'] as number | undefined) ?? 70,
      reworkDays: (s['qc.reworkDays'] as number | undefined) ?? 1,
    }),
  });
}

/**
 * A bench write: calls the method, refreshes every ticket query on success and shows a
 * translated notification on failure (unless the caller handles errors itself).
 */
export function useBenchCall<K extends MethodName>(name: K, opts: { notifyErrors?: boolean } = {}) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const notify = opts.notifyErrors ?? true;
  const m = useMutation({
    mutationFn: (input: InputOf<K>) => call(name, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tickets'] }),
    onError: (err) => {
      if (notify)
        notifications.show({
          color: 'red',
          title: t('bench.actionFailed'),
          message: errorText(t, err),
          withBorder: true,
        });
      // A stale or refused move means our copy is old: reload it.
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const run: (input: InputOf<K>) => Promise<OutputOf<K>> = m.mutateAsync;
  return { ...m, run };
}
