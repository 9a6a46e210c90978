import type { EntityManager } from 'typeorm';
import { ApiError, notFound } from '../../api/errors';
import { defineMethod, type SignedInContext } from '../../api/method';
import { intakeCommitSchema, intakeEvaluateSchema } from '../../api/schemas/intake';
import { Customer, Device, Ticket, TicketEvent } from '../../db/entities';
import { applyMessaging } from '../messages/message-methods';
import { customerKeys } from '../customers/normalize';
import { chargeAmounts } from '../pickup/charges';
import { deviceTag, intakeReceipt } from '../printing/layouts';
import { queuePrintJobs, toPrintJobDto } from '../printing/print-jobs';
import { deviceLabel, summaryOfWritten, ticketSummaries } from '../tickets/ticket-queries';
import { formatTicketNumber, nextSequence } from '../tickets/ticket-number';
import { PrintJob } from '../../db/entities';
import { assertPurchaseDateNotFuture, decide } from './decision';
import type { z } from 'zod';

type CommitInput = z.output<typeof intakeCommitSchema>;

async function resolveCustomer(em: EntityManager, input: CommitInput['customer'], now: number) {
  if ('id' in input) {
    const found = await em.findOne(Customer, { where: { id: input.id } });
    if (!found) throw notFound('Customer');
    return found;
  }
  return em.save(Customer, {
    name: input.name,
    ...customerKeys(input.name, input.phone),
    phone: input.phone,
    email: input.email ?? null,
    channel: input.channel,
    createdAt: now,
    updatedAt: now,
  });
}

async function resolveDevice(em: EntityManager, input: CommitInput['device'], customerId: number, now: number) {
  if ('id' in input) {
    const found = await em.findOne(Device, { where: { id: input.id } });
    if (!found) throw notFound('Device');
    if (found.customerId !== customerId) {
      throw new ApiError('VALIDATION', 'This device belongs to another customer.', {
        key: 'errors.deviceNotCustomers',
        issues: [{ path: 'device.id', key: 'errors.deviceNotCustomers', message: 'Wrong customer' }],
      });
    }
    return found;
  }
  assertPurchaseDateNotFuture(input.purchaseDate, now, 'device.purchaseDate');
  const device = await em.save(Device, {
    customerId,
    type: input.type,
    brand: input.brand,
    model: input.model,
    serial: input.serial ?? null,
    imei: input.imei ?? null,
    purchaseDate: input.purchaseDate ?? null,
    proof: input.proof,
    createdAt: now,
    updatedAt: now,
  });
  return device;
}

/** The model list behind autocomplete learns from every new device. Last in the intake's
 * transaction: the upsert locks the model's row until commit, and on PostgreSQL two counters
 * taking in the same model wait for each other only that long (taken first, each intake waited
 * for the other's whole transaction; ten stations queued behind one row for up to 1.4 s). */
async function rememberModel(em: EntityManager, device: Device) {
  await em.query(
    `INSERT INTO device_model (type, brand, model, model_norm, uses) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (type, brand, model) DO UPDATE SET uses = device_model.uses + 1`,
    [device.type, device.brand, device.model, `${device.brand} ${device.model}`.toLowerCase()],
  );
}

async function replay(ctx: SignedInContext, ticket: Ticket) {
  const [summary] = await ticketSummaries(ctx.em, 't.id = ?', [ticket.id]);
  const jobs = await ctx.em.find(PrintJob, { where: { ticketId: ticket.id }, order: { id: 'ASC' } });
  return { ticket: summary, printJobs: jobs.map(toPrintJobDto), replayed: true };
}

export const intakeMethods = [
  defineMethod('intake.evaluate', {
    input: intakeEvaluateSchema,
    access: 'intake.create',
    write: false,
    async handler(input, ctx) {
      assertPurchaseDateNotFuture(input.purchaseDate, ctx.now, 'purchaseDate');
      const device = input.deviceId ? await ctx.em.findOne(Device, { where: { id: input.deviceId } }) : null;
      const { settings } = ctx.services;
      const d = await decide(ctx.em, settings, { ...input, imei: device ? device.imei : input.imei, serial: device ? device.serial : input.serial }, ctx.now);
      const estimate = input.estimateCents
        ? chargeAmounts(
            [{ kind: 'other', totalCents: input.estimateCents }],
            { warranty: d.warranty, repeatOfId: d.repeatOf?.id ?? null, depositCents: 0 },
            settings,
          )
        : null;
      return { ...d, estimate };
    },
  }),

  defineMethod('intake.commit', {
    input: intakeCommitSchema,
    access: 'intake.create',
    write: true,
    async handler(input, ctx) {
      const { em, now, services } = ctx;
      const { settings } = services;
      const earlier = await em.findOne(Ticket, { where: { intakeKey: input.idempotencyKey } });
      if (earlier) return replay(ctx, earlier);

      const customer = await resolveCustomer(em, input.customer, now);
      if (input.messaging) {
        for (const m of await applyMessaging(em, customer, input.messaging, now))
          ctx.emit('message.changed', m);
      }
      const device = await resolveDevice(em, input.device, customer.id, now);
      const t = input.ticket;
      const decision = await decide(
        em,
        settings,
        {
          deviceId: device.id,
          newDevice: !('id' in input.device),
          imei: device.imei,
          serial: device.serial,
          deviceType: device.type as never,
          purchaseDate: device.purchaseDate,
          proof: device.proof,
          exclusion: t.exclusion,
          serviceMode: t.serviceMode,
          priority: t.priority,
        },
        now,
      );
      const seq = await nextSequence(em, 'ticket');
      const number = formatTicketNumber(settings.get('ticket.prefix'), settings.get('ticket.digits'), seq);
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
        passcodeEnc: t.passcode ? services.cipher.encrypt(t.passcode) : null,
        warranty: decision.warranty,
        warrantyUntil: decision.warrantyUntil,
        exclusion: t.exclusion === 'none' ? null : t.exclusion,
        repeatOfId: decision.repeatOf?.id ?? null,
        estimateCents: t.estimateCents,
        depositCents: t.depositCents,
        promisedAt: decision.promisedAt,
        receivedAt: now,
        completedAt: null,
        collectedAt: null,
        createdBy: ctx.session.staffId,
        assignedTo: null,
        updatedAt: now,
        approval: 'none',
        pausedMs: 0,
      });
      await em.insert(TicketEvent, {
        ticketId: ticket.id,
        kind: 'created',
        fromStatus: null,
        toStatus: 'received',
        note: decision.repeatOf ? `repeat of ${decision.repeatOf.number}` : null,
        staffId: ctx.session.staffId,
        at: now,
      });

      const label = deviceLabel(device.brand, device.model);
      const printData = {
        shop: {
          name: settings.get('shop.name'),
          address: settings.get('shop.address'),
          phone: settings.get('shop.phone'),
          terms: settings.get('intake.terms'),
        },
        number,
        receivedAt: now,
        promisedAt: decision.promisedAt,
        customer: { name: customer.name, phone: customer.phone },
        device: { label, serial: device.serial, imei: device.imei },
        accessories: t.accessories,
        conditionNotes: t.conditionNotes,
        problem: t.problem,
        warranty: decision.warranty,
        repeatOf: decision.repeatOf?.number ?? null,
        estimateCents: t.estimateCents,
        depositCents: t.depositCents,
        estimate: chargeAmounts([{ kind: 'other', totalCents: t.estimateCents }], ticket, settings),
      };
      const [receipt, tag] = await queuePrintJobs(em, [
        {
          kind: 'intake_receipt',
          ticketId: ticket.id,
          document: intakeReceipt(printData, settings.get('print.language'), settings.get('print.receiptWidthMm')),
          key: `ticket:${ticket.id}:intake_receipt`,
          now,
          station: ctx.services.station.id,
        },
        {
          kind: 'device_tag',
          ticketId: ticket.id,
          document: deviceTag(printData, settings.get('print.labelWidthMm'), settings.get('print.labelHeightMm')),
          key: `ticket:${ticket.id}:device_tag`,
          now,
          station: ctx.services.station.id,
        },
      ]);

      ctx.audit.entity = 'ticket';
      ctx.audit.entityId = ticket.id;
      ctx.audit.details = { number, customerId: customer.id, deviceId: device.id, priority: t.priority };
      ctx.emit('ticket.created', { ticketId: ticket.id, number });
      for (const job of [receipt, tag]) {
        ctx.emit('printJob.queued', { id: job.id, kind: job.kind, ticketId: ticket.id });
      }
      if (t.priority === 'emergency') {
        ctx.emit('emergency', { ticketId: ticket.id, number, customerName: customer.name, problem: t.problem });
      }
      if (!('id' in input.device)) await rememberModel(em, device);
      return { ticket: summaryOfWritten(ticket, customer, device), printJobs: [receipt, tag].map(toPrintJobDto), replayed: false };
    },
  }),
];
