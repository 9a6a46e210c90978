import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { In, Like } from 'typeorm';
import type { CallMeta } from '../api/dispatcher';
import { createWorkstation, type Workstation } from '../app';
import {
  AuditEntry,
  Customer,
  Device,
  PrintJob,
  Sequence,
  Ticket,
  TicketEvent,
} from '../db/entities';
import { GENESIS_HASH, auditHash, type AuditRecord } from '../domain/audit/audit-log';
import { customerKeys, normalizeName, prefixEnd, queryDigits } from '../domain/customers/normalize';
import { formatTicketNumber, parseTicketNumber } from '../domain/tickets/ticket-number';
import { phoneDigits } from '../api/schemas/common';
import { ArgsError, parseFlags } from './args';
import { measure, type BenchLine } from './bench-measure';
import { benchDevices } from './bench-devices';
import { benchInventory } from './bench-inventory';
import { benchWorkflow } from './bench-workflow';
import { benchPickup } from './bench-pickup';
import { benchReports } from './bench-reports';
import { benchStall } from './bench-stall';
import { mulberry32, luhnCheckDigit } from './seed';
import { CATALOG, DEMO_STAFF, PROBLEMS } from './seed-data';

/**
 * `npm run bench -- --data DIR [--n 200]`: the counter's hot paths through the real app
 * (dispatcher: validation, permission, transaction, audit), next to the same SQL on the raw
 * better-sqlite3 handle and a naive TypeORM version. One JSON line per benchmark on stdout:
 * {"name","n","p50_ms","p95_ms","raw_p95_ms","naive_p95_ms"}. intake.commit adds tickets to
 * the data folder (3 × (n + warm-up) of them), so bench a copy you don't mind growing.
 */

function expectOk(res: { ok: boolean; error?: { code: string; message: string } }, what: string) {
  if (!res.ok) throw new Error(`${what}: ${res.error?.code} ${res.error?.message}`);
}

// ---------------------------------------------------------------- query mix

interface Sampled {
  phones: string[];
  names: string[];
  numbers: string[];
  imeis: string[];
  serials: string[];
  pairs: Array<{ customerId: number; deviceId: number }>;
}

function sampleData(raw: BetterSqlite3.Database, count: number, rand: () => number): Sampled {
  const maxOf = (table: string) =>
    (raw.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
  const maxCustomer = maxOf('customer');
  const maxTicket = maxOf('ticket');
  const maxDevice = maxOf('device');
  if (maxTicket === 0) throw new Error('The data folder has no tickets: run `npm run seed` first.');
  const ids = (max: number) => Array.from({ length: count }, () => 1 + Math.floor(rand() * max));
  const customer = raw.prepare(
    'SELECT name, phone_digits FROM customer WHERE id >= ? ORDER BY id LIMIT 1',
  );
  const ticket = raw.prepare(
    'SELECT number, customer_id, device_id FROM ticket WHERE id >= ? ORDER BY id LIMIT 1',
  );
  const device = raw.prepare('SELECT imei, serial FROM device WHERE id >= ? ORDER BY id LIMIT 1');
  const s: Sampled = { phones: [], names: [], numbers: [], imeis: [], serials: [], pairs: [] };
  for (const id of ids(maxCustomer)) {
    const c = customer.get(id) as { name: string; phone_digits: string } | undefined;
    if (!c) continue;
    s.phones.push(c.phone_digits);
    s.names.push(c.name);
  }
  for (const id of ids(maxTicket)) {
    const t = ticket.get(id) as
      { number: string; customer_id: number; device_id: number } | undefined;
    if (!t) continue;
    s.numbers.push(t.number);
    s.pairs.push({ customerId: t.customer_id, deviceId: t.device_id });
  }
  for (const id of ids(maxDevice)) {
    const d = device.get(id) as { imei: string | null; serial: string | null } | undefined;
    if (d?.imei) s.imeis.push(d.imei);
    if (d?.serial) s.serials.push(d.serial);
  }
  return s;
}

const CJK = /[\u3400-\u9fff]/;

/** What counter staff type into the lookup box: phone starts and ends, names and parts of names. */
function lookupQueries(s: Sampled, count: number, rand: () => number): string[] {
  const pick = <T>(l: T[]) => l[Math.floor(rand() * l.length)];
  const chinese = s.names.filter((n) => CJK.test(n));
  const english = s.names.filter((n) => !CJK.test(n));
  const mainland = s.phones.filter((p) => /^1[3-9]\d{9}$/.test(p));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = rand();
    if (x < 0.35) {
      out.push(pick(mainland).slice(0, 4 + Math.floor(rand() * 4))); // phone prefix, 4-7 digits
    } else if (x < 0.55) {
      out.push(pick(s.phones).slice(-4)); // "ends in 5678"
    } else if (x < 0.85 && chinese.length) {
      const name = [...pick(chinese)];
      out.push(name.slice(0, rand() < 0.5 ? 2 : Math.min(3, name.length)).join('')); // 2-3 characters
    } else {
      const parts = pick(english.length ? english : s.names).split(' ');
      const part = pick(parts);
      out.push(part.slice(0, 3 + Math.floor(rand() * Math.max(1, part.length - 2)))); // "Thom", "smi"
    }
  }
  return out;
}

function globalQueries(s: Sampled, count: number, rand: () => number): string[] {
  const lookups = lookupQueries(s, count, rand);
  return lookups.map((q, i) => {
    const x = rand();
    const number = s.numbers[i % s.numbers.length];
    if (x < 0.25) return number; // scanned "R-000123"
    if (x < 0.4) return String(Number(number.replace(/\D/g, ''))); // typed "123"
    if (x < 0.45 && s.imeis.length) return s.imeis[i % s.imeis.length];
    if (x < 0.5 && s.serials.length) return s.serials[i % s.serials.length];
    return q;
  });
}

// ---------------------------------------------------------------- raw equivalents

interface RawStatements {
  byPhone: BetterSqlite3.Statement;
  byPhoneRev: BetterSqlite3.Statement;
  byName: BetterSqlite3.Statement;
  byFts: BetterSqlite3.Statement;
  summaries: Map<number, BetterSqlite3.Statement>;
  progress: BetterSqlite3.Statement;
  ticketSummaryByNumber: BetterSqlite3.Statement;
  devicesByCode: BetterSqlite3.Statement;
  related: Map<number, BetterSqlite3.Statement>;
}

const SUMMARY_SELECT = `SELECT t.id, t.number, t.status, t.category, t.priority, t.service_mode, t.warranty,
  t.repeat_of_id, t.customer_id, t.device_id, c.name AS customer_name, c.phone AS customer_phone,
  d.brand, d.model, t.problem, t.received_at, t.promised_at, t.updated_at
  FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id`;

function rawStatements(db: BetterSqlite3.Database): RawStatements {
  return {
    byPhone: db.prepare(
      'SELECT id FROM customer WHERE phone_digits >= ? AND phone_digits < ? ORDER BY phone_digits LIMIT ?',
    ),
    byPhoneRev: db.prepare(
      'SELECT id FROM customer WHERE phone_rev >= ? AND phone_rev < ? ORDER BY phone_rev LIMIT ?',
    ),
    byName: db.prepare(
      'SELECT id FROM customer WHERE name_norm >= ? AND name_norm < ? ORDER BY name_norm LIMIT ?',
    ),
    byFts: db.prepare('SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?'),
    summaries: new Map(),
    progress: db.prepare(
      `SELECT t.number, t.status, t.promised_at, t.received_at, t.updated_at, d.brand, d.model,
              c.name AS customer_name, e.kind AS last_event, e.at AS last_at
       FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id
       LEFT JOIN ticket_event e ON e.id = (SELECT max(id) FROM ticket_event WHERE ticket_id = t.id)
       WHERE t.number = ?`,
    ),
    ticketSummaryByNumber: db.prepare(`${SUMMARY_SELECT} WHERE t.number = ?`),
    devicesByCode: db.prepare(
      `SELECT d.*, c.name AS customer_name FROM device d JOIN customer c ON c.id = d.customer_id
       WHERE d.serial = ? OR d.imei = ? LIMIT 5`,
    ),
    related: new Map(),
  };
}

function rawCustomerIds(st: RawStatements, q: string, limit: number): number[] {
  const ids: number[] = [];
  const add = (rows: Array<{ id: number }>) => {
    for (const r of rows) if (!ids.includes(r.id) && ids.length < limit) ids.push(r.id);
  };
  if (/^[+\d\s\-().]+$/.test(q) && phoneDigits(q).length >= 3) {
    const digits = queryDigits(q);
    const rev = [...digits].reverse().join('');
    add(st.byPhone.all(digits, prefixEnd(digits), limit) as Array<{ id: number }>);
    if (ids.length < limit)
      add(st.byPhoneRev.all(rev, prefixEnd(rev), limit) as Array<{ id: number }>);
    return ids;
  }
  const norm = normalizeName(q);
  add(st.byName.all(norm, prefixEnd(norm), limit) as Array<{ id: number }>);
  if (ids.length < limit && [...norm].length >= 3) {
    add(st.byFts.all(`"${q.trim().replace(/"/g, '""')}"`, limit * 2) as Array<{ id: number }>);
  }
  return ids;
}

function rawSummaries(db: BetterSqlite3.Database, st: RawStatements, ids: number[]) {
  if (ids.length === 0) return [];
  let stmt = st.summaries.get(ids.length);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT c.id, c.name, c.phone, c.email, c.channel, c.created_at,
              (SELECT count(*) FROM ticket t WHERE t.customer_id = c.id) AS ticket_count,
              (SELECT max(t.received_at) FROM ticket t WHERE t.customer_id = c.id) AS last_visit_at
       FROM customer c WHERE c.id IN (${ids.map(() => '?').join(',')})`,
    );
    st.summaries.set(ids.length, stmt);
  }
  return stmt.all(...ids);
}

function rawRelated(db: BetterSqlite3.Database, st: RawStatements, ownerIds: number[]) {
  let stmt = st.related.get(ownerIds.length);
  if (!stmt) {
    stmt = db.prepare(
      `${SUMMARY_SELECT} WHERE t.customer_id IN (${ownerIds.map(() => '?').join(',')}) ORDER BY t.received_at DESC LIMIT 8`,
    );
    st.related.set(ownerIds.length, stmt);
  }
  return stmt.all(...ownerIds);
}

// ---------------------------------------------------------------- intake inputs

function intakeInput(i: number, s: Sampled, rand: () => number) {
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)];
  const x = rand();
  const pair = s.pairs[i % s.pairs.length];
  const phoneModels = CATALOG.filter((c) => c.type === 'phone');
  const model = pick(phoneModels);
  const body = `35391110${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
  const newDevice = {
    type: model.type,
    brand: model.brand,
    model: model.model,
    imei: body + luhnCheckDigit(body),
    purchaseDate: '2025-03-01',
    proof: 'invoice' as const,
  };
  const customer =
    x < 0.8
      ? { id: pair.customerId }
      : {
          name: `Bench ${i} 测试`,
          phone: `+86 139 ${String(1000 + (i % 9000))} ${String(Math.floor(rand() * 9000) + 1000)}`,
          email: `bench${i}@example.com`,
          channel: 'our_store' as const,
        };
  const device = x < 0.5 ? { id: pair.deviceId } : newDevice;
  return {
    idempotencyKey: `bench-${randomUUID()}`,
    customer,
    device,
    ticket: {
      category: 'fault' as const,
      priority: rand() < 0.1 ? ('urgent' as const) : ('normal' as const),
      serviceMode: 'carry_in' as const,
      problem: pick(PROBLEMS.phone),
      accessories: ['case'],
      conditionNotes: 'scratch on back',
      backupAck: true as const,
      exclusion: 'none' as const,
      estimateCents: 30000,
      depositCents: 5000,
    },
  };
}
type IntakeInput = ReturnType<typeof intakeInput>;

/** The same rows intake.commit writes, on the raw handle, in one transaction (sync FULL). */
function rawIntake(
  db: BetterSqlite3.Database,
  ws: Workstation,
  staff: { id: number; name: string },
) {
  const st = {
    byKey: db.prepare('SELECT id FROM ticket WHERE intake_key = ?'),
    customer: db.prepare('SELECT id, name, phone FROM customer WHERE id = ?'),
    insCustomer: db.prepare(
      `INSERT INTO customer (name, name_norm, phone, phone_digits, phone_rev, email, channel, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    device: db.prepare(
      'SELECT id, customer_id, type, brand, model, serial, imei, purchase_date, proof FROM device WHERE id = ?',
    ),
    insDevice: db.prepare(
      `INSERT INTO device (customer_id, type, brand, model, serial, imei, purchase_date, proof, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1)`,
    ),
    model: db.prepare(
      `INSERT INTO device_model (type, brand, model, model_norm, uses) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (type, brand, model) DO UPDATE SET uses = device_model.uses + 1`,
    ),
    repeat: db.prepare(
      `SELECT t.id, t.number, t.completed_at FROM ticket t
       WHERE (t.device_id = ? OR t.device_id IN (SELECT id FROM device WHERE imei = ?)) AND t.completed_at >= ? AND t.status <> 'cancelled'
       ORDER BY t.completed_at DESC LIMIT 1`,
    ),
    seq: db.prepare(
      "INSERT INTO sequence (name, value) VALUES ('ticket', 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1 RETURNING value",
    ),
    insTicket: db.prepare(
      `INSERT INTO ticket (number, intake_key, customer_id, device_id, status, category, priority, service_mode, problem,
         accessories, condition_notes, backup_ack, passcode_enc, warranty, warranty_until, exclusion, repeat_of_id,
         estimate_cents, deposit_cents, promised_at, received_at, completed_at, collected_at, created_by, assigned_to, updated_at, version)
       VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, 1, NULL, 'in_warranty', NULL, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, ?, 1)`,
    ),
    insEvent: db.prepare(
      `INSERT INTO ticket_event (ticket_id, kind, from_status, to_status, note, staff_id, at) VALUES (?, 'created', NULL, 'received', ?, ?, ?)`,
    ),
    insJob: db.prepare(
      `INSERT INTO print_job (kind, ticket_id, payload, status, idempotency_key, attempts, last_error, created_at, updated_at, printed_at)
       VALUES (?, ?, ?, 'queued', ?, 0, NULL, ?, ?, NULL)`,
    ),
    lastHash: db.prepare('SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1'),
    insAudit: db.prepare(
      `INSERT INTO audit_entry (at, staff_id, staff_name, action, entity, entity_id, outcome, origin, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    summary: db.prepare(`${SUMMARY_SELECT} WHERE t.id = ?`),
  };
  const { settings } = ws.services;
  return db.transaction((input: IntakeInput) => {
    const now = Date.now();
    if (st.byKey.get(input.idempotencyKey)) return;
    let customerId: number;
    let customerName: string;
    if ('id' in input.customer) {
      const c = st.customer.get(input.customer.id) as { id: number; name: string };
      customerId = c.id;
      customerName = c.name;
    } else {
      const c = input.customer;
      const k = customerKeys(c.name, c.phone);
      customerId = Number(
        st.insCustomer.run(
          c.name,
          k.nameNorm,
          c.phone,
          k.phoneDigits,
          k.phoneRev,
          c.email,
          c.channel,
          now,
          now,
        ).lastInsertRowid,
      );
      customerName = c.name;
    }
    let device: { id: number; imei: string | null; brand: string; model: string };
    if ('id' in input.device) {
      device = st.device.get(input.device.id) as typeof device;
    } else {
      const d = input.device;
      const id = Number(
        st.insDevice.run(
          customerId,
          d.type,
          d.brand,
          d.model,
          d.imei,
          d.purchaseDate,
          d.proof,
          now,
          now,
        ).lastInsertRowid,
      );
      st.model.run(d.type, d.brand, d.model, `${d.brand} ${d.model}`.toLowerCase());
      device = { id, imei: d.imei, brand: d.brand, model: d.model };
    }
    const repeat = st.repeat.get(device.id, device.imei, now - 90 * 86_400_000) as
      { id: number } | undefined;
    const seq = (st.seq.get() as { value: number }).value;
    const number = formatTicketNumber(
      settings.get('ticket.prefix'),
      settings.get('ticket.digits'),
      seq,
    );
    const t = input.ticket;
    const ticketId = Number(
      st.insTicket.run(
        number,
        input.idempotencyKey,
        customerId,
        device.id,
        t.category,
        t.priority,
        t.serviceMode,
        t.problem,
        JSON.stringify(t.accessories),
        t.conditionNotes,
        repeat?.id ?? null,
        t.estimateCents,
        t.depositCents,
        now + 3 * 86_400_000,
        now,
        staff.id,
        now,
      ).lastInsertRowid,
    );
    st.insEvent.run(ticketId, null, staff.id, now);
    const payload = JSON.stringify({
      number,
      customerName,
      device: `${device.brand} ${device.model}`,
      problem: t.problem,
    });
    st.insJob.run(
      'intake_receipt',
      ticketId,
      payload,
      `ticket:${ticketId}:intake_receipt`,
      now,
      now,
    );
    st.insJob.run('device_tag', ticketId, payload, `ticket:${ticketId}:device_tag`, now, now);
    const prev = (st.lastHash.get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const rec: AuditRecord = {
      at: now,
      staffId: staff.id,
      staffName: staff.name,
      action: 'intake.commit',
      entity: 'ticket',
      entityId: String(ticketId),
      outcome: 'success',
      origin: 'bench-raw',
      details: JSON.stringify({ number, customerId, deviceId: device.id }),
    };
    st.insAudit.run(
      rec.at,
      rec.staffId,
      rec.staffName,
      rec.action,
      rec.entity,
      rec.entityId,
      rec.outcome,
      rec.origin,
      rec.details,
      prev,
      auditHash(prev, rec),
    );
    return st.summary.get(ticketId);
  });
}

/** A plain TypeORM intake: repositories and save(), no hand-written SQL. */
async function naiveIntake(
  ws: Workstation,
  input: IntakeInput,
  staff: { id: number; name: string },
) {
  await ws.services.dataSource.transaction(async (em) => {
    const now = Date.now();
    if (await em.findOne(Ticket, { where: { intakeKey: input.idempotencyKey } })) return;
    const customer =
      'id' in input.customer
        ? await em.findOneOrFail(Customer, { where: { id: input.customer.id } })
        : await em.save(Customer, {
            ...input.customer,
            ...customerKeys(input.customer.name, input.customer.phone),
            createdAt: now,
            updatedAt: now,
          });
    const device =
      'id' in input.device
        ? await em.findOneOrFail(Device, { where: { id: input.device.id } })
        : await em.save(Device, {
            ...input.device,
            serial: null,
            customerId: customer.id,
            createdAt: now,
            updatedAt: now,
          });
    const earlier = await em.find(Ticket, {
      where: { deviceId: device.id },
      order: { completedAt: 'DESC' },
      take: 1,
    });
    const seqRow = await em.findOneOrFail(Sequence, { where: { name: 'ticket' } });
    seqRow.value += 1;
    await em.save(Sequence, seqRow);
    const number = formatTicketNumber(
      ws.services.settings.get('ticket.prefix'),
      ws.services.settings.get('ticket.digits'),
      seqRow.value,
    );
    const t = input.ticket;
    const ticket = await em.save(Ticket, {
      number,
      intakeKey: input.idempotencyKey,
      customerId: customer.id,
      deviceId: device.id,
      status: 'received',
      category: t.category,
      priority: t.priority,
      serviceMode: t.serviceMode,
      problem: t.problem,
      accessories: JSON.stringify(t.accessories),
      conditionNotes: t.conditionNotes,
      backupAck: 1,
      passcodeEnc: null,
      warranty: 'in_warranty',
      warrantyUntil: null,
      exclusion: null,
      repeatOfId:
        earlier[0]?.completedAt && earlier[0].completedAt > now - 90 * 86_400_000
          ? earlier[0].id
          : null,
      estimateCents: t.estimateCents,
      depositCents: t.depositCents,
      promisedAt: now + 3 * 86_400_000,
      receivedAt: now,
      completedAt: null,
      collectedAt: null,
      createdBy: staff.id,
      assignedTo: null,
      updatedAt: now,
    });
    await em.save(TicketEvent, {
      ticketId: ticket.id,
      kind: 'created',
      fromStatus: null,
      toStatus: 'received',
      note: null,
      staffId: staff.id,
      at: now,
    });
    for (const kind of ['intake_receipt', 'device_tag']) {
      await em.save(PrintJob, {
        kind,
        ticketId: ticket.id,
        payload: JSON.stringify({ number }),
        status: 'queued',
        idempotencyKey: `ticket:${ticket.id}:${kind}`,
        attempts: 0,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        printedAt: null,
      });
    }
    const last = await em.find(AuditEntry, { order: { id: 'DESC' }, take: 1 });
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    const rec: AuditRecord = {
      at: now,
      staffId: staff.id,
      staffName: staff.name,
      action: 'intake.commit',
      entity: 'ticket',
      entityId: String(ticket.id),
      outcome: 'success',
      origin: 'bench-naive',
      details: null,
    };
    await em.save(AuditEntry, { ...rec, prevHash, hash: auditHash(prevHash, rec) });
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const flags = parseFlags(process.argv.slice(2), {
    data: 'string',
    n: 'number',
    warmup: 'number',
    seed: 'number',
    only: 'string',
    help: 'boolean',
  });
  if (flags.help || !flags.data) {
    console.error(
      'usage: npm run bench -- --data DIR [--n 200] [--warmup 30] [--only customer.lookup,...]',
    );
    process.exit(flags.help ? 0 : 2);
  }
  const n = Math.max(1, Math.floor(flags.n ?? 200));
  const warm = Math.max(1, Math.floor(flags.warmup ?? Math.min(50, Math.ceil(n / 4))));
  const only = flags.only ? new Set(flags.only.split(',')) : null;
  const rand = mulberry32(flags.seed ?? 42);
  const dataDir = path.resolve(flags.data);
  const ws = await createWorkstation({ dataDir, logger: { error: (m, e) => console.error(m, e) } });
  try {
    const raw = ws.services.raw;
    const ds = ws.services.dataSource;
    const manager = DEMO_STAFF.find((s) => s.role === 'manager')!;
    const login = await ws.dispatcher.call(
      'auth.login',
      { name: manager.name, pin: manager.pin },
      { token: null, origin: 'bench' },
    );
    expectOk(login, `sign in as ${manager.name} (seeded manager)`);
    const session = (login as { result: { token: string; staff: { id: number; name: string } } })
      .result;
    const meta: CallMeta = { token: session.token, origin: 'bench' };
    const staff = { id: session.staff.id, name: session.staff.name };
    const total = n + warm;
    const sampled = sampleData(raw, total * 2, rand);
    const st = rawStatements(raw);
    const counts = raw
      .prepare(
        'SELECT (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM customer) AS customers',
      )
      .get() as { tickets: number; customers: number };
    console.error(
      `bench: ${counts.tickets} tickets, ${counts.customers} customers; n=${n}, warm-up=${warm}`,
    );
    const call = async (method: string, input: unknown) => {
      const res = await ws.dispatcher.call(method, input, meta);
      expectOk(res, method);
      return res;
    };
    const print = (line: BenchLine) => console.log(JSON.stringify(line));
    const want = (name: string) => !only || only.has(name);
    const { settings } = ws.services;

    if (want('customer.lookup')) {
      const qs = lookupQueries(sampled, total, rand);
      const customers = ds.getRepository(Customer);
      print(
        await measure('customer.lookup', n, warm, {
          app: (i) => () => call('customers.search', { q: qs[i], limit: 20 }),
          raw: (i) => () => rawSummaries(raw, st, rawCustomerIds(st, qs[i], 20)),
          naive: (i) => () =>
            customers.find({
              where: [{ phone: Like(`%${qs[i]}%`) }, { name: Like(`%${qs[i]}%`) }],
              take: 20,
            }),
        }),
      );
    }

    if (want('ticket.byNumber')) {
      const numbers = sampled.numbers;
      print(
        await measure('ticket.byNumber', n, warm, {
          app: (i) => () => call('tickets.progress', { number: numbers[i % numbers.length] }),
          raw: (i) => () => {
            const row = st.progress.get(numbers[i % numbers.length]);
            if (!row) throw new Error('raw: ticket not found');
            return row;
          },
          naive: (i) => async () => {
            const t = await ds
              .getRepository(Ticket)
              .findOneOrFail({ where: { number: numbers[i % numbers.length] } });
            const [c, d, e] = await Promise.all([
              ds.getRepository(Customer).findOneBy({ id: t.customerId }),
              ds.getRepository(Device).findOneBy({ id: t.deviceId }),
              ds
                .getRepository(TicketEvent)
                .findOne({ where: { ticketId: t.id }, order: { id: 'DESC' } }),
            ]);
            return { t, c, d, e };
          },
        }),
      );
    }

    if (want('search.global')) {
      const qs = globalQueries(sampled, total, rand);
      const prefix = settings.get('ticket.prefix');
      const digits = settings.get('ticket.digits');
      print(
        await measure('search.global', n, warm, {
          app: (i) => () => call('search.global', { q: qs[i] }),
          raw: (i) => () => {
            const q = qs[i].trim();
            const number = parseTicketNumber(q, prefix, digits);
            const byNumber = number ? st.ticketSummaryByNumber.all(number) : [];
            const ids = rawCustomerIds(st, q, 5);
            const customers = rawSummaries(raw, st, ids);
            const devices = (q.length >= 5 ? st.devicesByCode.all(q, q) : []) as Array<{
              customer_id: number;
            }>;
            const owners = [...ids.slice(0, 3), ...devices.map((d) => d.customer_id)];
            const related = owners.length ? rawRelated(raw, st, owners) : [];
            return { byNumber, customers, devices, related };
          },
          naive: (i) => async () => {
            const q = qs[i].trim();
            const [tickets, customers, devices] = await Promise.all([
              ds.getRepository(Ticket).find({ where: { number: Like(`%${q}%`) }, take: 10 }),
              ds
                .getRepository(Customer)
                .find({ where: [{ phone: Like(`%${q}%`) }, { name: Like(`%${q}%`) }], take: 5 }),
              ds
                .getRepository(Device)
                .find({ where: [{ serial: Like(`%${q}%`) }, { imei: Like(`%${q}%`) }], take: 5 }),
            ]);
            const owners = [...customers.map((c) => c.id), ...devices.map((d) => d.customerId)];
            const related = owners.length
              ? await ds
                  .getRepository(Ticket)
                  .find({
                    where: { customerId: In(owners) },
                    order: { receivedAt: 'DESC' },
                    take: 8,
                  })
              : [];
            return { tickets, customers, devices, related };
          },
        }),
      );
    }

    if (want('intake.commit')) {
      const inputs = Array.from({ length: total }, (_, i) => intakeInput(i, sampled, rand));
      const fresh = () => inputs.map((x) => ({ ...x, idempotencyKey: `bench-${randomUUID()}` }));
      const appIn = fresh();
      const rawIn = fresh();
      const naiveIn = fresh();
      const sync = raw.pragma('synchronous', { simple: true });
      if (sync !== 2)
        console.error(`bench: warning, synchronous=${String(sync)}, expected FULL (2)`);
      const rawCommit = rawIntake(raw, ws, staff);
      print(
        await measure('intake.commit', n, warm, {
          app: (i) => () => call('intake.commit', appIn[i]),
          raw: (i) => () => rawCommit(rawIn[i]),
          naive: (i) => () => naiveIntake(ws, naiveIn[i], staff),
        }),
      );
      console.error(`bench: intake.commit added ${3 * total} tickets to ${dataDir}`);
    }
    await benchWorkflow({ ws, meta, n, warm, want, print });
    await benchDevices({ n, warm, want, print });
    await benchInventory({ ws, meta, n, warm, want, print });
    await benchPickup({ ws, meta, n, warm, want, print });
    await benchReports({ ws, meta, n, warm, want, print: (l) => console.log(JSON.stringify(l)) });
    await benchStall({ ws, meta, want, print: (l) => console.log(JSON.stringify(l)) });
  } finally {
    await ws.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ArgsError ? err.message : err);
  process.exit(err instanceof ArgsError ? 2 : 1);
});
