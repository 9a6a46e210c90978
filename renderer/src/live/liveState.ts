import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { LiveStatusDto } from '../../../main/api/contract';
import { call } from '../api/client';

export const LIVE_KEY = ['live'] as const;

/** This station's link to the shop's database: asked once, then kept current by `live.state`. */
export function useLiveState(): LiveStatusDto | undefined {
  return useQuery({
    queryKey: LIVE_KEY,
    queryFn: () => call('live.status', {}),
    staleTime: Infinity,
  }).data;
}

/**
 * The link went down or came back. Back: every query is re-read, since whatever other stations
 * changed meanwhile was announced while this one could not hear it.
 */
export function applyLiveState(qc: QueryClient, status: LiveStatusDto): void {
  const before = qc.getQueryData<LiveStatusDto>(LIVE_KEY);
  qc.setQueryData(LIVE_KEY, status);
  if (status.state === 'connected' && before?.state !== 'connected')
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== LIVE_KEY[0] });
}
