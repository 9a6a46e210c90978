import type { Sql } from '../../db/sql';

/**
 * What a rejected call must leave as it was: the shop's records (counts) and its money and stock
 * (sums). A rejection may add audit entries (the dispatcher records "rejected"/"denied"), never a
 * "success" one, and may count a wrong PIN (staff, pin_guard): those are not in here.
 */
const FOOTPRINT_SQL = `SELECT
  (SELECT count(*) FROM customer) AS customers,
  (SELECT count(*) FROM device) AS devices,
  (SELECT count(*) FROM ticket) AS tickets,
  (SELECT count(*) FROM ticket_event) AS ticket_events,
  (SELECT coalesce(sum(estimate_cents + deposit_cents), 0) FROM ticket) AS ticket_cents,
  (SELECT count(*) FROM part) AS parts,
  (SELECT count(*) FROM stock_movement) AS movements,
  (SELECT coalesce(sum(qty), 0) FROM stock_movement) AS stock_qty,
  (SELECT coalesce(sum(on_hand), 0) FROM stock_balance) AS on_hand,
  (SELECT count(*) FROM invoice) AS invoices,
  (SELECT count(*) FROM payment) AS payments,
  (SELECT coalesce(sum(amount_cents), 0) FROM payment) AS paid_cents,
  (SELECT coalesce(max(id), 0) FROM audit_entry) AS audit_head`;

export type Footprint = Record<string, number>;

export async function footprint(sql: Sql): Promise<Footprint> {
  const row = (await sql.get<Record<string, unknown>>(FOOTPRINT_SQL))!;
  // PostgreSQL answers count(*) and sum() as bigint strings
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** What a rejected call changed between `before` and `after` (empty when nothing), including
 * audit entries it added that say "success". */
export async function rejectedChanged(
  sql: Sql,
  before: Footprint,
  after: Footprint,
): Promise<string[]> {
  const changed = Object.keys(before)
    .filter((k) => k !== 'audit_head' && before[k] !== after[k])
    .map((k) => `${k} ${before[k]} → ${after[k]}`);
  const success = await sql.get<{ n: unknown }>(
    `SELECT count(*) AS n FROM audit_entry WHERE id > ? AND outcome = 'success'`,
    before.audit_head,
  );
  if (Number(success?.n ?? 0) > 0) changed.push(`${String(success?.n)} audit entries say success`);
  return changed;
}
