import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { InputOf, MethodName, OutputOf } from '../../../main/api/contract';
import { BOARD_PER_COLUMN } from '../../../main/api/schemas/bench';
import { call } from '../api/client';
import { durableCall } from '../api/durable';
import { errorText } from '../api/errors';

export type QueueView = 'all' | 'mine' | 'unassigned' | 'overdue';
/** The board has no overdue view (overdue work is a list by due time). */
export type BoardView = Exclude<QueueView, 'overdue'>;
export interface QueueFilters {
  view: BoardView;
  technicianId?: number;
  priority?: 'normal' | 'urgent' | 'emergency';
  deviceType?: string;
}

/** Keyed under ['tickets', …] so backend ticket events refresh the board (shell/events.ts). */
export const benchKeys = {
  queue: (f: QueueFilters) => ['tickets', 'bench', 'queue', f] as const,
  column: (status: string, f: QueueFilters) => ['tickets', 'bench', 'column', status, f] as const,
  list: (f: ListFilters, offset: number) => ['tickets', 'bench', 'list', f, offset] as const,
  detail: (id: number) => ['tickets', 'bench', 'detail', id] as const,
};

/** Cards per column in the board's first load; a column shows more on demand. The server
 * warms each database connection with this board (main/db/pg-warm.ts). */
export const PER_COLUMN = BOARD_PER_COLUMN;
const MORE_PAGE = 50;

/** The board: every open status's first cards and its total, in one call. */
export function useBenchQueue(f: QueueFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: benchKeys.queue(f),
    queryFn: () => call('bench.queue', { ...f, perColumn: PER_COLUMN }),
    placeholderData: keepPreviousData,
    // SLA marks move with the clock even when nobody touches a ticket.
    refetchInterval: 60_000,
  });
}

/** A column's cards past the first load, fetched only once someone asks for them. */
export function useBenchColumnMore(status: string, f: QueueFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: benchKeys.column(status, f),
    queryFn: ({ pageParam }) =>
      call('bench.column', {
        ...f,
        status: status as InputOf<'bench.column'>['status'],
        offset: pageParam,
        limit: MORE_PAGE,
      }),
    initialPageParam: PER_COLUMN,
    getNextPageParam: (last) =>
      last.offset + last.rows.length < last.total ? last.offset + last.rows.length : undefined,
    enabled,
  });
}

export interface ListFilters extends Omit<QueueFilters, 'view'> {
  view: QueueView;
}
export const LIST_PAGE = 50;

/** The list: open tickets by due time (or only the overdue), a page at a time. */
export function useBenchList(f: ListFilters, page: number, enabled = true) {
  const offset = (page - 1) * LIST_PAGE;
  return useQuery({
    enabled,
    queryKey: benchKeys.list(f, offset),
    queryFn: () => call('bench.list', { ...f, offset, limit: LIST_PAGE }),
    placeholderData: keepPreviousData,
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
    // One user action, one key: retried while the shop's database is away (api/durable.ts).
    mutationFn: (input: InputOf<K>) => durableCall(name, input),
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
