import dayjs from 'dayjs';

export const fmtDateTime = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');
export const fmtDate = (v: number | string) => dayjs(v).format('YYYY-MM-DD');
export const fmtRelative = (ms: number) => dayjs(ms).fromNow();
export const fmtMoney = (cents: number) => (cents / 100).toFixed(2);
/** Currency units typed by staff → integer cents for the API. */
export const toCents = (value: number | string | undefined | null) => {
  const n = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
};

export const STATUS_COLORS: Record<string, string> = {
  received: 'blue',
  diagnosing: 'cyan',
  awaiting_approval: 'yellow',
  awaiting_parts: 'orange',
  in_repair: 'indigo',
  quality_check: 'grape',
  ready: 'green',
  collected: 'gray',
  cancelled: 'gray',
  on_hold: 'yellow',
  at_vendor: 'violet',
  back_from_vendor: 'violet',
};

export const PRIORITY_COLORS: Record<string, string> = { normal: 'gray', urgent: 'orange', emergency: 'red' };
