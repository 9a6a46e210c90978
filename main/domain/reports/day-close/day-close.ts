import { sqlOf } from '../../../db/sql';
import type { EntityManager } from 'typeorm';
import type { DayCloseDto, DayCloseRecord } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { PG_LOCK, pgXactLock } from '../../../db/pg-locks';
import { dayRange } from '../day-range';
import { dayTakings } from './takings';

interface CloseRow {
  expected_cents: number;
  counted_cents: number;
  variance_cents: number;
  reason: string | null;
  closed_by: string;
  closed_at: number;
}

async function closeRecord(em: EntityManager, date: string): Promise<DayCloseRecord | null> {
  const [row]: CloseRow[] = await sqlOf(em).all(
    `SELECT c.expected_cents, c.counted_cents, c.variance_cents, c.reason, s.name AS closed_by, c.closed_at
       FROM day_close c JOIN staff s ON s.id = c.closed_by WHERE c.business_date = ?`,
    date,
  );
  if (!row) return null;
  return {
    expectedCents: Number(row.expected_cents),
    countedCents: Number(row.counted_cents),
    varianceCents: Number(row.variance_cents),
    reason: row.reason,
    closedBy: row.closed_by,
    closedAt: Number(row.closed_at),
  };
}

/** One local day's till: what came in and went out by method, and its close if there is one. */
export async function dayCloseView(
  em: EntityManager,
  date: string,
  now: number,
  zone: string,
): Promise<DayCloseDto> {
  const { from, to } = dayRange(date, zone);
  const { takings, cash } = await dayTakings(em, from, to);
  const closed = await closeRecord(em, date);
  return { date, from, to, cash, takings, closed, canClose: !closed && now >= from };
}

const invalid = (path: string, key: string, message: string) =>
  new ApiError('VALIDATION', message, { key, issues: [{ path, key, message }], field: path });

/**
 * Closes a day: the manager's counted cash against the expected figure. A variance needs a
 * reason. From then on the database refuses any payment dated inside the day (triggers in
 * migration 0009), whichever code path tries.
 */
export async function closeDay(
  em: EntityManager,
  input: { date: string; countedCents: number; reason?: string },
  staffId: number,
  now: number,
  zone: string,
): Promise<{ view: DayCloseDto; varianceCents: number }> {
  // Another station closing at the same moment: wait for it, then read the day as closed.
  await pgXactLock(em, PG_LOCK.dayClose);
  const before = await dayCloseView(em, input.date, now, zone);
  if (before.closed) {
    throw new ApiError('CONFLICT', `${input.date} is already closed.`, {
      key: 'errors.dayAlreadyClosed',
      params: { date: input.date },
    });
  }
  if (!before.canClose) {
    throw invalid('date', 'errors.dayNotStarted', 'A day can only be closed once it has begun.');
  }
  const expected = before.cash.expectedCents;
  const variance = input.countedCents - expected;
  if (variance !== 0 && !input.reason) {
    throw invalid('reason', 'errors.varianceReason', 'Say why the counted cash differs.');
  }
  await sqlOf(em).run(
    `INSERT INTO day_close (business_date, from_at, to_at, expected_cents, counted_cents, variance_cents, reason, closed_by, closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    input.date,
    before.from,
    before.to,
    expected,
    input.countedCents,
    variance,
    input.reason ?? null,
    staffId,
    now,
  );
  return { view: await dayCloseView(em, input.date, now, zone), varianceCents: variance };
}
