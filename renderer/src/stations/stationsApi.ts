import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';

export const STATIONS_KEY = ['stations', 'list'] as const;
export const THIS_STATION_KEY = ['stations', 'current'] as const;

/** Every station of the shop (Settings → Stations). */
export const useStations = (enabled = true) =>
  useQuery({ queryKey: STATIONS_KEY, queryFn: () => call('stations.list', {}), enabled });

/** This PC as a station: name, whether it was named, whether it was retired. */
export const useThisStation = (enabled = true) =>
  useQuery({
    queryKey: THIS_STATION_KEY,
    queryFn: () => call('stations.current', {}),
    enabled,
    // A retirement decided at another station shows here within a minute.
    refetchInterval: 60_000,
  });
