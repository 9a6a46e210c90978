import dayjs from 'dayjs';
import type { EntityManager } from 'typeorm';
import type { ChargeLineDto, PartReplacedDto, PickupDto, PickupView } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { registerPgWarmer } from '../../db/pg-warm';
import { preparedAll } from '../../db/sql';
import { Customer, Device, Invoice, Pickup, Staff, Ticket } from '../../db/entities';
import { loadForChange } from '../bench/move-ticket';
import type { SettingsService } from '../settings/settings-service';
import { deviceLabel } from '../tickets/ticket-queries';
import { parseTicketNumber } from '../tickets/ticket-number';
import { toInvoiceDtos } from './invoice';
import { chargesFree, taxRule } from './charges';
import { computeInvoice, type InvoiceAmounts } from './money';

const DIAGNOSTIC_FEE = { en: 'Diagnostic fee', zh: '检测费' } as const;

/** The tables a pickup reads beyond the ticket's own (the board warms those), touched once on
 * each new connection: the first quote on a new connection took 23–24 ms on the
 * 1M shop, 11 ms with these and the ticket warmed, 4–5 ms every time after (db/pg-warm.ts).
 * Keys that match nothing: no rows are read. */
export const PICKUP_WARM = [
  `SELECT 1 AS one FROM pickup pk, estimate_line e, ticket_part tp JOIN part p ON p.id = tp.part_id
     LEFT JOIN serial_unit u ON u.id = tp.unit_id
   WHERE pk.ticket_id = 0 AND e.ticket_id = 0 AND tp.ticket_id = 0`,
  'SELECT 1 AS one FROM invoice i JOIN payment p ON p.invoice_id = i.id WHERE i.ticket_id = 0',
];
registerPgWarmer('pickup', async (run) => {
  for (const sql of PICKUP_WARM) await run(sql);
});

/** The ticket's customer and device, its pickup if there is one, and the name of who asks
 * (the receipt's "served by": read here, not in a round trip of its own inside pickup's lock). */
const WHO_SQL = `SELECT c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone,
    d.brand, d.model, (SELECT pk.id FROM pickup pk WHERE pk.ticket_id = ?) AS pickup_id,
    (SELECT s.name FROM staff s WHERE s.id = ?) AS staff_name
  FROM customer c, device d WHERE c.id = ? AND d.id = ?`;
const LIVE_LINES_SQL = `SELECT id, kind, description, qty, unit_cents FROM estimate_line
  WHERE ticket_id = ? AND removed_at IS NULL ORDER BY id`;
const PARTS_FITTED_SQL = `SELECT p.name, tp.qty, tp.state, u.serial, tp.old_serial, tp.estimate_line_id
  FROM ticket_part tp JOIN part p ON p.id = tp.part_id LEFT JOIN serial_unit u ON u.id = tp.unit_id
  WHERE tp.ticket_id = ? ORDER BY tp.id`;

/** The live estimate lines pickup charges (removed ones left out). */
interface LiveLine {
  id: number;
  kind: string;
  description: string;
  qty: number;
  unitCents: number;
}

export interface PickupContext {
  ticket: Ticket;
  customer: Pick<Customer, 'id' | 'name' | 'phone'>;
  device: Pick<Device, 'brand' | 'model'>;
  mode: PickupView['mode'];
  free: boolean;
  lines: ChargeLineDto[];
  partsReplaced: PartReplacedDto[];
  pickup: Pickup | null;
  /** The name of the staff member passed as `staffId`, or null. */
  staffName: string | null;
}

export async function findTicketByNumber(
  em: EntityManager,
  settings: SettingsService,
  input: string,
) {
  const number = parseTicketNumber(
    input,
    settings.get('ticket.prefix'),
    settings.get('ticket.digits'),
  );
  const t = number ? await em.findOne(Ticket, { where: { number } }) : null;
  if (!t) {
    throw new ApiError('NOT_FOUND', `No ticket ${input}.`, {
      key: 'errors.ticketNotFound',
      params: { number: input },
    });
  }
  return t;
}

/** Everything pickup needs about one ticket: what is charged and in which mode. */
export async function loadPickupContext(
  em: EntityManager,
  settings: SettingsService,
  ticketId: number,
  staffId: number | null = null,
): Promise<PickupContext> {
  const ticket = await loadForChange(em, ticketId);
  // One after another, on purpose: inside pickup.complete's transaction these share one
  // connection (queries sent to a busy pg client are deprecated, removed in pg 9), and outside
  // it lookups spread over pooled connections cost more than they save (an idle station's pool
  // has closed all but one). Named statements (preparedAll): the counter quotes all day.
  const [who] = await preparedAll<{
    customer_id: number;
    customer_name: string;
    customer_phone: string;
    brand: string;
    model: string;
    pickup_id: number | null;
    staff_name: string | null;
  }>(em, WHO_SQL, [ticketId, staffId, ticket.customerId, ticket.deviceId]);
  if (!who) throw new Error(`ticket ${ticketId} has no customer or device`);
  const customer = { id: who.customer_id, name: who.customer_name, phone: who.customer_phone };
  const device = { brand: who.brand, model: who.model };
  const pickup =
    who.pickup_id === null ? null : await em.findOne(Pickup, { where: { id: who.pickup_id } });
  const live = (
    await preparedAll<{
      id: number;
      kind: string;
      description: string;
      qty: number;
      unit_cents: number;
    }>(em, LIVE_LINES_SQL, [ticketId])
  ).map((l) => ({
    id: l.id,
    kind: l.kind,
    description: l.description,
    qty: l.qty,
    unitCents: l.unit_cents,
  }));
  const declined = ticket.approval === 'declined';
  let mode: PickupView['mode'] = 'not_ready';
  if (pickup || ticket.status === 'collected') mode = 'done';
  else if (ticket.status === 'ready') mode = declined ? 'unrepaired' : 'repair';
  else if (ticket.status === 'cancelled') mode = 'unrepaired';
  const free = chargesFree(ticket, settings);
  let lines: ChargeLineDto[];
  if (mode === 'unrepaired') {
    const fee = settings.get('pickup.diagnosticFeeCents');
    const description = DIAGNOSTIC_FEE[settings.get('print.language')];
    lines =
      fee > 0 ? [{ kind: 'diagnostic', description, qty: 1, unitCents: fee, totalCents: fee }] : [];
  } else {
    lines = live.map((l) => ({
      kind: l.kind,
      description: l.description,
      qty: l.qty,
      unitCents: l.unitCents,
      totalCents: l.qty * l.unitCents,
    }));
  }
  const partsReplaced = mode === 'unrepaired' ? [] : await partsFitted(em, ticketId, live);
  return {
    ticket,
    customer,
    device,
    mode,
    free,
    lines,
    partsReplaced,
    pickup,
    staffName: who.staff_name,
  };
}

/**
 * DOMAIN step 6/10: the parts fitted, each with the new part's serial and the removed part's,
 * from inventory's consumed part lines. Estimate part lines never drawn from stock (a part
 * bought in for this repair) are listed too, without serials.
 */
async function partsFitted(
  em: EntityManager,
  ticketId: number,
  live: LiveLine[],
): Promise<PartReplacedDto[]> {
  const rows: Array<{
    name: string;
    qty: number;
    state: string;
    serial: string | null;
    old_serial: string | null;
    estimate_line_id: number | null;
  }> = await preparedAll(em, PARTS_FITTED_SQL, [ticketId]);
  // Any part line drawn for an estimate line stands for it, fitted or not.
  const linked = new Set(rows.map((r) => r.estimate_line_id));
  return [
    ...rows
      .filter((r) => r.state === 'consumed')
      .map((r) => ({
        description: r.name,
        qty: r.qty,
        serial: r.serial,
        oldSerial: r.old_serial,
      })),
    ...live
      .filter((l) => l.kind === 'part' && !linked.has(l.id))
      .map((l) => ({ description: l.description, qty: l.qty, serial: null, oldSerial: null })),
  ];
}

export function quote(
  ctx: PickupContext,
  settings: SettingsService,
  discountCents: number,
): InvoiceAmounts {
  return computeInvoice({
    lines: ctx.lines,
    discountCents,
    free: ctx.free,
    ...taxRule(settings),
    depositCents: ctx.ticket.depositCents,
  });
}

/** The repair warranty runs from pickup for `warranty.repairDays` days (last day inclusive). */
export function repairWarrantyUntil(at: number, days: number): string | null {
  if (days <= 0) return null;
  return dayjs(at).add(days, 'day').subtract(1, 'day').format('YYYY-MM-DD');
}

export async function toPickupDto(em: EntityManager, p: Pickup): Promise<PickupDto> {
  const staff = await em.findOne(Staff, { where: { id: p.staffId } });
  return pickupDto(p, staff?.name ?? '');
}

export function pickupDto(p: Pickup, staffName: string): PickupDto {
  return {
    id: p.id,
    ticketId: p.ticketId,
    kind: p.kind as PickupDto['kind'],
    invoiceId: p.invoiceId,
    signed: p.signatureFile !== null,
    repairWarrantyUntil: p.repairWarrantyUntil,
    passcodeEraseAt: p.passcodeEraseAt,
    passcodeErased: p.passcodeErasedAt !== null,
    staffName,
    at: p.at,
  };
}

export async function buildView(
  em: EntityManager,
  settings: SettingsService,
  c: PickupContext,
  now: number,
): Promise<PickupView> {
  const t = c.ticket;
  const invoices = await em.find(Invoice, { where: { ticketId: t.id }, order: { id: 'ASC' } });
  const workNotes: Array<{ note: string }> = await em.query(
    'SELECT note FROM work_log WHERE ticket_id = ? AND note IS NOT NULL ORDER BY id',
    [t.id],
  );
  return {
    ticket: {
      id: t.id,
      number: t.number,
      status: t.status,
      version: t.version,
      customerId: c.customer.id,
      customerName: c.customer.name,
      customerPhone: c.customer.phone,
      deviceLabel: deviceLabel(c.device.brand, c.device.model),
      problem: t.problem,
      cause: t.cause,
      plan: t.plan ? (JSON.parse(t.plan) as string[]) : [],
      approval: t.approval,
      warranty: t.warranty,
      free: c.free,
      depositCents: t.depositCents,
      completedAt: t.completedAt,
      collectedAt: t.collectedAt,
      hasPasscode: t.passcodeEnc !== null,
    },
    mode: c.mode,
    lines: c.lines,
    partsReplaced: c.partsReplaced,
    workNotes: workNotes.map((w) => w.note),
    repairWarrantyUntil: c.pickup
      ? c.pickup.repairWarrantyUntil
      : c.mode === 'repair'
        ? repairWarrantyUntil(now, settings.get('warranty.repairDays'))
        : null,
    quote: quote(c, settings, 0),
    rules: {
      discountLimitCents: settings.get('pickup.discountLimitCents'),
      signatureRequired: settings.get('pickup.signatureRequired'),
      taxRateBp: settings.get('tax.rateBp'),
      taxInclusive: settings.get('tax.inclusive'),
    },
    pickup: c.pickup ? await toPickupDto(em, c.pickup) : null,
    invoices: await toInvoiceDtos(em, invoices),
  };
}
