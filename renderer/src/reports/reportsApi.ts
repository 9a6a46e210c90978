import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { call } from '../api/client';

export const today = () => dayjs().format('YYYY-MM-DD');
export const daysAgo = (n: number) => dayjs().subtract(n, 'day').format('YYYY-MM-DD');

export function useDailyReport(date: string) {
  return useQuery({
    queryKey: ['report', 'daily', date],
    queryFn: () => call('report.daily', { date }),
  });
}

export function useDashboard(from: string, to: string) {
  return useQuery({
    queryKey: ['report', 'kpi', from, to],
    queryFn: () => call('kpi.dashboard', { from, to }),
  });
}

/** Saves a base64 file the backend produced, through the browser's download. */
export function downloadBase64(fileName: string, base64: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
