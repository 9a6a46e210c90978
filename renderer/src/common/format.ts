import dayjs from 'dayjs';

export const fmtDateTime = (ms: number) => dayjs(ms).format('YYYY-MM-DD HH:mm');
export const fmtDate = (v: number | string) => dayjs(v).format('YYYY-MM-DD');
export const fmtRelative = (ms: number) => dayjs(ms).fromNow();
/** Money is formatted and parsed once for screens, receipts and PDFs (main/api/schemas/money.ts):
 * fmtMoney(64410) → "644.10"; toCents("570") → 57000, toCents("") → 0, toCents("x") → NaN. */
export { formatCents as fmtMoney, unitsToCents as toCents } from '../../../main/api/schemas/money';

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
