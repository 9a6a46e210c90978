import type { DatabaseTarget } from '../db/engine';
import { sqlOf } from '../db/sql';
import { sqliteTarget } from './seed-target';
import { createWorkstation, type Workstation } from '../app';
import type { PAYMENT_METHODS } from '../api/schemas/pickup';
import type { SeedStaff } from './seed';
import { mulberry32 } from './seed';

/**
 * Pickup and follow-up demo data on top of a seeded shop: a few ready tickets are collected
 * and paid (split payments, invoices, receipts queued), their callbacks are partly made
 * (one dissatisfied → a manager task) and partly still due, plus a complaint and two returns.
 * Everything goes through the real API on a moving clock, so the rules and the audit trail
 * are exactly what the app would have written; the daily report then has money to show.
 */

/** A 1×1 PNG: the on-screen signature pad's image. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Method = (typeof PAYMENT_METHODS)[number];
const SPLITS: Method[][] = [['cash'], ['wechat'], ['card'], ['alipay', 'cash'], ['wechat', 'cash']];

export interface PickupSeedResult {
  pickups: number;
  callbacksDone: number;
  callbacksDue: number;
  complaints: number;
  returns: number;
}

interface ReadyRow {
  id: number;
  number: string;
  customer_id: number;
  estimate_cents: number;
  completed_at: number;
}

export async function seedPickup(opts: {
  dataDir: string;
  staff: SeedStaff[];
  /** How many ready tickets to hand over (fewer if the shop has fewer). */
  pickups?: number;
  now?: number;
  seed?: number;
  /** The folder's SQLite file unless given (the PostgreSQL seeder names its server). */
  database?: DatabaseTarget;
}): Promise<PickupSeedResult | null> {
  const counter = opts.staff.find((s) => s.role === 'counter' && s.pin);
  const manager = opts.staff.find((s) => s.role === 'manager' && s.pin);
  // Demo staff whose PINs were changed cannot act here; the shop keeps what it has.
  if (!counter || !manager) return null;
  const end = opts.now ?? Date.now();
  const clock = { now: end };
  const ws = await createWorkstation({
    dataDir: opts.dataDir,
    // the seeders write the database they are given (else the folder's SQLite file), whatever
    // WORKSTATION_DB_URL or database.json say
    database: opts.database ?? sqliteTarget(opts.dataDir),
    now: () => clock.now,
  });
  try {
    return await run(ws, clock, end, counter, manager, opts.pickups ?? 8, opts.seed ?? 1);
  } finally {
    await ws.close();
  }
}

async function run(
  ws: Workstation,
  clock: { now: number },
  end: number,
  counterStaff: SeedStaff,
  managerStaff: SeedStaff,
  wanted: number,
  seed: number,
): Promise<PickupSeedResult> {
  const rand = mulberry32(seed * 31 + 6);
  const sql = sqlOf(ws.services.dataSource.manager);
  const login = async (s: SeedStaff) =>
    (await ws.call(
      'auth.login',
      { name: s.name, pin: s.pin },
      { token: null, origin: 'seed' },
    )) as {
      token: string;
      staff: { id: number };
    };
  const counter = await login(counterStaff);
  const manager = await login(managerStaff);
  const as = (token: string) => (name: Parameters<Workstation['call']>[0], input: unknown) =>
    ws.call(name, input, { token, origin: 'seed' });
  const desk = as(counter.token);
  const office = as(manager.token);

  // Paid repairs first (a warranty repair is a zero invoice), handed over in completion order.
  const ready = (
    await sql.all<ReadyRow>(
      `SELECT id, number, customer_id, estimate_cents, completed_at FROM ticket
       WHERE status = 'ready' AND completed_at IS NOT NULL
       ORDER BY estimate_cents > 0 DESC, completed_at, id LIMIT ?`,
      wanted,
    )
  ).sort((a, b) => a.completed_at - b.completed_at);
  // The bench seed prices tickets with an estimate total only: give each the lines pickup charges.
  const addLine = (...p: unknown[]) =>
    sql.run(
      'INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES (?, ?, ?, 1, ?, ?, ?)',
      ...p,
    );
  const hasLines = async (id: number) =>
    Number(
      (
        await sql.get<{ n: number }>(
          'SELECT count(*) AS n FROM estimate_line WHERE ticket_id = ?',
          id,
        )
      )?.n ?? 0,
    );

  let pickups = 0;
  const collected: Array<{ ticket: ReadyRow; at: number }> = [];
  for (const [i, t] of ready.entries()) {
    // Older ones were collected a couple of days ago (their callbacks are due now), the last
    // few today (the daily report's money).
    const older = i < Math.ceil(ready.length / 2);
    const target = older ? end - (3 - i * 0.2) * DAY : end - (ready.length - i) * 0.6 * HOUR;
    clock.now = Math.round(Math.max(t.completed_at + HOUR, Math.min(target, end - 10 * 60_000)));
    if ((await hasLines(t.id)) === 0 && t.estimate_cents > 0) {
      const labour = Math.round((t.estimate_cents * 0.4) / 100) * 100;
      await addLine(
        t.id,
        'labour',
        'Repair labour / 维修工时',
        labour,
        counter.staff.id,
        clock.now,
      );
      await addLine(
        t.id,
        'part',
        'Replacement part / 更换配件',
        t.estimate_cents - labour,
        counter.staff.id,
        clock.now,
      );
    }
    const view = (await desk('pickup.lookup', { number: t.number })) as {
      ticket: { version: number };
      quote: { dueCents: number };
    };
    const due = view.quote.dueCents;
    const methods = SPLITS[Math.floor(rand() * SPLITS.length)];
    const payments =
      due <= 0
        ? []
        : methods.length === 1
          ? [{ method: methods[0], amountCents: due }]
          : [
              { method: methods[0], amountCents: Math.round(due / 200) * 100 },
              { method: methods[1], amountCents: due - Math.round(due / 200) * 100 },
            ];
    await desk('pickup.complete', {
      ticketId: t.id,
      version: view.ticket.version,
      idempotencyKey: `seed-pickup-${t.id}`,
      payments,
      signature: SIGNATURE,
      ...(due < 0 ? { returnMethod: 'cash' } : {}),
    });
    pickups++;
    collected.push({ ticket: t, at: clock.now });
  }

  // Callbacks: the older pickups were called the next day; one customer was unhappy.
  const OUTCOMES = [
    {
      reached: true,
      satisfaction: 'very_satisfied',
      attitude: 5,
      speed: 5,
      competence: 5,
      nps: 10,
    },
    { reached: true, satisfaction: 'satisfied', attitude: 4, speed: 4, competence: 5, nps: 8 },
    {
      reached: true,
      satisfaction: 'dissatisfied',
      attitude: 3,
      speed: 1,
      competence: 3,
      nps: 3,
      comments: 'Took longer than promised; 比承诺的时间晚了两天',
    },
    { reached: false },
  ] as const;
  let callbacksDone = 0;
  let unhappy: ReadyRow | null = null;
  for (const [i, c] of collected.slice(0, OUTCOMES.length).entries()) {
    if (c.at + 20 * HOUR > end) continue;
    clock.now = c.at + 20 * HOUR;
    const cb = await sql.get<{ id: number; version: number }>(
      "SELECT id, version FROM callback WHERE ticket_id = ? AND status = 'due'",
      c.ticket.id,
    );
    if (!cb) continue;
    await desk('callbacks.record', { id: cb.id, version: cb.version, ...OUTCOMES[i] });
    if (OUTCOMES[i].reached) callbacksDone++;
    if (i === 2) unhappy = c.ticket;
  }

  clock.now = end - 2 * HOUR;
  let complaints = 0;
  const about = unhappy ?? collected[0]?.ticket;
  if (about) {
    await desk('complaints.create', {
      ticketId: about.id,
      type: 'slow_handling',
      severity: 'medium',
      description:
        'Customer says the repair took two days longer than promised. 客户反映维修比承诺晚两天。',
      ownerId: manager.staff.id,
    });
    complaints++;
  }

  // Returns: one authorised and inspected (waiting for refund or exchange), one just asked.
  let returns = 0;
  const customers = await sql.all<{ id: number }>(
    'SELECT id FROM customer ORDER BY id DESC LIMIT 2',
  );
  const RETURNS = [
    {
      product: 'Huawei FreeBuds 5 耳机',
      serial: 'FB5-2611-0042',
      proofRef: 'FP-2026-11873',
      reason: 'Left bud has no sound / 左耳无声',
    },
    {
      product: 'Anker 20W charger',
      serial: undefined,
      proofRef: 'JD-88231907',
      reason: 'Does not charge / 无法充电',
    },
  ];
  for (const [i, c] of customers.entries()) {
    clock.now = end - (90 - i * 30) * 60_000;
    let r = (await desk('rma.request', {
      customerId: c.id,
      proof: 'invoice',
      ...RETURNS[i],
    })) as { id: number; version: number };
    if (i === 0) {
      r = (
        (await office('rma.verify', { id: r.id, version: r.version, approve: true })) as {
          rma: { id: number; version: number };
        }
      ).rma;
      await desk('rma.receive', {
        id: r.id,
        version: r.version,
        inspection: 'Driver dead, no physical damage / 喇叭损坏，无外观损伤',
        sound: false,
      });
    }
    returns++;
  }

  const callbacksDue = Number(
    (await sql.get<{ n: number }>("SELECT count(*) AS n FROM callback WHERE status = 'due'"))?.n ??
      0,
  );
  return { pickups, callbacksDone, callbacksDue, complaints, returns };
}
