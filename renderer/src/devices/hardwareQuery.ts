import type { QueryClient } from '@tanstack/react-query';
import type { OutputOf, PeripheralStatus } from '../../../main/api/contract';

export const HARDWARE_KEY = ['hardware'] as const;
type HardwareList = OutputOf<'hardware.list'>;

/** Live status events patch the cached device list instead of refetching it. */
export function applyHardwareStatus(qc: QueryClient, s: PeripheralStatus): void {
  qc.setQueryData<HardwareList>(HARDWARE_KEY, (old) => {
    if (!old) return old;
    const others = old.status.filter((x) => x.deviceId !== s.deviceId);
    return { ...old, status: [...others, s] };
  });
}
