import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LiveStatusDto } from '../../../main/api/contract';
import { call } from '../api/client';
import { adoptStatus } from './adoptStatus';

export const LIVE_KEY = ['live'] as const;

/**
 * This station's link to the shop's database: asked once, then kept current by `live.state`.
 * While it is down it is also asked every few seconds, in case the event that says it is back
 * never reached this page (its event socket was away at that moment).
 */
export function useLiveState(): LiveStatusDto | undefined {
  const qc = useQueryClient();
  return useQuery({
    queryKey: LIVE_KEY,
    queryFn: async () => adopt(qc, await call('live.status', {})),
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.state === 'reconnecting' ? RECHECK_MS : false),
  }).data;
}

const RECHECK_MS = 2_000;

/** The link went down or came back (the `live.state` event). */
export function applyLiveState(qc: QueryClient, status: LiveStatusDto): void {
  qc.setQueryData(LIVE_KEY, adopt(qc, status));
}

/** Back: every query is re-read, since whatever other stations changed meanwhile was
 * announced while this one could not hear it. */
function adopt(qc: QueryClient, heard: LiveStatusDto): LiveStatusDto {
  const { keep, reread } = adoptStatus(qc.getQueryData<LiveStatusDto>(LIVE_KEY), heard);
  if (reread) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== LIVE_KEY[0] });
  return keep;
}
