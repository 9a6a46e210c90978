import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PrintDocument, RmaDto } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import * as s from '../../api/schemas/pickup';
import { Customer, Rma } from '../../db/entities';
import { queuePrintJob, toPrintJobDto } from '../printing/print-jobs';
import { nextSequence } from '../tickets/ticket-number';
import { verifyManager } from './manager-approval';
import { exchangeStock } from './rma-stock';
import { loadVersioned, saveVersioned } from './versioned';

const CHECK = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A return authorisation code: a gap-free sequence number taken in the authorising
 * transaction (unique even when two counters authorise at once: the increment holds the
 * database's write lock, and the column is UNIQUE), plus two random letters so a customer
 * cannot guess a neighbour's code.
 */
export async function nextRmaCode(em: EntityManager): Promise<string> {
  const seq = await nextSequence(em, 'rma');
  const tail = CHECK[randomInt(CHECK.length)] + CHECK[randomInt(CHECK.length)];
  return `RA-${String(seq).padStart(6, '0')}-${tail}`;
}

async function toDtos(em: EntityManager, where: string, params: unknown[]): Promise<RmaDto[]> {
  const rows: Array<Record<string, unknown>> = await em.query(
    `SELECT r.*, c.name AS customer_name, c.phone AS customer_phone
     FROM rma r JOIN customer c ON c.id = r.customer_id WHERE ${where} ORDER BY r.id DESC LIMIT 300`,
    params,
  );
  return rows.map((x) => {
    return {
      id: x.id as number,
      code: x.code as string | null,
      customerId: x.customer_id as number,
      customerName: x.customer_name as string,
      customerPhone: x.customer_phone as string,
      ticketId: x.ticket_id as number | null,
      product: x.product as string,
      serial: x.serial as string | null,
      proof: x.proof as string,
      proofRef: x.proof_ref as string | null,
      purchaseDate: x.purchase_date as string | null,
      reason: x.reason as string,
      status: x.status as string,
      inspection: x.inspection as string | null,
      sound: x.sound === null ? null : x.sound === 1,
      outcome: x.outcome as string | null,
      refundCents: x.refund_cents as number | null,
      exchangeSerial: x.exchange_serial as string | null,
      toldChannel: x.told_channel as string | null,
      toldAt: x.told_at as number | null,
      createdAt: x.created_at as number,
      updatedAt: x.updated_at as number,
      version: x.version as number,
    };
  });
}

const one = async (em: EntityManager, id: number) => (await toDtos(em, 'r.id = ?', [id]))[0];

const wrongStep = (status: string, need: string) =>
  new ApiError('CONFLICT', `This return is ${status}; it must be ${need} first.`, {
    key: 'errors.rmaWrongStep',
    params: { status, need },
  });

function authorisationSlip(r: Rma, shopName: string, widthMm: number): PrintDocument {
  return {
    kind: 'receipt',
    widthMm,
    lines: [
      { type: 'text', text: shopName, align: 'center', bold: true, size: 2 },
      { type: 'text', text: 'Return authorisation / 退货授权', align: 'center', bold: true },
      { type: 'barcode', symbology: 'code128', data: r.code! },
      { type: 'text', text: r.code!, align: 'center', bold: true, size: 2 },
      { type: 'rule' },
      { type: 'pair', left: 'Product / 商品', right: r.product },
      ...(r.serial ? [{ type: 'pair' as const, left: 'Serial / 序列号', right: r.serial }] : []),
      { type: 'pair', left: 'Proof / 凭证', right: r.proofRef ?? r.proof },
      { type: 'text', text: r.reason },
      { type: 'rule' },
      { type: 'text', text: 'Bring the unit with this code. / 请携带商品及此授权码。' },
    ],
  };
}

/** DOMAIN "Returns and exchanges": request → verify → code → receive and inspect → refund or
 * exchange → customer told. */
export const rmaMethods = [
  defineMethod('rma.list', {
    input: s.rmaListSchema,
    access: 'followup.work',
    write: false,
    async handler({ view, code }, ctx) {
      if (code) return toDtos(ctx.em, 'upper(r.code) = ?', [code.toUpperCase()]);
      if (view === 'open') return toDtos(ctx.em, "r.status NOT IN ('closed', 'rejected')", []);
      return toDtos(ctx.em, '1 = 1', []);
    },
  }),

  defineMethod('rma.request', {
    input: s.rmaRequestSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      if (!(await ctx.em.findOne(Customer, { where: { id: input.customerId } }))) {
        throw new ApiError('NOT_FOUND', 'Customer was not found.', { key: 'errors.notFound' });
      }
      const r = await ctx.em.save(Rma, {
        code: null,
        customerId: input.customerId,
        ticketId: input.ticketId ?? null,
        product: input.product,
        serial: input.serial ?? null,
        proof: input.proof,
        proofRef: input.proofRef,
        purchaseDate: input.purchaseDate ?? null,
        reason: input.reason,
        status: 'requested',
        inspection: null,
        sound: null,
        outcome: null,
        refundCents: null,
        exchangeSerial: null,
        toldChannel: null,
        toldAt: null,
        createdBy: ctx.session.staffId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        version: 1,
      });
      ctx.audit.entity = 'rma';
      ctx.audit.entityId = r.id;
      return one(ctx.em, r.id);
    },
  }),

  defineMethod('rma.verify', {
    input: s.rmaVerifySchema,
    access: 'followup.work',
    write: true,
    async handler({ id, version, approve, note }, ctx) {
      const { em, now, services } = ctx;
      const r = await loadVersioned(em, Rma, id, version, 'Return');
      if (r.status !== 'requested') throw wrongStep(r.status, 'requested');
      ctx.audit.entity = 'rma';
      ctx.audit.entityId = id;
      if (!approve) {
        await saveVersioned(em, Rma, r, {
          status: 'rejected',
          inspection: note ?? null,
          updatedAt: now,
        });
        return { rma: await one(em, id), printJob: null };
      }
      const code = await nextRmaCode(em);
      await saveVersioned(em, Rma, r, { code, status: 'authorised', updatedAt: now });
      const job = await queuePrintJob(em, {
        kind: 'rma_authorisation',
        ticketId: r.ticketId,
        document: authorisationSlip(
          r,
          services.settings.get('shop.name'),
          services.settings.get('print.receiptWidthMm'),
        ),
        key: `rma:${id}:authorisation`,
        now,
        station: services.station.id,
      });
      ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: r.ticketId });
      ctx.audit.details = { code };
      return { rma: await one(em, id), printJob: toPrintJobDto(job) };
    },
  }),

  defineMethod('rma.receive', {
    input: s.rmaReceiveSchema,
    access: 'followup.work',
    write: true,
    async handler({ id, version, inspection, sound }, ctx) {
      const r = await loadVersioned(ctx.em, Rma, id, version, 'Return');
      if (r.status !== 'authorised') throw wrongStep(r.status, 'authorised');
      await saveVersioned(ctx.em, Rma, r, {
        status: 'received',
        inspection,
        sound: sound ? 1 : 0,
        updatedAt: ctx.now,
      });
      ctx.audit.entity = 'rma';
      ctx.audit.entityId = id;
      return one(ctx.em, id);
    },
  }),

  defineMethod('rma.resolve', {
    input: s.rmaResolveSchema,
    access: 'followup.work',
    write: true,
    async handler(input, ctx) {
      const r = await loadVersioned(ctx.em, Rma, input.id, input.version, 'Return');
      if (r.status !== 'received') throw wrongStep(r.status, 'received');
      ctx.audit.entity = 'rma';
      ctx.audit.entityId = r.id;
      if (input.outcome === 'refund') {
        if (!input.refundCents) {
          throw new ApiError('VALIDATION', 'Enter the refund amount.', {
            key: 'errors.field.required',
            issues: [
              {
                path: 'refundCents',
                key: 'errors.field.required',
                message: 'Refund amount required',
              },
            ],
          });
        }
        const manager = await verifyManager(ctx, input.approval);
        ctx.audit.details = { refundCents: input.refundCents, approvedBy: manager.id };
      }
      const exchangeSerial =
        input.outcome === 'exchange'
          ? await exchangeStock(ctx, r, input)
          : (input.exchangeSerial ?? null);
      await saveVersioned(ctx.em, Rma, r, {
        status: input.outcome === 'refund' ? 'refunded' : 'exchanged',
        outcome: input.outcome,
        refundCents: input.outcome === 'refund' ? input.refundCents! : null,
        exchangeSerial,
        updatedAt: ctx.now,
      });
      return one(ctx.em, r.id);
    },
  }),

  defineMethod('rma.tell', {
    input: s.rmaTellSchema,
    access: 'followup.work',
    write: true,
    async handler({ id, version, channel }, ctx) {
      const r = await loadVersioned(ctx.em, Rma, id, version, 'Return');
      if (r.status !== 'refunded' && r.status !== 'exchanged')
        throw wrongStep(r.status, 'refunded or exchanged');
      await saveVersioned(ctx.em, Rma, r, {
        status: 'closed',
        toldChannel: channel,
        toldAt: ctx.now,
        updatedAt: ctx.now,
      });
      ctx.audit.entity = 'rma';
      ctx.audit.entityId = id;
      return one(ctx.em, id);
    },
  }),
];
