import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import { IsNull } from 'typeorm';
import {
  Callback,
  Customer,
  Device,
  EstimateLine,
  Invoice,
  Payment,
  Pickup,
  Sequence,
  Ticket,
} from '../db/entities';
import { sectionCall } from './bench-ctx';
import { measure, type BenchLine } from './bench-measure';
import { prep, type RawDb } from './bench-raw-db';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  n: number;
  warm: number;
  want: (name: string) => boolean;
  print: (line: BenchLine) => void;
}

/** A 1×1 PNG: the pickup path stores a real signature file each time. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * Pickup's hot paths: the counter's lookup by number, a full pickup (invoice, split payment,
 * signature, receipt job, callback), and the callbacks queue. pickup.complete turns received
 * tickets into ready ones first (adds an estimate, approves) and collects them, so bench a
 * copy of a seeded folder.
 */
export async function benchPickup({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  want,
  print,
}: Ctx): Promise<void> {
  const raw = { prepare: (text: string) => prep(rawDb.sql, text) };
  /** One transaction on the bare connection. */
  const inTx = async (work: () => Promise<void>) => {
    await rawDb.sql.run('BEGIN');
    try {
      await work();
      await rawDb.sql.run('COMMIT');
    } catch (err) {
      await rawDb.sql.run('ROLLBACK');
      throw err;
    }
  };
  const ds = ws.services.dataSource;
  const call = sectionCall(ws, meta);

  // Only when a pickup line runs: each run turns 3 × (n + warm) tickets into ready ones, and a
  // shop benched line by line (`--only`) would otherwise fill its board with them.
  if (!want('pickup.lookup') && !want('pickup.complete')) return;
  // Ready tickets for the three variants: each collects its own.
  // Seeded shops are mostly collected history without pickup records: reuse those as ready.
  const take = (await raw
    .prepare(
      `SELECT id, number FROM ticket WHERE status IN ('received', 'collected')
       AND NOT EXISTS (SELECT 1 FROM pickup p WHERE p.ticket_id = ticket.id)
       AND NOT EXISTS (SELECT 1 FROM callback b WHERE b.ticket_id = ticket.id)
       ORDER BY random() LIMIT ?`,
    )
    .all(3 * (n + warm))) as Array<{ id: number; number: string }>;
  if (take.length < 3 * (n + warm)) {
    throw new Error('Not enough tickets to collect: seed more (npm run seed -- --tickets 5000).');
  }
  const line = raw.prepare(
    'INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at) VALUES (?, ?, ?, 1, ?, 1, 0)',
  );
  await inTx(async () => {
    for (const t of take) {
      await line.run(t.id, 'labour', 'Replace screen', 12000);
      await line.run(t.id, 'part', 'Screen assembly', 33000);
      await raw
        .prepare(
          "UPDATE ticket SET status = 'ready', approval = 'approved', completed_at = ?, version = version + 1 WHERE id = ?",
        )
        .run(Date.now(), t.id);
    }
  });
  const [appT, rawT, naiveT] = [0, 1, 2].map((k) =>
    take.slice(k * (n + warm), (k + 1) * (n + warm)),
  );

  if (want('pickup.lookup')) {
    const one = raw.prepare(
      'SELECT t.*, c.name, c.phone, d.brand, d.model FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id WHERE t.number = ?',
    );
    const lines = raw.prepare(
      'SELECT * FROM estimate_line WHERE ticket_id = ? AND removed_at IS NULL',
    );
    const invoices = raw.prepare('SELECT * FROM invoice WHERE ticket_id = ?');
    print(
      await measure('pickup.lookup', n, warm, {
        app: (i) => () => call('pickup.lookup', { number: appT[i].number }),
        raw: (i) => async () => {
          const t = (await one.get(appT[i].number)) as { id: number };
          return [t, await lines.all(t.id), await invoices.all(t.id)];
        },
        // naive: the same rows (ticket, customer, device, lines, invoices) one repository each.
        naive: (i) => async () => {
          const t = await ds.getRepository(Ticket).findOneByOrFail({ number: appT[i].number });
          return Promise.all([
            ds.getRepository(Customer).findOneBy({ id: t.customerId }),
            ds.getRepository(Device).findOneBy({ id: t.deviceId }),
            ds.getRepository(EstimateLine).findBy({ ticketId: t.id, removedAt: IsNull() }),
            ds.getRepository(Invoice).findBy({ ticketId: t.id }),
          ]);
        },
      }),
    );
  }

  if (want('pickup.complete')) {
    const version = raw.prepare('SELECT version FROM ticket WHERE id = ?');
    const rawPickup = (id: number, i: number) =>
      inTx(async () => {
        await raw
          .prepare(
            "INSERT INTO sequence (name, value) VALUES ('bench_invoice', 1) ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1",
          )
          .run();
        const inv = (await raw
          .prepare(
            `INSERT INTO invoice (number, kind, ticket_id, customer_id, lines, labour_cents, parts_cents, other_cents, covered_cents,
           discount_cents, net_cents, tax_rate_bp, tax_inclusive, tax_cents, total_cents, deposit_cents, due_cents, paid_cents,
           change_cents, credit_cents, return_cents, created_by, created_at)
           SELECT ?, 'invoice', id, customer_id, '[]', 12000, 33000, 0, 0, 0, 45000, 1300, 0, 5850, 50850, 0, 50850, 50850, 0, 0, 0, 1, ? FROM ticket WHERE id = ? RETURNING id`,
          )
          .get(`BENCH-${id}-${i}`, Date.now(), id)) as { id: number };
        await raw
          .prepare(
            "INSERT INTO payment (invoice_id, method, amount_cents, staff_id, at) VALUES (?, 'card', 30000, 1, ?)",
          )
          .run(inv.id, Date.now());
        await raw
          .prepare(
            "INSERT INTO payment (invoice_id, method, amount_cents, staff_id, at) VALUES (?, 'cash', 20850, 1, ?)",
          )
          .run(inv.id, Date.now());
        await raw
          .prepare(
            "INSERT INTO payment (invoice_id, method, amount_cents, staff_id, at) VALUES (?, 'cash', -1000, 1, ?)",
          )
          .run(inv.id, Date.now());
        await raw
          .prepare(
            `INSERT INTO pickup (ticket_id, invoice_id, kind, signature_file, repair_warranty_until, idempotency_key, staff_id, at)
           VALUES (?, ?, 'collected', NULL, NULL, ?, 1, ?)`,
          )
          .run(id, inv.id, `bench-raw-${id}-${i}`, Date.now());
        await raw
          .prepare(
            `INSERT INTO callback (ticket_id, customer_id, due_at, status, attempts, version)
           SELECT id, customer_id, ?, 'due', 0, 1 FROM ticket WHERE id = ?`,
          )
          .run(Date.now() + 3 * 86_400_000, id);
        await raw
          .prepare(
            "UPDATE ticket SET status = 'collected', collected_at = ?, version = version + 1 WHERE id = ?",
          )
          .run(Date.now(), id);
      });
    // What each ticket owes (seeded deposits differ), asked before the clock starts.
    const dues: number[] = [];
    for (const t of appT) {
      dues.push((await call<{ dueCents: number }>('pickup.quote', { ticketId: t.id })).dueCents);
    }
    // Half by card, the rest in cash with 10.00 over, so change is worked out every time.
    const payments = (due: number) =>
      due <= 0
        ? []
        : [
            { method: 'card', amountCents: Math.floor(due / 2) },
            { method: 'cash', amountCents: due - Math.floor(due / 2) + 1000 },
          ];
    print(
      await measure('pickup.complete', n, warm, {
        app: (i) => async () => {
          const t = appT[i];
          const v = ((await version.get(t.id)) as { version: number }).version;
          await call('pickup.complete', {
            ticketId: t.id,
            version: v,
            idempotencyKey: `bench-pickup-${t.id}`,
            payments: payments(dues[i]),
            signature: SIGNATURE,
          });
        },
        raw: (i) => () => rawPickup(rawT[i].id, i),
        naive: (i) => async () => {
          const t = naiveT[i];
          await ds.transaction(async (em) => {
            const now = Date.now();
            const ticket = await em.findOneByOrFail(Ticket, { id: t.id });
            const lines = await em.findBy(EstimateLine, { ticketId: t.id, removedAt: IsNull() });
            const sum = (kind: string) =>
              lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.qty * l.unitCents, 0);
            const net = sum('labour') + sum('part') + sum('other');
            const tax = Math.round((net * 1300) / 10_000);
            const due = Math.max(0, net + tax - ticket.depositCents);
            const paid = payments(due).reduce((a, p) => a + p.amountCents, 0);
            let seq = await em.findOneBy(Sequence, { name: 'bench_invoice' });
            seq = await em.save(Sequence, { name: 'bench_invoice', value: (seq?.value ?? 0) + 1 });
            const invoice = await em.save(Invoice, {
              number: `BN-${seq.value}`,
              kind: 'invoice',
              ticketId: t.id,
              customerId: ticket.customerId,
              correctsId: null,
              lines: JSON.stringify(lines),
              labourCents: sum('labour'),
              partsCents: sum('part'),
              otherCents: sum('other'),
              coveredCents: 0,
              discountCents: 0,
              netCents: net,
              taxRateBp: 1300,
              taxInclusive: 0,
              taxCents: tax,
              totalCents: net + tax,
              depositCents: ticket.depositCents,
              dueCents: due,
              paidCents: paid,
              changeCents: paid - due,
              creditCents: 0,
              returnCents: 0,
              reason: null,
              approvedBy: null,
              createdBy: 1,
              createdAt: now,
            });
            for (const p of [
              ...payments(due),
              ...(paid > due ? [{ method: 'cash', amountCents: due - paid }] : []),
            ])
              await em.save(Payment, {
                invoiceId: invoice.id,
                ...p,
                reference: null,
                staffId: 1,
                at: now,
              });
            await em.save(Pickup, {
              ticketId: t.id,
              invoiceId: invoice.id,
              kind: 'collected',
              signatureFile: null,
              repairWarrantyUntil: null,
              passcodeEraseAt: null,
              passcodeErasedAt: null,
              idempotencyKey: `bench-naive-${t.id}-${i}`,
              staffId: 1,
              at: now,
            });
            await em.update(Ticket, t.id, { status: 'collected', collectedAt: now });
            await em.insert(Callback, {
              ticketId: t.id,
              customerId: ticket.customerId,
              dueAt: now + 3 * 86_400_000,
              status: 'due',
              attempts: 0,
              lastAttemptAt: null,
              version: 1,
            });
          });
        },
      }),
    );
    console.error(
      'bench: pickup.complete = invoice + 2 payments + change + signature PNG + receipt job + callback + audit; raw and naive = invoice + payments + change + pickup + callback + status (no PNG, job or audit)',
    );
  }
}

/** The callbacks queue the manager works through (after the pickups above added theirs). */
export async function benchCallbacks({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  want,
  print,
}: Ctx): Promise<void> {
  const raw = { prepare: (text: string) => prep(rawDb.sql, text) };
  const ds = ws.services.dataSource;
  const call = sectionCall(ws, meta);
  if (want('callbacks.queue')) {
    const due = raw.prepare(
      `SELECT cb.*, t.number, c.name, c.phone, d.brand, d.model FROM callback cb JOIN ticket t ON t.id = cb.ticket_id
       JOIN customer c ON c.id = cb.customer_id JOIN device d ON d.id = t.device_id WHERE cb.status = 'due' ORDER BY cb.due_at, cb.id LIMIT 500`,
    );
    const count = (
      (await raw.prepare("SELECT count(*) AS n FROM callback WHERE status = 'due'").get()) as {
        n: number;
      }
    ).n;
    console.error(`bench: ${count} callbacks due`);
    print(
      await measure('callbacks.queue', n, warm, {
        app: () => () => call('callbacks.queue', { view: 'due' }),
        raw: () => () => due.all(),
        naive: () => () =>
          ds
            .getRepository(Callback)
            .find({ where: { status: 'due' }, order: { dueAt: 'ASC' }, take: 500 }),
      }),
    );
  }
}
