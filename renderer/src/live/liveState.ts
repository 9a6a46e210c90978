import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LiveStatusDto } from '../../../main/api/contract';
import { call } from '../api/client';

export const LIVE_KEY = ['live'] as const;

/**
 * This station's link to the shop's database: asked once, then kept current by `live.state`.
 * While it is down it is also asked every few seconds: an answer read just before the link came
 * back can land after the `live.state` that said so, and must not keep the banner up for good.
 */
export function useLiveState(): LiveStatusDto | undefined {
  const qc = useQueryClient();
  return useQuery({
    queryKey: LIVE_KEY,
    queryFn: async () => {
      const status = await call('live.status', {});
      if (status.state === 'connected') rereadIfBack(qc);
      return status;
    },
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.state === 'reconnecting' ? RECHECK_MS : false),
  }).data;
}

const RECHECK_MS = 2_000;

/**
 * The link went down or came back. Back: every query is re-read, since whatever other stations
 * changed meanwhile was announced while this one could not hear it.
 */
export function applyLiveState(qc: QueryClient, status: LiveStatusDto): void {
  if (status.state === 'connected') rereadIfBack(qc);
  qc.setQueryData(LIVE_KEY, status);
}

function rereadIfBack(qc: QueryClient): void {
  if (qc.getQueryData<LiveStatusDto>(LIVE_KEY)?.state !== 'reconnecting') return;
  void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== LIVE_KEY[0] });
}
