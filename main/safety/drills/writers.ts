import type { Workstation } from '../../app';
import type { InvoiceAmountsDto } from '../../api/contract';
import { checkStock } from '../../domain/inventory/stock-ledger';
import { sqlOf, type Sql } from '../../db/sql';

/**
 * What the crash drill writes. Each writer makes one record through the real API and returns
 * the id it was acknowledged with; `present` says whether that record survived. Areas add
 * their writer here (payments, stock movements) and the drill covers them.
 */
export interface DrillWriter {
  name: string;
  write(ws: Workstation, token: string, i: number): Promise<string>;
  present(sql: Sql, id: string): Promise<boolean>;
  /** What must still add up after a kill (a ledger's cached totals); the reason when not. */
  inconsistency?(sql: Sql): Promise<string | null>;
}

const meta = (token: string) => ({ token, origin: 'drill' });

/** A walk-in as the counter takes it; `passcode` lets the passcode drill plant known values. */
export function drillWalkIn(i: number, passcode: string | null = null) {
  return {
    idempotencyKey: `drill-${process.pid}-${Date.now()}-${i}`,
    customer: {
      name: `Drill Customer ${i % 500}`,
      phone: `+86 139 ${String(1000 + (i % 9000)).padStart(4, '0')} ${String(i % 10000).padStart(4, '0')}`,
      channel: 'our_store',
    },
    device: { type: 'phone', brand: 'Huawei', model: 'Mate 60 Pro', proof: 'none' },
    ticket: {
      category: 'fault',
      priority: 'normal',
      serviceMode: 'carry_in',
      problem: `Screen flickers (drill ${i})`,
      accessories: ['charger'],
      conditionNotes: '',
      backupAck: true,
      ...(passcode ? { passcode } : {}),
      exclusion: 'none',
      estimateCents: 10_000 + (i % 50) * 100,
      depositCents: 0,
    },
  };
}

export const walkInWriter: DrillWriter = {
  name: 'walk-in',
  async write(ws, token, i) {
    const res = (await ws.call('intake.commit', drillWalkIn(i), meta(token))) as {
      ticket: { number: string };
    };
    return res.ticket.number;
  },
  present: async (sql, id) => !!(await sql.get('SELECT 1 AS one FROM ticket WHERE number = ?', id)),
};

let drillPart: number | null = null;

/** A 1×1 PNG, as the signature pad would send it. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Stock arriving and leaving by adjustment, on one part; the acknowledged id is the reason. */
export const stockWriter: DrillWriter = {
  name: 'stock-movement',
  async write(ws, token, i) {
    drillPart ??= (
      (await ws.call(
        'parts.save',
        {
          sku: `DRILL-${process.pid}-${Date.now()}`,
          barcodes: [],
          name: 'Drill part 演练备件',
          category: 'Drill',
          bin: 'D-01',
          models: [],
          costCents: 1000,
          priceCents: 2500,
          reorderPoint: 0,
          reorderQty: 0,
        },
        meta(token),
      )) as { id: number }
    ).id;
    const reason = `drill-${process.pid}-${i}`;
    // Three in, one out: the balance only grows, so every adjustment is allowed.
    await ws.call(
      'stock.adjust',
      { partId: drillPart, qty: i % 4 === 3 ? -1 : 1, reason },
      meta(token),
    );
    return reason;
  },
  present: async (sql, id) =>
    !!(await sql.get('SELECT 1 AS one FROM stock_movement WHERE reason = ?', id)),
  async inconsistency(sql) {
    const { mismatches } = await checkStock(sql);
    return mismatches.length ? `stock cache ≠ Σ movements: ${JSON.stringify(mismatches[0])}` : null;
  },
};

/** A device collected and paid in cash; the acknowledged id is the invoice number. The ticket
 * is brought to "ready" directly (the bench is not what this drill is about). */
export const paymentWriter: DrillWriter = {
  name: 'payment',
  async write(ws, token, i) {
    const walkIn = drillWalkIn(i);
    const { ticket } = (await ws.call(
      'intake.commit',
      { ...walkIn, idempotencyKey: `${walkIn.idempotencyKey}-pay` },
      meta(token),
    )) as { ticket: { id: number } };
    const sql = sqlOf(ws.services.dataSource.manager);
    await sql.run(
      `INSERT INTO estimate_line (ticket_id, kind, description, qty, unit_cents, staff_id, created_at)
       VALUES (?, 'labour', 'Drill repair', 1, ?, 1, ?)`,
      ticket.id,
      8000 + (i % 7) * 150,
      Date.now(),
    );
    await sql.run(
      `UPDATE ticket SET status = 'ready', approval = 'approved', completed_at = ? WHERE id = ?`,
      Date.now(),
      ticket.id,
    );
    const quote = (await ws.call(
      'pickup.quote',
      { ticketId: ticket.id },
      meta(token),
    )) as InvoiceAmountsDto;
    const version = Number(
      (await sql.get<{ version: number }>('SELECT version FROM ticket WHERE id = ?', ticket.id))!
        .version,
    );
    const res = (await ws.call(
      'pickup.complete',
      {
        ticketId: ticket.id,
        version,
        idempotencyKey: `drill-pay-${process.pid}-${Date.now()}-${i}`,
        payments: [{ method: 'cash', amountCents: quote.dueCents + 50 }],
        signature: SIGNATURE,
      },
      meta(token),
    )) as { invoice: { number: string } };
    return res.invoice.number;
  },
  present: async (sql, id) =>
    !!(await sql.get(
      'SELECT 1 AS one FROM invoice i JOIN payment p ON p.invoice_id = i.id WHERE i.number = ?',
      id,
    )),
  async inconsistency(sql) {
    // Every invoice's payments (change handed back is a negative row) add up to what it says.
    const bad = await sql.get<{ number: string }>(
      `SELECT i.number FROM invoice i LEFT JOIN (SELECT invoice_id, sum(amount_cents) AS s FROM payment GROUP BY invoice_id) p
         ON p.invoice_id = i.id WHERE i.kind = 'invoice'
         AND coalesce(p.s, 0) <> i.paid_cents - i.change_cents - i.return_cents LIMIT 1`,
    );
    return bad ? `invoice ${bad.number}: payments ≠ paid` : null;
  },
};

export const DRILL_WRITERS: readonly DrillWriter[] = [walkInWriter, stockWriter, paymentWriter];
