/** Day close (Z report): the DTOs that cross the API. */
import type { z } from 'zod';
import type * as d from './schemas/day-close';

/** Money taken with one payment method on one day (refunds and change as negatives). */
export interface TakingsRow {
  method: string;
  /** Money in: positive payments. */
  inCents: number;
  /** Money out: change, refunds and returned deposits (a positive number). */
  outCents: number;
  netCents: number;
  payments: number;
}

export interface CashFigures {
  /** Cash tendered by customers. */
  inCents: number;
  /** Change handed back out of the till. */
  changeCents: number;
  /** Cash refunds and returned deposits. */
  refundsCents: number;
  /** What the till should hold from the day's business: in − change − refunds. */
  expectedCents: number;
}

export interface DayCloseRecord {
  expectedCents: number;
  countedCents: number;
  /** counted − expected: negative when cash is missing. */
  varianceCents: number;
  reason: string | null;
  closedBy: string;
  closedAt: number;
}

export interface DayCloseDto {
  date: string;
  from: number;
  to: number;
  cash: CashFigures;
  takings: TakingsRow[];
  closed: DayCloseRecord | null;
  /** The day has begun and is not closed yet. */
  canClose: boolean;
}

type M<I, O> = { input: I; output: O };

export interface DayCloseApi {
  'dayClose.get': M<z.input<typeof d.dayCloseGetSchema>, DayCloseDto>;
  'dayClose.close': M<z.input<typeof d.dayCloseSchema>, DayCloseDto>;
  'dayClose.pdf': M<z.input<typeof d.dayClosePdfSchema>, { fileName: string; base64: string }>;
}
