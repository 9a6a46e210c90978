import type Database from 'better-sqlite3';
import type pg from 'pg';
import { auditChainWalk, verifyAuditRows } from '../../safety/audit-verify';
import type { CopyStep } from './plan';
import { quoteIdent } from './source';

export interface MoveCheck {
  /** What was compared, e.g. `rows ticket` or `sum payment.amount_cents`. */
  what: string;
  source: string | number;
  target: string | number;
  ok: boolean;
}

export interface AuditSide {
  ok: boolean;
  checked: number;
  head: { id: number; hash: string } | null;
}

export interface MoveVerification {
  ok: boolean;
  checks: MoveCheck[];
  audit: { source: AuditSide; target: AuditSide };
}

const check = (what: string, source: string | number, target: string | number): MoveCheck => ({
  what,
  source,
  target,
  ok: source === target,
});

/** The money of the shop: every integer column named `*_cents`, summed per table. */
const moneyColumns = (steps: CopyStep[]) =>
  steps.flatMap((s) =>
    s.columns
      .filter((c, i) => c.endsWith('_cents') && /int/.test(s.types[i]))
      .map((c) => ({ table: s.table, column: c })),
  );

/** Stock on hand per part: the ledger summed, as one comparable text (part:qty;…). */
const STOCK_SQL = `SELECT part_id, sum(qty) AS qty FROM stock_movement GROUP BY part_id ORDER BY part_id`;
const stockText = (rows: Array<{ part_id: number; qty: number }>) =>
  rows.map((r) => `${Number(r.part_id)}:${Number(r.qty)}`).join(';');

const AUDIT_PAGE = 5_000;

/** The audit chain on the target, walked in id pages with the app's own verifier. */
async function auditOnTarget(client: pg.ClientBase): Promise<AuditSide> {
  const walk = auditChainWalk();
  let after = 0;
  let head: AuditSide['head'] = null;
  for (;;) {
    const { rows } = await client.query(
      `SELECT id, at, staff_id, staff_name, action, entity, entity_id, outcome, origin, details,
              prev_hash, hash FROM audit_entry WHERE id > $1 ORDER BY id LIMIT ${AUDIT_PAGE}`,
      [after],
    );
    for (const row of rows) {
      const bad = walk.step(row);
      if (bad) return { ok: false, checked: bad.checked, head };
      head = { id: Number(row.id), hash: String(row.hash) };
    }
    if (rows.length < AUDIT_PAGE) break;
    after = Number(rows.at(-1).id);
  }
  const end = walk.end();
  return { ok: end.ok, checked: end.checked, head };
}

function auditOnSource(src: Database.Database): AuditSide {
  const v = verifyAuditRows(src);
  const head = src.prepare('SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  return { ok: v.ok, checked: v.checked, head: head ?? null };
}

/**
 * What must hold after the copy, read back from the target and compared with the file: rows per
 * table, every money column's sum, stock per part from the ledger, and the audit chain (verified
 * on both, the same length and head hash).
 */
export async function verifyMove(
  src: Database.Database,
  client: pg.ClientBase,
  steps: CopyStep[],
): Promise<MoveVerification> {
  const checks: MoveCheck[] = [];
  for (const s of steps) {
    const a = Number(src.prepare(s.count).pluck().get());
    const b = Number(
      (await client.query(`SELECT count(*) AS n FROM ${quoteIdent(s.table)}`)).rows[0].n,
    );
    checks.push(check(`rows ${s.table}`, a, b));
  }
  for (const m of moneyColumns(steps)) {
    const sql = `SELECT COALESCE(sum(${quoteIdent(m.column)}), 0) AS s FROM ${quoteIdent(m.table)}`;
    const a = Number((src.prepare(sql).get() as { s: number }).s);
    const b = Number((await client.query(sql)).rows[0].s);
    checks.push(check(`sum ${m.table}.${m.column}`, a, b));
  }
  if (steps.some((s) => s.table === 'stock_movement')) {
    const a = src.prepare(STOCK_SQL).all() as Array<{ part_id: number; qty: number }>;
    const b = (await client.query(STOCK_SQL)).rows as Array<{ part_id: number; qty: number }>;
    const total = (rows: typeof a) => rows.reduce((n, r) => n + Number(r.qty), 0);
    checks.push(check('stock parts in the ledger', a.length, b.length));
    checks.push(check('stock units on hand (ledger total)', total(a), total(b)));
    const sa = stockText(a);
    const sb = stockText(b);
    checks.push({
      what: 'stock per part (ledger sums)',
      source: sa === sb ? 'equal' : 'see target',
      target: sa === sb ? 'equal' : firstDifference(sa, sb),
      ok: sa === sb,
    });
  }
  const audit = { source: auditOnSource(src), target: await auditOnTarget(client) };
  checks.push(check('audit entries verified', audit.source.checked, audit.target.checked));
  checks.push(
    check('audit head hash', audit.source.head?.hash ?? '-', audit.target.head?.hash ?? '-'),
  );
  const ok = checks.every((c) => c.ok) && audit.source.ok && audit.target.ok;
  return { ok, checks, audit };
}

function firstDifference(a: string, b: string): string {
  const pa = a.split(';');
  const pb = b.split(';');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return `part ${pa[i] ?? '-'} vs ${pb[i] ?? '-'}`;
  }
  return 'differs';
}
