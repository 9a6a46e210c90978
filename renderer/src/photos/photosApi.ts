import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';

/** Under ['tickets', …] so a ticket.updated event (another window added one) refreshes them. */
export const photoKeys = {
  list: (ticketId: number) => ['tickets', 'photos', ticketId] as const,
  one: (id: number) => ['tickets', 'photo', id] as const,
};

export function usePhotos(ticketId: number) {
  return useQuery({
    queryKey: photoKeys.list(ticketId),
    queryFn: () => call('photos.list', { ticketId }),
  });
}

/** The picture itself never changes once stored, so it is fetched once per id. */
export function usePhotoData(id: number | null) {
  return useQuery({
    queryKey: photoKeys.one(id ?? 0),
    queryFn: () => call('photos.get', { id: id! }),
    enabled: id !== null,
    staleTime: Infinity,
  });
}
