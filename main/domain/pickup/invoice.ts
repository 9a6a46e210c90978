import type { EntityManager } from 'typeorm';
import type { ChargeLineDto, InvoiceDto, PaymentDto } from '../../api/contract';
import { Invoice, Payment, Staff } from '../../db/entities';
import { nextSequence } from '../tickets/ticket-number';

/** Invoice numbers: one gap-free series per shop, taken in the issuing transaction. */
export async function nextInvoiceNumber(em: EntityManager): Promise<string> {
  const seq = await nextSequence(em, 'invoice');
  return `INV-${String(seq).padStart(6, '0')}`;
}

/** A payment as an invoice shows it, with the invoice it belongs to. */
export type InvoicePayment = PaymentDto & { invoiceId: number };

/** A payment to record: the method, the amount (negative is money out) and its reference. */
export interface PayRow {
  method: string;
  amountCents: number;
  reference: string | null;
}

export const payRow = (method: string, amountCents: number, reference: string | null): PayRow => ({
  method,
  amountCents,
  reference,
});

/** An invoice's payments in one INSERT, in order: on PostgreSQL each statement is a round trip
 * made while the invoice number's row is locked, so every other pickup waits for them. */
export async function insertPayments(
  em: EntityManager,
  invoiceId: number,
  rows: readonly PayRow[],
  staffId: number,
  at: number,
): Promise<InvoicePayment[]> {
  if (rows.length === 0) return [];
  const full = rows.map((r) => ({ invoiceId, ...r, at }));
  const res = await em.insert(
    Payment,
    full.map((r) => ({ ...r, staffId })),
  );
  const ids = res.identifiers.map((i) => Number((i as { id: number }).id));
  if (ids.length !== full.length || ids.some((id) => !Number.isInteger(id) || id <= 0)) {
    throw new Error(`payments: ${ids.length} ids for ${full.length} rows`);
  }
  return full.map((r, i) => ({ ...r, id: ids[i] }));
}

/** Staff names by id, in one read (`null` ids are skipped). */
export async function staffNames(
  em: EntityManager,
  ids: Array<number | null>,
): Promise<(id: number | null) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is number => !!id))];
  // The names only: not the PIN hashes and the rest of the row.
  const staff = wanted.length
    ? await em
        .createQueryBuilder(Staff, 's')
        .select(['s.id', 's.name'])
        .where('s.id IN (:...wanted)', { wanted })
        .getMany()
    : [];
  return (id) => staff.find((s) => s.id === id)?.name ?? null;
}

export async function toInvoiceDtos(em: EntityManager, rows: Invoice[]): Promise<InvoiceDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const payments = await em
    .createQueryBuilder(Payment, 'p')
    .where('p.invoiceId IN (:...ids)', { ids })
    .orderBy('p.id')
    .getMany();
  const name = await staffNames(
    em,
    rows.flatMap((r) => [r.createdBy, r.approvedBy]),
  );
  return rows.map((r) => invoiceDto(r, payments, name));
}

/** One invoice with its payments (any invoice's may be in `payments`, in id order). */
export function invoiceDto(
  r: Invoice,
  payments: readonly InvoicePayment[],
  name: (id: number | null) => string | null,
): InvoiceDto {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as InvoiceDto['kind'],
    ticketId: r.ticketId,
    correctsId: r.correctsId,
    lines: JSON.parse(r.lines) as ChargeLineDto[],
    labourCents: r.labourCents,
    partsCents: r.partsCents,
    otherCents: r.otherCents,
    grossCents: r.labourCents + r.partsCents + r.otherCents,
    coveredCents: r.coveredCents,
    discountCents: r.discountCents,
    netCents: r.netCents,
    taxRateBp: r.taxRateBp,
    taxInclusive: r.taxInclusive === 1,
    taxCents: r.taxCents,
    totalCents: r.totalCents,
    depositCents: r.depositCents,
    dueCents: r.dueCents,
    paidCents: r.paidCents,
    changeCents: r.changeCents,
    creditCents: r.creditCents,
    returnCents: r.returnCents,
    reason: r.reason,
    approvedBy: name(r.approvedBy),
    createdBy: name(r.createdBy) ?? '',
    createdAt: r.createdAt,
    payments: payments
      .filter((p) => p.invoiceId === r.id)
      .map((p) => ({
        id: p.id,
        method: p.method,
        amountCents: p.amountCents,
        reference: p.reference,
        at: p.at,
      })),
  };
}
