import { createElement, type ReactNode } from 'react';
import type { z } from 'zod';
import type { DeviceDto } from '../../../main/api/contract';
import {
  ACCESSORIES,
  CATEGORIES,
  CHANNELS,
  DEVICE_TYPES,
  EXCLUSIONS,
  PRIORITIES,
  PROOFS,
  SERVICE_MODES,
} from '../../../main/api/schemas/common';
import {
  intakeCommitSchema,
  newCustomerSchema,
  newDeviceSchema,
  ticketFieldsSchema,
  type IntakeCommitInput,
} from '../../../main/api/schemas/intake';
import { MESSAGE_CHANNELS } from '../../../main/api/schemas/messages';
import { toCents } from '../common/format';
import { Tr } from '../common/Tr';

export type CustomerMode = 'search' | 'existing' | 'new';

/** The form's values. Nested names match the API's issue paths (customer.phone, device.imei, ticket.problem). */
export interface IntakeValues {
  customerMode: CustomerMode;
  customerId: number | null;
  customer: { name: string; phone: string; email: string; channel: (typeof CHANNELS)[number] };
  /** A new customer's consent to status messages and preferred channel ('rule': as each rule says). */
  messaging: { consent: boolean; preference: 'rule' | (typeof MESSAGE_CHANNELS)[number] };
  /** null: a new device typed below. */
  deviceId: number | null;
  device: {
    type: (typeof DEVICE_TYPES)[number];
    brand: string;
    model: string;
    serial: string;
    imei: string;
    purchaseDate: string | null;
    proof: (typeof PROOFS)[number];
  };
  ticket: {
    problem: string;
    category: (typeof CATEGORIES)[number];
    priority: (typeof PRIORITIES)[number];
    serviceMode: (typeof SERVICE_MODES)[number];
    accessories: Array<(typeof ACCESSORIES)[number]>;
    conditionNotes: string;
    backupAck: boolean;
    passcode: string;
    exclusion: (typeof EXCLUSIONS)[number];
    estimate: number | string;
    deposit: number | string;
  };
}

export const initialValues = (): IntakeValues => ({
  customerMode: 'search',
  customerId: null,
  customer: { name: '', phone: '', email: '', channel: 'our_store' },
  messaging: { consent: false, preference: 'rule' },
  deviceId: null,
  device: { type: 'phone', brand: '', model: '', serial: '', imei: '', purchaseDate: null, proof: 'none' },
  ticket: {
    problem: '',
    category: 'fault',
    priority: 'normal',
    serviceMode: 'carry_in',
    accessories: [],
    conditionNotes: '',
    backupAck: false,
    passcode: '',
    exclusion: 'none',
    estimate: '',
    deposit: '',
  },
});

export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** The payload for `intake.commit`: money in integer cents, empty optionals left out. */
export function toPayload(v: IntakeValues, idempotencyKey: string): IntakeCommitInput {
  const customer: IntakeCommitInput['customer'] =
    v.customerMode === 'existing' && v.customerId
      ? { id: v.customerId }
      : {
          name: v.customer.name,
          phone: v.customer.phone,
          email: v.customer.email.trim() || undefined,
          channel: v.customer.channel,
        };
  const device: IntakeCommitInput['device'] =
    v.customerMode === 'existing' && v.deviceId
      ? { id: v.deviceId }
      : {
          type: v.device.type,
          brand: v.device.brand,
          model: v.device.model,
          serial: v.device.serial.trim() || undefined,
          imei: v.device.imei.trim() || undefined,
          purchaseDate: v.device.purchaseDate || undefined,
          proof: v.device.proof,
        };
  // An existing customer's consent is kept on their record (changed there, at once); a new
  // customer's comes with the intake. A draft from before this field has none.
  const newCustomer = !('id' in customer);
  const messaging =
    newCustomer && v.messaging
      ? {
          consent: v.messaging.consent,
          preference: v.messaging.preference === 'rule' ? null : v.messaging.preference,
        }
      : undefined;
  return {
    idempotencyKey,
    customer,
    device,
    ...(messaging ? { messaging } : {}),
    ticket: {
      problem: v.ticket.problem,
      category: v.ticket.category,
      priority: v.ticket.priority,
      serviceMode: v.ticket.serviceMode,
      accessories: v.ticket.accessories,
      conditionNotes: v.ticket.conditionNotes,
      backupAck: v.ticket.backupAck as true,
      passcode: v.ticket.passcode || undefined,
      exclusion: v.ticket.exclusion,
      estimateCents: toCents(v.ticket.estimate),
      depositCents: toCents(v.ticket.deposit),
    },
  };
}

/** API paths → form paths (money is typed in units, sent in cents). */
export function formPath(apiPath: string): string {
  return apiPath.replace(/^ticket\.estimateCents$/, 'ticket.estimate').replace(/^ticket\.depositCents$/, 'ticket.deposit');
}

function issueParams(issue: z.core.$ZodIssue): Record<string, unknown> {
  const i = issue as { maximum?: unknown; minimum?: unknown };
  return { max: i.maximum, min: i.minimum };
}

/** Runs the shared zod schemas in the browser; returns translated errors by form path. */
export function validateLocally(payload: IntakeCommitInput): Record<string, ReactNode> {
  const out: Record<string, ReactNode> = {};
  const parts: Array<[string, z.ZodType, unknown]> = [['ticket', ticketFieldsSchema, payload.ticket]];
  if (!('id' in payload.customer)) parts.push(['customer', newCustomerSchema.strict(), payload.customer]);
  if (!('id' in payload.device)) parts.push(['device', newDeviceSchema.strict(), payload.device]);
  for (const [prefix, schema, value] of parts) {
    const r = schema.safeParse(value);
    if (r.success) continue;
    for (const issue of r.error.issues) {
      const path = formPath([prefix, ...issue.path.map(String)].join('.'));
      const key = issue.message.startsWith('errors.') ? issue.message : 'errors.field.invalid';
      if (!out[path]) out[path] = createElement(Tr, { k: key, params: issueParams(issue) });
    }
  }
  if (Object.keys(out).length === 0 && !intakeCommitSchema.safeParse(payload).success) out._form = createElement(Tr, { k: 'errors.validation' });
  return out;
}

export function deviceLabel(d: Pick<DeviceDto, 'brand' | 'model'>) {
  return d.model.toLowerCase().startsWith(d.brand.toLowerCase()) ? d.model : `${d.brand} ${d.model}`;
}
