import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { Workstation } from '../app';
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
import { addBusinessDays } from '../domain/calendar/business-time';
import { shopCalendar } from '../domain/calendar/shop-calendar';
import { customerKeys } from '../domain/customers/normalize';
import { decideWarranty } from '../domain/intake/warranty';
import { deviceTag, intakeReceipt } from '../domain/printing/layouts';
import { deviceLabel } from '../domain/tickets/ticket-queries';
import { formatTicketNumber } from '../domain/tickets/ticket-number';
import { insertId, marks, type Sql } from '../db/sql';
import { measure } from './bench-measure';
import type { BenchCtx } from './bench-ctx';
import { SUMMARY_SELECT, type Sampled } from './bench-lookup';
import { luhnCheckDigit } from './seed';
import { CATALOG, PROBLEMS } from './seed-data';
import { chargeAmounts } from '../domain/pickup/charges';

/**
 * `intake.commit`: a walk-in's whole intake through the app, next to the same rows written on
 * the raw handle in one transaction and a plain TypeORM version. It adds tickets to the data
 * folder (3 × (n + warm-up) of them), so bench a copy you don't mind growing.
 */

export function intakeInput(i: number, s: Sampled, rand: () => number) {
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

/** The same rows intake.commit writes, on the bare connection, in one transaction (SQLite: sync FULL). */
function rawIntake(sql: Sql, ws: Workstation, staff: { id: number; name: string }) {
  const st = {
    byKey: 'SELECT id FROM ticket WHERE intake_key = ?',
    customer: 'SELECT id, name, phone FROM customer WHERE id = ?',
    insCustomer: `INSERT INTO customer (name, name_norm, phone, phone_digits, phone_rev, email, channel, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    device:
      'SELECT id, customer_id, type, brand, model, serial, imei, purchase_date, proof FROM device WHERE id = ?',
    insDevice: `INSERT INTO device (customer_id, type, brand, model, serial, imei, purchase_date, proof, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1)`,
    model: `INSERT INTO device_model (type, brand, model, model_norm, uses) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (type, brand, model) DO UPDATE SET uses = device_model.uses + 1`,
    sameDevice: 'SELECT id FROM device WHERE imei = ? UNION SELECT id FROM device WHERE serial = ?',
    repeat: (n: number) => `SELECT t.id, t.number, t.completed_at FROM ticket t
       WHERE t.device_id IN (${marks(n)}) AND t.completed_at >= ? AND t.status <> 'cancelled'
       ORDER BY t.completed_at DESC LIMIT 1`,
    seq: "INSERT INTO sequence (name, value) VALUES ('ticket', 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1 RETURNING value",
    insTicket: `INSERT INTO ticket (number, intake_key, customer_id, device_id, status, category, priority, service_mode, problem,
         accessories, condition_notes, backup_ack, passcode_enc, warranty, warranty_until, exclusion, repeat_of_id,
         estimate_cents, deposit_cents, promised_at, received_at, completed_at, collected_at, created_by, assigned_to, updated_at, version)
       VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, ?, 1)`,
    insEvent: `INSERT INTO ticket_event (ticket_id, kind, from_status, to_status, note, staff_id, at) VALUES (?, 'created', NULL, 'received', ?, ?, ?)`,
    insJob: `INSERT INTO print_job (kind, ticket_id, payload, status, idempotency_key, attempts, last_error, created_at, updated_at, printed_at)
       VALUES (?, ?, ?, 'queued', ?, 0, NULL, ?, ?, NULL)`,
    lastHash: 'SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1',
    insAudit: `INSERT INTO audit_entry (at, staff_id, staff_name, action, entity, entity_id, outcome, origin, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    summary: `${SUMMARY_SELECT} WHERE t.id = ?`,
  };
  const { settings } = ws.services;
  const commit = async (input: IntakeInput) => {
    const now = Date.now();
    if (await sql.get(st.byKey, input.idempotencyKey)) return;
    let customerId: number;
    let customerName: string;
    let customerPhone: string;
    if ('id' in input.customer) {
      const c = (await sql.get(st.customer, input.customer.id)) as {
        id: number;
        name: string;
        phone: string;
      };
      customerId = c.id;
      customerName = c.name;
      customerPhone = c.phone;
    } else {
      const c = input.customer;
      const k = customerKeys(c.name, c.phone);
      customerId = Number(
        await insertId(
          sql,
          st.insCustomer,
          c.name,
          k.nameNorm,
          c.phone,
          k.phoneDigits,
          k.phoneRev,
          c.email,
          c.channel,
          now,
          now,
        ),
      );
      customerName = c.name;
      customerPhone = c.phone;
    }
    let device: {
      id: number;
      imei: string | null;
      brand: string;
      model: string;
      type: string;
      purchase_date: string | null;
      proof: string;
      serial: string | null;
    };
    if ('id' in input.device) {
      device = (await sql.get(st.device, input.device.id)) as typeof device;
    } else {
      const d = input.device;
      const id = Number(
        await insertId(
          sql,
          st.insDevice,
          customerId,
          d.type,
          d.brand,
          d.model,
          d.imei,
          d.purchaseDate,
          d.proof,
          now,
          now,
        ),
      );
      await sql.run(st.model, d.type, d.brand, d.model, `${d.brand} ${d.model}`.toLowerCase());
      device = {
        id,
        imei: d.imei,
        brand: d.brand,
        model: d.model,
        type: d.type,
        purchase_date: d.purchaseDate,
        proof: d.proof,
        serial: null,
      };
    }
    const t = input.ticket;
    // The app's rules (intake/decision.ts), from the same settings: warranty from purchase
    // and proof, a repeat within the repair warranty, the promise in shop working days.
    const ids = new Set([device.id]);
    for (const r of await sql.all<{ id: number }>(st.sameDevice, device.imei, device.serial))
      ids.add(Number(r.id));
    const repeat = (await sql.get(
      st.repeat(ids.size),
      ...ids,
      now - settings.get('warranty.repairDays') * 86_400_000,
    )) as { id: number; number: string } | undefined;
    const { warranty, until } = decideWarranty({
      purchaseDate: device.purchase_date,
      proof: device.proof,
      exclusion: t.exclusion,
      months: settings.get('warranty.months')[device.type as 'phone'] ?? 0,
      today: dayjs(now).format('YYYY-MM-DD'),
    });
    const baseDays = settings.get('promise.workingDays')[t.serviceMode] ?? 3;
    const days =
      t.priority === 'normal' ? baseDays : baseDays * settings.get('promise.urgentFactor');
    const promisedAt = addBusinessDays(now, days, shopCalendar(settings));
    const seq = ((await sql.get(st.seq)) as { value: number }).value;
    const number = formatTicketNumber(
      settings.get('ticket.prefix'),
      settings.get('ticket.digits'),
      seq,
    );
    const ticketId = Number(
      await insertId(
        sql,
        st.insTicket,
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
        warranty,
        until,
        t.exclusion === 'none' ? null : t.exclusion,
        repeat?.id ?? null,
        t.estimateCents,
        t.depositCents,
        promisedAt,
        now,
        staff.id,
        now,
      ),
    );
    await sql.run(
      st.insEvent,
      ticketId,
      repeat ? `repeat of ${repeat.number}` : null,
      staff.id,
      now,
    );
    // The same receipt and device tag documents the app queues.
    const printData = {
      shop: {
        name: settings.get('shop.name'),
        address: settings.get('shop.address'),
        phone: settings.get('shop.phone'),
        terms: settings.get('intake.terms'),
      },
      number,
      receivedAt: now,
      promisedAt,
      customer: { name: customerName, phone: customerPhone },
      device: {
        label: deviceLabel(device.brand, device.model),
        serial: device.serial,
        imei: device.imei,
      },
      accessories: t.accessories,
      conditionNotes: t.conditionNotes,
      problem: t.problem,
      warranty,
      repeatOf: repeat?.number ?? null,
      estimateCents: t.estimateCents,
      depositCents: t.depositCents,
      estimate: chargeAmounts(
        [{ kind: 'other', totalCents: t.estimateCents }],
        { warranty, repeatOfId: repeat?.id ?? null, depositCents: t.depositCents },
        settings,
      ),
    };
    const receipt = intakeReceipt(
      printData,
      settings.get('print.language'),
      settings.get('print.receiptWidthMm'),
    );
    const tag = deviceTag(
      printData,
      settings.get('print.labelWidthMm'),
      settings.get('print.labelHeightMm'),
    );
    await sql.run(
      st.insJob,
      'intake_receipt',
      ticketId,
      JSON.stringify(receipt),
      `ticket:${ticketId}:intake_receipt`,
      now,
      now,
    );
    await sql.run(
      st.insJob,
      'device_tag',
      ticketId,
      JSON.stringify(tag),
      `ticket:${ticketId}:device_tag`,
      now,
      now,
    );
    const prev =
      ((await sql.get(st.lastHash)) as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
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
    await sql.run(
      st.insAudit,
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
    return await sql.get(st.summary, ticketId);
  };
  return async (input: IntakeInput) => {
    await sql.run('BEGIN');
    try {
      const out = await commit(input);
      await sql.run('COMMIT');
      return out;
    } catch (err) {
      await sql.run('ROLLBACK');
      throw err;
    }
  };
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

export async function benchIntake(c: BenchCtx, sampled: Sampled): Promise<void> {
  const { ws, n, warm, want, print, call, rand, staff, dataDir } = c;
  const total = n + warm;
  if (want('intake.commit')) {
    const inputs = Array.from({ length: total }, (_, i) => intakeInput(i, sampled, rand));
    const fresh = () => inputs.map((x) => ({ ...x, idempotencyKey: `bench-${randomUUID()}` }));
    const appIn = fresh();
    const rawIn = fresh();
    const naiveIn = fresh();
    if (c.raw.engine === 'sqlite') {
      const sync = ws.services.raw.pragma('synchronous', { simple: true });
      if (sync !== 2)
        console.error(`bench: warning, synchronous=${String(sync)}, expected FULL (2)`);
    }
    const rawCommit = rawIntake(c.raw.sql, ws, staff);
    print(
      await measure('intake.commit', n, warm, {
        app: (i) => () => call('intake.commit', appIn[i]),
        raw: (i) => () => rawCommit(rawIn[i]),
        naive: (i) => () => naiveIntake(ws, naiveIn[i], staff),
      }),
    );
    console.error(`bench: intake.commit added ${3 * total} tickets to ${dataDir}`);
  }
}
