import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkstation, type Workstation } from '../../app';
import { ERROR_CODES } from '../../api/errors';
import { ROLES, type Role } from '../../api/permissions';
import { methodList } from '../../web/server';
import { sqlOf } from '../../db/sql';
import { verifyAuditPg, verifyAuditRows } from '../audit-verify';
import { footprint, rejectedChanged } from './fuzz-footprint';
import { generate, mutate, seededRng } from './fuzz-input';
import { PEOPLE_METHODS, clearGuards, putPin, restorePeople } from './fuzz-people';
import { scratchPgDatabase } from './pg-scratch';
import { drillWalkIn } from './writers';
import {
  SCRATCH_ADMIN_PIN,
  addStaffWithPin,
  inProcessCaller,
  scratchAdmin,
} from '../../domain/staff/bootstrap';

/** Rules every row must keep whatever the API was sent; each query counts offending rows.
 * Areas add theirs (stock never negative, payments add up). */
export const DATA_RULES: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'money is never negative',
    sql: 'SELECT count(*) FROM ticket WHERE estimate_cents < 0 OR deposit_cents < 0',
  },
  {
    name: 'every ticket has a known status',
    sql: `SELECT count(*) FROM ticket WHERE status NOT IN ('received','diagnosing','awaiting_approval','awaiting_parts','in_repair','quality_check','ready','collected','cancelled','on_hold','at_vendor','back_from_vendor')`,
  },
  {
    name: 'a customer has a name unless erased',
    sql: `SELECT count(*) FROM customer WHERE trim(name) = ''`,
  },
  {
    name: 'every staff member has a known role',
    sql: `SELECT count(*) FROM staff WHERE role NOT IN ('counter','technician','inspector','manager','admin')`,
  },
  {
    name: 'stock: the cached balance is the sum of its movements',
    sql: `SELECT count(*) FROM stock_balance b LEFT JOIN (SELECT part_id, sum(qty) AS q, sum(reserved_delta) AS r
            FROM stock_movement GROUP BY part_id) m ON m.part_id = b.part_id
          WHERE b.on_hand != coalesce(m.q, 0) OR b.reserved != coalesce(m.r, 0)`,
  },
  {
    name: 'stock: nothing reserved that is not on hand, unless a manager overrode it',
    sql: `SELECT count(*) FROM stock_balance b WHERE (b.reserved < 0 OR b.on_hand - b.reserved < 0)
          AND NOT EXISTS (SELECT 1 FROM stock_movement m WHERE m.part_id = b.part_id AND m.override_by IS NOT NULL)`,
  },
  {
    name: 'payments: never zero, money out only as change, deposit back or a correction, and they add up',
    sql: `SELECT (SELECT count(*) FROM payment p JOIN invoice i ON i.id = p.invoice_id
            WHERE p.amount_cents = 0 OR (p.amount_cents < 0 AND i.kind != 'correction'
              AND coalesce(p.reference, '') NOT IN ('change', 'deposit_return')))
          + (SELECT count(*) FROM invoice i WHERE i.kind = 'invoice'
              AND i.paid_cents - i.change_cents - i.return_cents !=
              (SELECT coalesce(sum(amount_cents), 0) FROM payment p WHERE p.invoice_id = i.id))`,
  },
  {
    name: 'invoices: total = net + tax (exclusive) and due = total − deposit',
    sql: `SELECT count(*) FROM invoice WHERE kind = 'invoice' AND (due_cents != total_cents - deposit_cents
          OR (tax_inclusive = 0 AND total_cents != net_cents + tax_cents))`,
  },
];

export interface FuzzDrillResult {
  drill: 'fuzz';
  engine: 'sqlite' | 'postgres';
  seed: number;
  calls: number;
  methods: number;
  byCode: Record<string, number>;
  internal: number;
  crashes: number;
  unclearRejections: number;
  /** Rejected calls after which a count or sum had moved, or an audit entry said "success". */
  rejectedButChanged: number;
  loggedErrors: number;
  ruleViolations: Record<string, number>;
  integrity: string;
  foreignKeyViolations: number;
  auditChainOk: boolean;
  ms: number;
  /** The first few problems, for the report. */
  problems: string[];
}

const PIN: Record<Role, string> = {
  counter: '1357',
  technician: '2468',
  inspector: '3579',
  manager: '4680',
  admin: SCRATCH_ADMIN_PIN,
};

async function signIn(ws: Workstation, role: Role, admin: string): Promise<string> {
  const meta = { token: null, origin: 'drill' };
  if (role === 'admin') return scratchAdmin(ws, 'drill');
  const name = `Drill ${role}`;
  const staff = (await ws.call('auth.staff', {}, meta)) as Array<{ name: string }>;
  if (!staff.some((s) => s.name === name)) {
    await addStaffWithPin(inProcessCaller(ws, 'drill'), admin, { name, role, pin: PIN[role] });
  }
  return ((await ws.call('auth.login', { name, pin: PIN[role] }, meta)) as { token: string }).token;
}

/**
 * The fuzz drill: `count` calls across every method (read from the same list `GET /api`
 * serves) and every role, with inputs generated from each method's schema and then broken
 * with hostile values. Never an INTERNAL error, never a crash, every rejection a clear message
 * that changed nothing (counts, sums of money and stock, no "success" in the audit log), and
 * afterwards no row that breaks a rule, an intact file and an intact audit chain. `pgUrl`: the
 * same on that PostgreSQL server, in a scratch database of its own (made and dropped here).
 */
export async function fuzzDrill(opts: {
  count: number;
  seed?: number;
  pgUrl?: string;
}): Promise<FuzzDrillResult> {
  const started = Date.now();
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rng = seededRng(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-fuzz-'));
  const errors: unknown[] = [];
  const scratch = opts.pgUrl ? await scratchPgDatabase(opts.pgUrl, 'fuzz') : null;
  let ws: Workstation;
  try {
    ws = await createWorkstation({
      dataDir,
      dbUrl: scratch?.url,
      logger: { error: (_m, e) => void errors.push(e) },
    });
  } catch (err) {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const sql = sqlOf(ws.services.dataSource.manager);
  const problems: string[] = [];
  const byCode: Record<string, number> = {};
  let internal = 0;
  let crashes = 0;
  let unclear = 0;
  let changedByRejection = 0;
  try {
    const admin = await signIn(ws, 'admin', '');
    for (let i = 0; i < 5; i++) {
      await ws.call('intake.commit', drillWalkIn(i), { token: admin, origin: 'drill' });
    }
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, await signIn(ws, role, admin));
    const people = ROLES.map((role) => ({
      id: ws.services.sessions.get(tokens.get(role))!.staffId,
      name: role === 'admin' ? 'Admin' : `Drill ${role}`,
      role,
      pin: PIN[role],
    }));
    // Puts the drill's people back after a call that may have changed them, then makes sure
    // every role has a working, unlocked session (fuzz-people.ts says why).
    const heal = async () => {
      await restorePeople(sql, people);
      for (const p of people) {
        const session = ws.services.sessions.get(tokens.get(p.role));
        if (session && !session.mustChangePin && session.role === p.role) {
          session.locked = false;
          continue;
        }
        const pinOk = await ws.dispatcher.call(
          'auth.login',
          { name: p.name, pin: p.pin },
          { token: null, origin: 'drill-heal' },
        );
        if (!pinOk.ok) {
          // The fuzz set a new PIN: put the drill's PIN back and sign in again.
          await putPin(sql, p);
          await clearGuards(sql);
        }
        tokens.set(p.role, await signIn(ws, p.role, admin));
      }
    };
    const methods = methodList(ws).methods;
    for (let i = 0; i < opts.count; i++) {
      const m = methods[Math.floor(rng() * methods.length)];
      const role = rng() < 0.08 ? null : ROLES[Math.floor(rng() * ROLES.length)];
      const valid = generate(rng, m.input as never);
      const input = rng() < 0.35 ? valid : mutate(rng, valid);
      const token = role ? tokens.get(role)! : null;
      let res;
      const before = await footprint(sql);
      try {
        res = await ws.dispatcher.call(m.name, input, { token, origin: 'drill' });
      } catch (err) {
        crashes++;
        if (problems.length < 10) problems.push(`${m.name} threw: ${String(err)}`);
        continue;
      }
      const code = res.ok ? 'ok' : res.error.code;
      byCode[code] = (byCode[code] ?? 0) + 1;
      if (!res.ok) {
        const e = res.error;
        const changed = await rejectedChanged(sql, before, await footprint(sql));
        if (changed.length) {
          changedByRejection++;
          if (problems.length < 10)
            problems.push(`${m.name} ${e.code} but changed ${changed.join(', ')}`);
        }
        if (e.code === 'INTERNAL') {
          internal++;
          if (problems.length < 10)
            problems.push(`${m.name} INTERNAL for ${JSON.stringify(input)?.slice(0, 300)}`);
        }
        const clear =
          ERROR_CODES.includes(e.code) &&
          typeof e.message === 'string' &&
          e.message.length > 5 &&
          // a translated key: the shared errors.* or a screen's own (shopKey.errors.short)
          (e.code !== 'VALIDATION' || /^([A-Za-z]+\.)?errors\./.test(String(e.details?.key)));
        if (!clear) {
          unclear++;
          if (problems.length < 10)
            problems.push(`${m.name} unclear rejection ${JSON.stringify(e).slice(0, 300)}`);
        }
        // a session the fuzz itself ended (auth.logout) is opened again
        if (e.code === 'UNAUTHENTICATED' && role) tokens.set(role, await signIn(ws, role, admin));
      } else if (m.name === 'auth.logout' && role) {
        tokens.set(role, await signIn(ws, role, admin));
      }
      if (PEOPLE_METHODS.has(m.name)) await heal();
    }
    const ruleViolations: Record<string, number> = {};
    for (const r of DATA_RULES) {
      const row = await sql.get<Record<string, unknown>>(r.sql);
      ruleViolations[r.name] = Number(Object.values(row ?? {})[0] ?? 0);
    }
    // PostgreSQL checks its own pages and enforces every foreign key as it writes (nothing like
    // SQLite's integrity_check or foreign_keys pragma to ask); its chain is walked on its own
    // read-only connection as `npm run audit:verify -- --db` does.
    const raw = scratch ? null : ws.services.raw;
    return {
      drill: 'fuzz',
      engine: scratch ? 'postgres' : 'sqlite',
      seed,
      calls: opts.count,
      methods: methods.length,
      byCode,
      internal,
      crashes,
      unclearRejections: unclear,
      rejectedButChanged: changedByRejection,
      loggedErrors: errors.length,
      ruleViolations,
      integrity: raw ? (raw.pragma('integrity_check', { simple: true }) as string) : 'ok',
      foreignKeyViolations: raw ? (raw.pragma('foreign_key_check') as unknown[]).length : 0,
      auditChainOk: scratch
        ? (await verifyAuditPg(scratch.url, () => [])).ok
        : verifyAuditRows(raw!).ok,
      ms: Date.now() - started,
      problems,
    };
  } finally {
    await ws.close();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
