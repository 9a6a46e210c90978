import { enqueueForStatus } from '../messages/enqueue';
import { ApiError } from '../../api/errors';
import { isUniqueViolation, keyReused } from '../../api/idempotency';
import { defineMethod, type SignedInContext } from '../../api/method';
import * as s from '../../api/schemas/pickup';
import {
  Callback,
  CustomerCredit,
  Invoice,
  Payment,
  Pickup,
  PrintJob,
  type Staff,
} from '../../db/entities';
import { staleTicket, moveTicket, saveTicket, timeline } from '../bench/move-ticket';
import { shopCalendar } from '../calendar/shop-calendar';
import { queuePrintJob, toPrintJobDto } from '../printing/print-jobs';
import { deviceLabel } from '../tickets/ticket-queries';
import { businessDue } from './followup-clock';
import { invoiceDto, nextInvoiceNumber, toInvoiceDtos, insertPayments, payRow } from './invoice';
import { verifyManager } from './manager-approval';
import { MoneyError, divRound, settle, type InvoiceAmounts } from './money';
import {
  buildView,
  findTicketByNumber,
  loadPickupContext,
  pickupDto,
  quote,
  repairWarrantyUntil,
  toPickupDto,
  type PickupContext,
} from './pickup-context';
import { pickupReceipt } from './pickup-receipt';
import { decodeSignature, storeSignature } from './signature-store';

const invalid = (path: string, key: string, message: string) =>
  new ApiError('VALIDATION', message, { key, issues: [{ path, key, message }], field: path });

function priced(c: PickupContext, ctx: SignedInContext, discountCents: number): InvoiceAmounts {
  try {
    return quote(c, ctx.services.settings, discountCents);
  } catch (err) {
    if (err instanceof MoneyError)
      throw invalid('discountCents', err.key, 'The discount is larger than the bill.');
    throw err;
  }
}

async function replay(ctx: SignedInContext, p: Pickup) {
  const [invoice] = await toInvoiceDtos(ctx.em, [
    await ctx.em.findOneByOrFail(Invoice, { id: p.invoiceId }),
  ]);
  const job = await ctx.em.findOneOrFail(PrintJob, {
    where: { ticketId: p.ticketId, kind: 'pickup_receipt' },
    order: { id: 'DESC' },
  });
  return {
    pickup: await toPickupDto(ctx.em, p),
    invoice,
    printJob: toPrintJobDto(job),
    replayed: true,
  };
}

export const pickupMethods = [
  defineMethod('pickup.lookup', {
    input: s.pickupLookupSchema,
    access: 'pickup.take',
    write: false,
    async handler({ number }, ctx) {
      const { settings } = ctx.services;
      const t = await findTicketByNumber(ctx.em, settings, number);
      return buildView(ctx.em, settings, await loadPickupContext(ctx.em, settings, t.id), ctx.now);
    },
  }),

  defineMethod('pickup.quote', {
    input: s.pickupQuoteSchema,
    access: 'pickup.take',
    write: false,
    async handler({ ticketId, discountCents }, ctx) {
      return priced(
        await loadPickupContext(ctx.em, ctx.services.settings, ticketId),
        ctx,
        discountCents,
      );
    },
  }),

  defineMethod('pickup.complete', {
    input: s.pickupCompleteSchema,
    access: 'pickup.take',
    write: true,
    async handler(input, ctx) {
      const { em, now, services } = ctx;
      const { settings } = services;
      const c = await loadPickupContext(em, settings, input.ticketId, ctx.session.staffId);
      // A retry of this ticket's pickup (a lost answer, a double click) finds its pickup here,
      // also after waiting for the first call's lock. A key already used on another ticket is
      // refused by the key's unique index when the pickup is stored (below).
      if (c.pickup?.idempotencyKey === input.idempotencyKey) return replay(ctx, c.pickup);
      const t = c.ticket;
      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = t.id;
      if (c.mode === 'done') {
        throw new ApiError('CONFLICT', 'This device was already collected.', {
          key: 'errors.alreadyCollected',
        });
      }
      if (c.mode === 'not_ready') {
        throw new ApiError('CONFLICT', 'This ticket is not ready for pickup.', {
          key: 'errors.notReadyForPickup',
          params: { status: t.status },
        });
      }
      if (t.version !== input.version) throw await staleTicket(ctx.em, t.id);

      const amounts = priced(c, ctx, input.discountCents);
      let approver: Staff | null = null;
      if (input.discountCents > 0 && !input.discountReason) {
        throw invalid('discountReason', 'errors.reasonRequired', 'Say why the discount is given.');
      }
      if (input.discountCents > settings.get('pickup.discountLimitCents')) {
        approver = await verifyManager(ctx, input.approval);
      }
      let money;
      try {
        money = settle(amounts.dueCents, input.payments, input.overpayment);
      } catch (err) {
        if (err instanceof MoneyError)
          throw invalid('payments', err.key, 'The payments do not match what is owed.');
        throw err;
      }
      if (settings.get('pickup.signatureRequired') && !input.signature) {
        throw invalid('signature', 'errors.signatureRequired', 'The customer has to sign.');
      }
      const png = input.signature ? decodeSignature(input.signature) : null;

      // Everything that needs no invoice number first: the number's row stays locked from
      // its allocation to the commit, and every other pickup at every station waits for it.
      const kind = c.mode === 'repair' ? 'collected' : 'returned_unrepaired';
      const signatureFile = png ? storeSignature(services.dataDir, t.number, now, png) : null;
      // Read before the move below changes it: only a cancelled ticket's return is noted apart.
      const wasReady = t.status === 'ready';
      try {
        if (wasReady) {
          await moveTicket(
            ctx,
            t,
            'collected',
            kind === 'returned_unrepaired' ? 'returned unrepaired' : undefined,
            'pickup',
          );
        } else {
          // A cancelled ticket stays cancelled; the device still goes back and the fee is paid.
          await saveTicket(em, t, { collectedAt: now, updatedAt: now });
        }
      } catch (err) {
        // The same pickup sent twice at once (two windows, a retry racing its first call): the
        // first committed while this one waited on the ticket's row. Answer as a retry would.
        const first =
          err instanceof ApiError && err.code === 'CONFLICT'
            ? await em.findOne(Pickup, {
                where: { ticketId: t.id, idempotencyKey: input.idempotencyKey },
              })
            : null;
        if (first) return replay(ctx, first);
        throw err;
      }
      if (wasReady) await enqueueForStatus(ctx, t.id, 'collected');
      else ctx.emit('ticket.updated', { ticketId: t.id, number: t.number });
      await em.insert(Callback, {
        ticketId: t.id,
        customerId: t.customerId,
        dueAt: businessDue(now, settings.get('callback.dueHours'), shopCalendar(settings)),
        status: 'due',
        attempts: 0,
        lastAttemptAt: null,
        version: 1,
      });
      const names = (id: number | null) =>
        id === ctx.session.staffId ? c.staffName : id === approver?.id ? approver.name : null;

      const number = await nextInvoiceNumber(em);
      const invoice = await em.save(Invoice, {
        number,
        kind: 'invoice',
        ticketId: t.id,
        customerId: t.customerId,
        correctsId: null,
        lines: JSON.stringify(c.lines),
        labourCents: amounts.labourCents,
        partsCents: amounts.partsCents,
        otherCents: amounts.otherCents,
        coveredCents: amounts.coveredCents,
        discountCents: amounts.discountCents,
        netCents: amounts.netCents,
        taxRateBp: settings.get('tax.rateBp'),
        taxInclusive: settings.get('tax.inclusive') ? 1 : 0,
        taxCents: amounts.taxCents,
        totalCents: amounts.totalCents,
        depositCents: amounts.depositCents,
        dueCents: amounts.dueCents,
        paidCents: money.paidCents,
        changeCents: money.changeCents,
        creditCents: money.creditCents,
        returnCents: money.returnCents,
        reason: input.discountReason ?? null,
        approvedBy: approver?.id ?? null,
        createdBy: ctx.session.staffId,
        createdAt: now,
      });
      const rows = input.payments.map((p) => payRow(p.method, p.amountCents, p.reference ?? null));
      // Money handed back is recorded as money out, so a day's payments sum to what the till holds.
      if (money.changeCents) rows.push(payRow('cash', -money.changeCents, 'change'));
      if (money.returnCents) {
        rows.push(payRow(input.returnMethod, -money.returnCents, 'deposit_return'));
      }
      const paid = await insertPayments(em, invoice.id, rows, ctx.session.staffId, now);
      if (money.creditCents) {
        await em.insert(CustomerCredit, {
          customerId: t.customerId,
          invoiceId: invoice.id,
          amountCents: money.creditCents,
          note: number,
          at: now,
        });
      }
      const pickup = await em
        .save(Pickup, {
          ticketId: t.id,
          invoiceId: invoice.id,
          kind,
          signatureFile,
          repairWarrantyUntil:
            kind === 'collected'
              ? repairWarrantyUntil(now, settings.get('warranty.repairDays'))
              : null,
          passcodeEraseAt: now + settings.get('privacy.passcodeEraseDays') * 86_400_000,
          passcodeErasedAt: null,
          idempotencyKey: input.idempotencyKey,
          staffId: ctx.session.staffId,
          at: now,
        })
        .catch((err: unknown) => {
          // This ticket's own retry was answered above: the key belongs to another ticket.
          // `.` stands for PostgreSQL's `_` and SQLite's `.`.
          if (isUniqueViolation(err, /pickup.idempotency_key/)) throw keyReused('pickup.complete');
          throw err;
        });
      if (!wasReady) await timeline(ctx, t.id, 'returned_unrepaired', number);

      const dto = invoiceDto(invoice, paid, names);
      const document = pickupReceipt(
        {
          shop: {
            name: settings.get('shop.name'),
            address: settings.get('shop.address'),
            phone: settings.get('shop.phone'),
          },
          ticketNumber: t.number,
          unrepaired: kind === 'returned_unrepaired',
          at: now,
          customer: { name: c.customer.name, phone: c.customer.phone },
          deviceLabel: deviceLabel(c.device.brand, c.device.model),
          invoice: dto,
          partsReplaced: c.partsReplaced,
          repairWarrantyUntil: pickup.repairWarrantyUntil,
          signed: signatureFile !== null,
        },
        settings.get('print.language'),
        settings.get('print.receiptWidthMm'),
      );
      const job = await queuePrintJob(em, {
        kind: 'pickup_receipt',
        ticketId: t.id,
        document,
        key: `ticket:${t.id}:pickup_receipt:${invoice.id}`,
        now,
        station: ctx.services.station.id,
      });
      ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: t.id });
      ctx.audit.details = {
        invoice: number,
        kind,
        totalCents: amounts.totalCents,
        dueCents: amounts.dueCents,
        discountCents: amounts.discountCents,
        approvedBy: approver?.id ?? null,
        methods: input.payments.map((p) => p.method),
      };
      return {
        pickup: pickupDto(pickup, names(ctx.session.staffId) ?? ''),
        invoice: dto,
        printJob: toPrintJobDto(job),
        replayed: false,
      };
    },
  }),

  defineMethod('invoices.correct', {
    input: s.invoiceCorrectSchema,
    access: 'pickup.take',
    write: true,
    async handler(input, ctx) {
      const { em, now } = ctx;
      const original = await em.findOne(Invoice, {
        where: { id: input.invoiceId, kind: 'invoice' },
      });
      if (!original)
        throw new ApiError('NOT_FOUND', 'Invoice not found.', { key: 'errors.notFound' });
      const manager = await verifyManager(ctx, input.approval);
      const [{ refunded }]: Array<{ refunded: number | null }> = await em.query(
        "SELECT -sum(total_cents) AS refunded FROM invoice WHERE corrects_id = ? AND kind = 'correction'",
        [original.id],
      );
      const refundable = original.totalCents - (refunded ?? 0);
      if (input.amountCents > refundable) {
        throw invalid(
          'amountCents',
          'errors.refundTooLarge',
          'The refund is more than was charged.',
        );
      }
      const tax =
        original.totalCents > 0
          ? divRound(input.amountCents * original.taxCents, original.totalCents)
          : 0;
      const line = {
        kind: 'refund',
        description: input.reason,
        qty: 1,
        unitCents: -input.amountCents,
        totalCents: -input.amountCents,
      };
      const correction = await em.save(Invoice, {
        number: await nextInvoiceNumber(em),
        kind: 'correction',
        ticketId: original.ticketId,
        customerId: original.customerId,
        correctsId: original.id,
        lines: JSON.stringify([line]),
        labourCents: 0,
        partsCents: 0,
        otherCents: -input.amountCents,
        coveredCents: 0,
        discountCents: 0,
        netCents: -(input.amountCents - tax),
        taxRateBp: original.taxRateBp,
        taxInclusive: original.taxInclusive,
        taxCents: -tax,
        totalCents: -input.amountCents,
        depositCents: 0,
        dueCents: -input.amountCents,
        paidCents: -input.amountCents,
        changeCents: 0,
        creditCents: 0,
        returnCents: 0,
        reason: input.reason,
        approvedBy: manager.id,
        createdBy: ctx.session.staffId,
        createdAt: now,
      });
      await em.insert(Payment, {
        invoiceId: correction.id,
        method: input.method,
        amountCents: -input.amountCents,
        reference: `refund ${original.number}`,
        staffId: ctx.session.staffId,
        at: now,
      });
      await timeline(ctx, original.ticketId, 'refund', `${correction.number}: ${input.reason}`);
      ctx.audit.entity = 'invoice';
      ctx.audit.entityId = original.id;
      ctx.audit.details = {
        correction: correction.number,
        amountCents: input.amountCents,
        approvedBy: manager.id,
        reason: input.reason,
      };
      const [dto] = await toInvoiceDtos(em, [correction]);
      return dto;
    },
  }),
];
